/* The publication page while the files are rendered: poll the job's state, reload once it is finished. */
(function () {
  "use strict";
  var box = document.querySelector("#job-status .publication-job");
  if (!box) return;
  function poll() {
    fetch(box.dataset.statusUrl, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (s) {
      box.querySelector(".job-label").textContent = s.label;
      if (s.finished) { window.location.reload(); } else { window.setTimeout(poll, 1500); }
    }).catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
