/* Colibri composer: live preview, autocomplete (copy buttons: relay/copy.js). No framework, no external request.
   What the seeker types is POSTed (never put in a URL) and never stored by the server. */
(function () {
  "use strict";

  function fit(area) {
    // Show the whole text: a seeker should read what they are about to publish without scrolling a box.
    area.style.height = "auto";
    area.style.height = (area.scrollHeight + 2) + "px";
  }
  document.querySelectorAll("textarea[data-text], textarea[data-alt]").forEach(function (area) {
    if (area.value) fit(area);
  });

  var form = document.getElementById("composer-form");
  if (!form) return;

  var preview = document.getElementById("preview");
  var status = preview.querySelector("[data-status]");
  var warnings = preview.querySelector("[data-warnings]");
  var altBox = preview.querySelector("[data-alt]");
  var skillsField = form.querySelector("[name=skills]");
  var skillCount = form.querySelector("[data-skill-count]");
  var csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
  var touched = {};
  var sequence = 0;
  var objectUrls = {};
  var timer = null;
  // Every text shown here comes translated from the page (views._script_messages): no language in this file.
  var messages = JSON.parse(document.getElementById("cp-messages").textContent);

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      body: body,
      headers: { "X-CSRFToken": csrf, "X-Requested-With": "fetch" },
      credentials: "same-origin",
      cache: "no-store",
    }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response;
    });
  }

  function hasContent() {
    return ["job", "place", "skills", "pitch", "link"].some(function (name) {
      var field = form.elements[name];
      return field && field.value.trim() !== "";
    });
  }

  function setStatus(text, busy) {
    status.textContent = text;
    status.classList.toggle("is-busy", !!busy);
  }

  function showErrors(errors) {
    form.querySelectorAll("[data-error-for]").forEach(function (node) {
      var name = node.getAttribute("data-error-for");
      var messages = errors[name] || [];
      var show = touched[name] && messages.length > 0;
      node.hidden = !show;
      node.textContent = show ? messages.join(" ") : "";
      var wrapper = node.closest(".cp-field");
      if (wrapper) wrapper.classList.toggle("has-error", show);
      var input = form.elements[name];
      if (input && input.setAttribute) {
        if (show) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
        // Screen readers announce the error with the field once it is shown.
        var ids = (input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
        if (show && node.id && ids.indexOf(node.id) < 0) ids.push(node.id);
        if (ids.length) input.setAttribute("aria-describedby", ids.join(" "));
      }
    });
  }

  function updateSkillCount() {
    var n = skillsField.value.split("\n").filter(function (line) { return line.trim() !== ""; }).length;
    var labels = messages.skill_count;
    // Past the last prepared count, reuse its (plural) label with the actual number.
    skillCount.textContent = n < labels.length ? labels[n] : labels[labels.length - 1].replace(/\d+/, String(n));
    skillCount.classList.toggle("is-bad", (n > 0 && n < 3) || n > 8);
  }

  function renderTexts(data) {
    data.posts.forEach(function (item) {
      var article = preview.querySelector(".cp-post[data-network='" + item.network + "']");
      if (!article) return;
      var area = article.querySelector("[data-text]");
      area.value = item.text;
      fit(area);
      var count = article.querySelector("[data-count]");
      count.textContent = item.count + " / " + item.limit;
      count.classList.toggle("is-over", !item.fits);
      var intent = article.querySelector("[data-intent]");
      intent.href = item.intent_url;
      intent.removeAttribute("aria-disabled");
    });
    altBox.value = data.alt;
    fit(altBox);
    preview.querySelectorAll("[data-card-img]").forEach(function (img) { img.alt = data.alt; });
    warnings.textContent = "";
    data.warnings.forEach(function (text) {
      var li = document.createElement("li");
      li.textContent = text;
      warnings.appendChild(li);
    });
    warnings.hidden = data.warnings.length === 0;
  }

  function renderCard(shape, blob) {
    var figure = preview.querySelector(".cp-card[data-shape='" + shape + "']");
    if (objectUrls[shape]) URL.revokeObjectURL(objectUrls[shape]);
    var url = URL.createObjectURL(blob);
    objectUrls[shape] = url;
    var img = figure.querySelector("[data-card-img]");
    img.src = url;
    img.hidden = false;
    var link = figure.querySelector("[data-download]");
    link.href = url;
    link.removeAttribute("aria-disabled");
  }

  function refresh() {
    if (!hasContent()) return;
    var mine = ++sequence;
    var body = new FormData(form);
    setStatus(messages.updating, true);
    var texts = post(form.dataset.previewUrl, body).then(function (r) { return r.json(); }).then(function (data) {
      if (mine !== sequence) return;
      renderTexts(data);
      showErrors(data.errors);
      return data;
    });
    var cards = ["landscape", "square"].map(function (shape) {
      return post(form.dataset.cardUrl.replace("SHAPE", shape), new FormData(form))
        .then(function (r) { return r.blob(); })
        .then(function (blob) { if (mine === sequence) renderCard(shape, blob); });
    });
    Promise.all([texts].concat(cards)).then(function (results) {
      if (mine !== sequence) return;
      var data = results[0];
      setStatus(data && data.ready ? messages.ready : messages.incomplete, false);
    }, function () {
      if (mine === sequence) setStatus(messages.failed, false);
    });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 350);
  }

  // ---- autocomplete through <datalist> -----------------------------------------------------
  var hasJobs = JSON.parse((document.getElementById("cp-has-jobs") || { textContent: "false" }).textContent);
  function suggester(input, listId, url) {
    var list = document.getElementById(listId);
    var wait = null;
    var last = "";
    input.addEventListener("input", function () {
      clearTimeout(wait);
      var q = input.value.trim();
      if (q.length < 2 || q === last) return;
      wait = setTimeout(function () {
        last = q;
        fetch(url + "?q=" + encodeURIComponent(q), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(function (data) {
            if (input.value.trim() !== q) return;
            list.textContent = "";
            data.results.forEach(function (label) {
              var option = document.createElement("option");
              option.value = label;
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are a convenience: typing stays free */ });
      }, 200);
    });
  }
  if (hasJobs) suggester(form.elements.job, "job-suggestions", form.dataset.jobsUrl);
  suggester(form.elements.place, "place-suggestions", form.dataset.placesUrl);

  form.addEventListener("input", function () { updateSkillCount(); schedule(); });
  form.addEventListener("change", schedule);
  form.addEventListener("focusout", function (event) {
    if (event.target.name) { touched[event.target.name] = true; schedule(); }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    Array.prototype.forEach.call(form.elements, function (el) { if (el.name) touched[el.name] = true; });
    refresh();
    preview.scrollIntoView({ behavior: "smooth", block: "start" });
  });

  updateSkillCount();
  if (hasContent()) refresh();
})();
