// Scales each slide to its frame; in a static deck, shows one slide at a time with keyboard navigation.
"use strict";
(function () {
  const body = document.body;

  function rows() { return Array.from(document.querySelectorAll(".row")); }

  function fit() {
    for (const viewport of document.querySelectorAll(".viewport")) {
      const slide = viewport.querySelector(".slide");
      const width = slide.offsetWidth, height = slide.offsetHeight;
      let scale = viewport.clientWidth / width;
      // One slide at a time: the whole slide in the window, however wide the window is.
      if (body.classList.contains("present")) scale = Math.min(scale, (window.innerHeight - 32) / height);
      slide.style.transform = "scale(" + scale + ")";
      viewport.style.height = height * scale + "px";
    }
  }

  let current = 0;
  function show(index) {
    const all = rows();
    if (!all.length) return;
    current = Math.max(0, Math.min(all.length - 1, index));
    all.forEach((row, i) => row.classList.toggle("current", i === current));
    if (body.classList.contains("present")) history.replaceState(null, "", "#" + (current + 1));
    fit();
  }

  if (body.dataset.mode === "static") {
    body.classList.add("present");
    show((parseInt(location.hash.slice(1), 10) || 1) - 1);
    document.addEventListener("keydown", (event) => {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      const keys = {
        ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1,
      };
      if (event.key in keys) show(current + keys[event.key]);
      else if (event.key === "Home") show(0);
      else if (event.key === "End") show(rows().length - 1);
      else if (event.key === "n") body.classList.toggle("hide-notes");
      else if (event.key === "o") { body.classList.toggle("present"); fit(); }
      else return;
      event.preventDefault();
    });
  }
  window.addEventListener("resize", fit);
  window.lecturedeckFit = fit;
  fit();
})();
