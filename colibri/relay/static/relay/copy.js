/* Copy buttons of the dashboard (the reply proposed to a seeker). No framework, no external request. */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      try { document.execCommand("copy") ? resolve() : reject(new Error("copy refused")); }
      catch (err) { reject(err); }
      finally { document.body.removeChild(area); }
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-reply]");
    if (!button) return;
    var source = document.querySelector(button.getAttribute("data-copy-reply"));
    if (!source || !source.value) return;
    var label = button.textContent;
    copyText(source.value).then(function () {
      button.textContent = button.getAttribute("data-copied") + " ✓";
      setTimeout(function () { button.textContent = label; }, 1800);
    }, function () {
      // No clipboard access: select the text so Ctrl+C does it.
      source.focus();
      source.select();
    });
  });
})();
