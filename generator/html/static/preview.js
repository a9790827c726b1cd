// The live preview: new slides and diagnostics arrive as server-sent events; nothing is reloaded.
"use strict";
(function () {
  const slides = document.getElementById("slides");
  const status = document.getElementById("status");

  function toast(text) {
    const note = document.createElement("div");
    note.className = "toast";
    note.textContent = text;
    document.body.appendChild(note);
    setTimeout(() => note.remove(), 1500);
  }

  function copy(position) {
    const done = () => toast("copied " + position);
    if (navigator.clipboard) navigator.clipboard.writeText(position).then(done, () => toast(position));
    else toast(position);
  }

  function line(diagnostic) {
    const item = document.createElement("li");
    const position = diagnostic.file + ":" + diagnostic.line + ":" + diagnostic.col;
    item.dataset.pos = position;
    item.textContent = position + ": " + diagnostic.severity + ": " + diagnostic.message + " [" + diagnostic.code + "]";
    for (const key of ["expected", "found", "hint"]) {
      if (diagnostic[key]) {
        const detail = document.createElement("div");
        detail.className = key === "hint" ? "hint" : "";
        detail.textContent = "  " + (key + ":").padEnd(9) + " " + diagnostic[key];
        item.appendChild(detail);
      }
    }
    return item;
  }

  function update(state) {
    if (state.slides !== null) {
      slides.innerHTML = state.slides;
      window.lecturedeckFit();
    }
    status.className = "status " + (state.ok ? "ok" : "errors");
    status.textContent = state.summary;
    if (state.diagnostics.length) {
      const list = document.createElement("ul");
      state.diagnostics.forEach((d) => list.appendChild(line(d)));
      status.appendChild(list);
    }
    document.title = state.title;
  }

  document.addEventListener("click", (event) => {
    const target = event.target.closest("[data-pos]");
    if (target && !event.target.closest("a")) copy(target.dataset.pos);
  });

  const events = new EventSource("events");
  events.addEventListener("deck", (event) => update(JSON.parse(event.data)));
  events.onerror = () => { status.className = "status errors"; status.textContent = "lost the preview server; is lecturedeck preview still running?"; };
})();
