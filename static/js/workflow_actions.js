/* Workflow buttons (提交审核, 公开…): once clicked, the button says it is busy and cannot be clicked twice. */
(function () {
  "use strict";
  document.querySelectorAll("form.workflow-action").forEach(function (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("button[type=submit]");
      if (!button) return;
      window.setTimeout(function () {  // after the browser has taken the form's values
        button.disabled = true;
        button.setAttribute("aria-busy", "true");
        button.textContent = button.dataset.busyLabel || "正在处理…";
      }, 0);
    });
  });
})();
