/* A page showing a background job (publication, a batch of audits): poll the job's state and show it, reload
   once it is finished. The box carries data-status-url; .job-label and .job-progress are filled when present. */
(function () {
  "use strict";
  var box = document.querySelector("[data-job-status-url]");
  if (!box) return;
  function show(selector, text) {
    var element = box.querySelector(selector);
    if (element) element.textContent = text;
  }
  function poll() {
    fetch(box.dataset.jobStatusUrl, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (s) {
      show(".job-label", s.label);
      if (s.total !== undefined) show(".job-progress", s.done + " / " + s.total);
      if (s.finished) { window.location.reload(); } else { window.setTimeout(poll, 1500); }
    }).catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
