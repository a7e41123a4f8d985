// Redraws a job's progress bar every two seconds without reloading the page, and reloads it once the
// job has finished, so the download button appears. Without JavaScript the page says to refresh it.
(function () {
  "use strict";
  var box = document.querySelector("[data-progress-url]");
  if (!box) return;
  var bar = box.querySelector("[data-progress-bar]");
  var fill = box.querySelector("[data-progress-fill]");
  var text = box.querySelector("[data-progress-text]");
  var said = text.textContent;

  function draw(p) {
    var words = p.percent + "% done. " + p.sentence;
    bar.setAttribute("aria-valuemax", p.total);
    bar.setAttribute("aria-valuenow", p.done);
    bar.setAttribute("aria-valuetext", words);
    fill.setAttribute("width", p.percent);
    if (words !== said) {
      text.textContent = words; // a polite live region: read out only when it changes
      said = words;
    }
  }

  function poll() {
    fetch(box.getAttribute("data-progress-url"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (p) {
        if (!p) return;
        draw(p);
        if (p.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, 2000);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2000);
})();
