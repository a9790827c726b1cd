"""Graphviz colour values (X11 names, gray levels, #RRGGBB[AA], HSV) as "RRGGBB"."""

from __future__ import annotations

import colorsys
import re

# Graphviz's default colour scheme is X11, which differs from CSS for gray, green, maroon, purple.
_X11_COLOURS: dict[str, str] = {
    "aliceblue": "F0F8FF", "antiquewhite": "FAEBD7", "aquamarine": "7FFFD4", "azure": "F0FFFF",
    "beige": "F5F5DC", "bisque": "FFE4C4", "black": "000000", "blanchedalmond": "FFEBCD",
    "blue": "0000FF", "blueviolet": "8A2BE2", "brown": "A52A2A", "burlywood": "DEB887",
    "cadetblue": "5F9EA0", "chartreuse": "7FFF00", "chocolate": "D2691E", "coral": "FF7F50",
    "cornflowerblue": "6495ED", "cornsilk": "FFF8DC", "crimson": "DC143C", "cyan": "00FFFF",
    "darkblue": "00008B", "darkcyan": "008B8B", "darkgoldenrod": "B8860B", "darkgray": "A9A9A9",
    "darkgreen": "006400", "darkgrey": "A9A9A9", "darkkhaki": "BDB76B", "darkmagenta": "8B008B",
    "darkolivegreen": "556B2F", "darkorange": "FF8C00", "darkorchid": "9932CC",
    "darkred": "8B0000", "darksalmon": "E9967A", "darkseagreen": "8FBC8F",
    "darkslateblue": "483D8B", "darkslategray": "2F4F4F", "darkslategrey": "2F4F4F",
    "darkturquoise": "00CED1", "darkviolet": "9400D3", "deeppink": "FF1493",
    "deepskyblue": "00BFFF", "dimgray": "696969", "dimgrey": "696969", "dodgerblue": "1E90FF",
    "firebrick": "B22222", "floralwhite": "FFFAF0", "forestgreen": "228B22",
    "gainsboro": "DCDCDC", "ghostwhite": "F8F8FF", "gold": "FFD700", "goldenrod": "DAA520",
    "gray": "BEBEBE", "green": "00FF00", "greenyellow": "ADFF2F", "grey": "BEBEBE",
    "honeydew": "F0FFF0", "hotpink": "FF69B4", "indianred": "CD5C5C", "indigo": "4B0082",
    "ivory": "FFFFF0", "khaki": "F0E68C", "lavender": "E6E6FA", "lavenderblush": "FFF0F5",
    "lawngreen": "7CFC00", "lemonchiffon": "FFFACD", "lightblue": "ADD8E6",
    "lightcoral": "F08080", "lightcyan": "E0FFFF", "lightgoldenrodyellow": "FAFAD2",
    "lightgray": "D3D3D3", "lightgreen": "90EE90", "lightgrey": "D3D3D3", "lightpink": "FFB6C1",
    "lightsalmon": "FFA07A", "lightseagreen": "20B2AA", "lightskyblue": "87CEFA",
    "lightslategray": "778899", "lightslategrey": "778899", "lightsteelblue": "B0C4DE",
    "lightyellow": "FFFFE0", "limegreen": "32CD32", "linen": "FAF0E6", "magenta": "FF00FF",
    "maroon": "B03060", "mediumaquamarine": "66CDAA", "mediumblue": "0000CD",
    "mediumorchid": "BA55D3", "mediumpurple": "9370DB", "mediumseagreen": "3CB371",
    "mediumslateblue": "7B68EE", "mediumspringgreen": "00FA9A", "mediumturquoise": "48D1CC",
    "mediumvioletred": "C71585", "midnightblue": "191970", "mintcream": "F5FFFA",
    "mistyrose": "FFE4E1", "moccasin": "FFE4B5", "navajowhite": "FFDEAD", "navy": "000080",
    "navyblue": "000080", "oldlace": "FDF5E6", "olivedrab": "6B8E23", "orange": "FFA500",
    "orangered": "FF4500", "orchid": "DA70D6", "palegoldenrod": "EEE8AA", "palegreen": "98FB98",
    "paleturquoise": "AFEEEE", "palevioletred": "DB7093", "papayawhip": "FFEFD5",
    "peachpuff": "FFDAB9", "peru": "CD853F", "pink": "FFC0CB", "plum": "DDA0DD",
    "powderblue": "B0E0E6", "purple": "A020F0", "red": "FF0000", "rosybrown": "BC8F8F",
    "royalblue": "4169E1", "saddlebrown": "8B4513", "salmon": "FA8072", "sandybrown": "F4A460",
    "seagreen": "2E8B57", "seashell": "FFF5EE", "sienna": "A0522D", "skyblue": "87CEEB",
    "slateblue": "6A5ACD", "slategray": "708090", "slategrey": "708090", "snow": "FFFAFA",
    "springgreen": "00FF7F", "steelblue": "4682B4", "tan": "D2B48C", "thistle": "D8BFD8",
    "tomato": "FF6347", "turquoise": "40E0D0", "violet": "EE82EE", "violetred": "D02090",
    "wheat": "F5DEB3", "white": "FFFFFF", "whitesmoke": "F5F5F5", "yellow": "FFFF00",
    "yellowgreen": "9ACD32",
}  # fmt: skip
_GRAY_LEVEL = re.compile(r"gr[ae]y(\d{1,3})")
_HSV = re.compile(r"\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)\s*")


def _parse_colour(value: str) -> tuple[bool, str | None]:
    """Return whether Graphviz colour `value` is known, and it as "RRGGBB" (None: transparent)."""
    lowered = value.lower().replace(" ", "")
    if lowered in ("transparent", "none", "invis"):
        return True, None
    if re.fullmatch(r"#[0-9a-f]{6}([0-9a-f]{2})?", lowered):
        # Slides have no alpha here: drop it, unless the colour is wholly transparent.
        return True, None if lowered[7:] == "00" else lowered[1:7].upper()
    hsv = _HSV.fullmatch(value)
    if hsv:
        hue, saturation, brightness = (min(float(part), 1.0) for part in hsv.groups())
        red, green, blue = colorsys.hsv_to_rgb(hue, saturation, brightness)
        return True, f"{round(red * 255):02X}{round(green * 255):02X}{round(blue * 255):02X}"
    scheme, _, name = lowered.rpartition("/")
    if scheme not in ("", "/", "/x11"):
        return False, None
    gray = _GRAY_LEVEL.fullmatch(name)
    if gray and int(gray.group(1)) <= 100:
        # X11 rounds gray levels with halves going down: gray50 is 7F.
        level = (int(gray.group(1)) * 255 + 49) // 100
        return True, f"{level:02X}" * 3
    color = _X11_COLOURS.get(name)
    return color is not None, color
