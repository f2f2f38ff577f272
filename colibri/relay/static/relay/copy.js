/* Copy buttons, shared by the dashboard (relay/base.html) and the seekers' tools (composer/base.html).
   A button names what it copies with data-copy-target="<selector of a textarea or input>"; its first child
   is the label (a screen-reader-only span may follow), and data-copied says "copied" in the page's
   language (default "Copié"). No framework, no external request. */
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
    var button = event.target.closest("[data-copy-target]");
    if (!button) return;
    var source = document.querySelector(button.getAttribute("data-copy-target"));
    if (!source || !source.value) return;
    var label = button.firstChild.textContent;
    copyText(source.value).then(function () {
      button.classList.add("is-done");
      button.firstChild.textContent = (button.getAttribute("data-copied") || "Copié") + " ✓";
      setTimeout(function () { button.classList.remove("is-done"); button.firstChild.textContent = label; }, 1800);
    }, function () {
      // No clipboard access: select the text so Ctrl+C does it.
      source.focus();
      source.select();
    });
  });
})();
