/* A form that asks before it is sent: <form data-confirm="Question ?">. The Content-Security-Policy
   forbids inline handlers (onsubmit="…"), so the question is asked from here. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) event.preventDefault();
  });
})();
