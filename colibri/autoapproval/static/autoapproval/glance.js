// One key per row: pressing a row's number presses its "Withdraw" button (a plain form post).
(function () {
  "use strict";
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var tag = e.target && e.target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    var button = document.querySelector('#auto-approved button[data-key="' + e.key + '"]');
    if (button) {
      e.preventDefault();
      button.click();
    }
  });
})();
