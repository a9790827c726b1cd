#!/usr/bin/env bash
# Install the Debian packages that provide what is missing, and nothing else.
# Each argument is "COMMAND:PACKAGE" (a program on PATH), "font:FAMILY:PACKAGE" (a font known to
# fontconfig), "file:PATH:PACKAGE" (a file the package installs) or "venv:PACKAGE" (Python's venv module).
set -euo pipefail

missing=()
for spec in "$@"; do
  case "$spec" in
    font:*)
      rest=${spec#font:}; family=${rest%%:*}; package=${rest#*:}
      # Read all of fc-list first: under pipefail, 'grep -q' quitting early would fail the pipe.
      fonts=$(fc-list : family 2>/dev/null || true)
      if ! grep -qi -- "$family" <<<"$fonts"; then missing+=("$package"); fi ;;
    file:*)
      rest=${spec#file:}; path=${rest%%:*}; package=${rest#*:}
      if [ ! -e "$path" ]; then missing+=("$package"); fi ;;
    venv:*)
      missing+=("${spec#venv:}") ;;
    *)
      command=${spec%%:*}; package=${spec#*:}
      if ! command -v "$command" >/dev/null 2>&1; then missing+=("$package"); fi ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing missing system packages: ${missing[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run=(sudo -n)
else
  echo "error: cannot install ${missing[*]}: run as root, or install them yourself:" >&2
  echo "  sudo apt-get update && sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: apt-get is not available; install these packages with your system's package manager: ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -qq
"${run[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
