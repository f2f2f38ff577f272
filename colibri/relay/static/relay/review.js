/* Review queue: keyboard and one-click decisions without page reloads.
 *
 * The page works without this file (plain forms posting to the decision endpoint);
 * this script only intercepts those forms, sends them with fetch() and removes the
 * decided card. Keys: j/k move, a approve, r reject then 1-5 for the reason,
 * n not a request, z undo the last decision made on this page, o open the request page,
 * e send the advice shown on the card (its text may be edited first),
 * ? help, Esc close.
 * Everything shown comes from the server as text (textContent), never as HTML.
 */
(function () {
  "use strict";

  var queue = document.getElementById("queue");
  if (!queue) return;
  var configNode = document.getElementById("queue-config");
  var config = configNode ? JSON.parse(configNode.textContent) : { templates: {}, messages: {} };
  var live = document.getElementById("live");
  var help = document.getElementById("help");
  var countNode = document.getElementById("queue-count");
  var undoBar = document.getElementById("undo-bar");
  var undoText = undoBar && undoBar.querySelector(".undo-text");
  var undoButton = undoBar && undoBar.querySelector("[data-undo]");
  var current = null;
  // The last decision made on this page: its card (kept out of the document), where it stood, and
  // how to take it back. One level only: `z` undoes the last decision, not a history.
  var last = null;
  var offerTimer = null;

  function cards() {
    return Array.prototype.slice.call(queue.querySelectorAll("article.card:not(.is-leaving)"));
  }

  function announce(text) {
    if (!live) return;
    live.textContent = "";
    // A fresh text node each time makes screen readers announce repeated messages.
    window.setTimeout(function () { live.textContent = text; }, 30);
  }

  function setCurrent(card, focus) {
    if (current && current !== card) {
      current.classList.remove("is-current");
      closeReject(current);
    }
    current = card;
    if (!card) return;
    card.classList.add("is-current");
    if (focus) {
      card.focus({ preventScroll: true });
      card.scrollIntoView({ block: "nearest", behavior: "auto" });
    }
  }

  function move(step) {
    var list = cards();
    if (!list.length) return;
    var i = list.indexOf(current);
    var next = i < 0 ? 0 : Math.min(Math.max(i + step, 0), list.length - 1);
    setCurrent(list[next], true);
  }

  function rejectBox(card) { return card.querySelector(".reject-choices"); }

  function openReject(card) {
    var box = rejectBox(card);
    if (!box) return;
    box.classList.add("open");
    var btn = card.querySelector("[data-open-reject]");
    if (btn) btn.setAttribute("aria-expanded", "true");
  }

  function closeReject(card) {
    var box = rejectBox(card);
    if (!box) return;
    box.classList.remove("open");
    delete card.dataset.pendingTemplate;
    var btn = card.querySelector("[data-open-reject]");
    if (btn) btn.setAttribute("aria-expanded", "false");
  }

  function isRejectOpen(card) {
    var box = card && rejectBox(card);
    return !!(box && box.classList.contains("open"));
  }

  function showError(card, text) {
    var node = card.querySelector(".card-error");
    if (!node) return;
    node.textContent = text;
    node.hidden = false;
  }

  function updateCount(delta) {
    if (!countNode) return;
    var n = parseInt(countNode.textContent, 10);
    if (!isNaN(n)) countNode.textContent = String(Math.max(n + delta, 0));
  }

  function removeCard(card) {
    var list = cards();
    var i = list.indexOf(card);
    var next = list[i + 1] || list[i - 1] || null;
    card.classList.add("is-leaving");
    card.remove();
    updateCount(-1);
    if (current === card) current = null;
    if (next) {
      setCurrent(next, true);
    } else if (countNode && parseInt(countNode.textContent, 10) > 0) {
      // This page is cleared but more requests wait (next page or new arrivals): fetch the next batch.
      window.location.reload();
    } else {
      var empty = queue.querySelector(".empty");
      if (empty) {
        empty.hidden = false;
        empty.setAttribute("tabindex", "-1");
        empty.focus();
      }
      announce(config.messages.empty || "");
    }
  }

  function showUndoBar(text, offer, ms) {
    if (!undoBar) return;
    undoText.textContent = text || "";
    undoButton.hidden = !offer;
    undoBar.hidden = false;
    if (offerTimer) window.clearTimeout(offerTimer);
    // The offer fades after a while (the page's last decision stays undoable with `z` as long as the
    // server allows it); a refusal or confirmation message stays until the next decision.
    offerTimer = offer ? window.setTimeout(function () { undoBar.hidden = true; }, ms || (config.undoOfferSeconds || 30) * 1000) : null;
  }

  // Clearing the page's last card fetches the next batch (a reload): the offer survives it through
  // sessionStorage (this tab only), for what is left of its time. Only the undo URL and the message
  // are kept, never the card's content.
  var STORE = "colibri.review.undo";

  function store(entry) {
    try {
      if (entry) {
        window.sessionStorage.setItem(STORE, JSON.stringify({ url: entry.url, message: entry.message, at: Date.now() }));
      } else {
        window.sessionStorage.removeItem(STORE);
      }
    } catch (err) { /* storage disabled: the offer just ends with the page */ }
  }

  function stored() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(STORE) || "null");
      var left = saved && (config.undoOfferSeconds || 30) * 1000 - (Date.now() - saved.at);
      return saved && saved.url && left > 0 ? { url: saved.url, message: saved.message, left: left } : null;
    } catch (err) {
      return null;
    }
  }

  function remember(card, url, token, message) {
    // The cards after it, in order: it goes back before the first one still on the page.
    var after = [];
    for (var n = card.nextElementSibling; n; n = n.nextElementSibling) {
      if (n.matches("article.card")) after.push(n);
    }
    last = { card: card, url: url, token: token, after: after, message: message };
    store(last);
  }

  function barToken() {
    var input = undoBar && undoBar.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function restoreCard(entry) {
    var card = entry.card;
    var anchor = null;
    for (var i = 0; i < entry.after.length; i++) {
      if (entry.after[i].parentNode === queue) { anchor = entry.after[i]; break; }
    }
    queue.insertBefore(card, anchor || queue.querySelector(".empty"));
    card.classList.remove("is-leaving");
    setBusy(card, false);
    var empty = queue.querySelector(".empty");
    if (empty) empty.hidden = true;
    updateCount(1);
    setCurrent(card, true);
  }

  function undo() {
    var entry = last;
    if (!entry || entry.busy) return;
    entry.busy = true;
    var data = new FormData();
    data.set("csrfmiddlewaretoken", entry.token || "");
    if (undoButton) undoButton.disabled = true;
    fetch(entry.url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": entry.token || "" }
    }).then(function (response) {
      var isJson = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (response.redirected || (response.status === 403 && !isJson)) {
        window.location.reload(); // session or CSRF cookie gone, as for decisions
        return { status: 0, body: {} };
      }
      return response.json().catch(function () { return {}; }).then(function (body) {
        return { status: response.status, body: body };
      });
    }).then(function (res) {
      if (undoButton) undoButton.disabled = false;
      entry.busy = false;
      if (!res.status) return;
      if (res.status === 200 && res.body.ok) {
        if (last === entry) last = null;
        store(null);
        if (!entry.card) {
          // Offered again after a reload: the card is not on this page; the queue shows it once reloaded.
          window.location.reload();
          return;
        }
        restoreCard(entry);
        showUndoBar(res.body.message || config.messages.undone, false);
        announce(res.body.message || config.messages.undone || "");
      } else {
        // Too late (already relayed), or not this person's decision: say why; nothing more to undo here.
        if (last === entry) last = null;
        store(null);
        var text = (res.body && res.body.error) || config.messages.undo_error || "";
        showUndoBar(text, false);
        announce(text);
      }
    }).catch(function () {
      if (undoButton) undoButton.disabled = false;
      entry.busy = false;
      showUndoBar(config.messages.undo_error || "", true);
    });
  }

  function setBusy(card, busy) {
    card.querySelectorAll("button").forEach(function (b) { b.disabled = busy; });
    if (busy) card.dataset.busy = "1"; else delete card.dataset.busy;
  }

  function decide(card, decision) {
    if (!card || card.dataset.busy) return;
    var form = card.querySelector("form.decide");
    if (!form) return;
    var data = new FormData(form); // carries csrfmiddlewaretoken, next and detail
    data.set("decision", decision);
    var token = data.get("csrfmiddlewaretoken");
    setBusy(card, true);
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": token || "" }
    }).then(function (response) {
      var isJson = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (response.redirected || (response.status === 403 && !isJson)) {
        // The session expired (the login page answered) or the CSRF cookie is gone (Django's 403 page):
        // reloading leads to the login page with ?next=, or gets a fresh token.
        window.location.reload();
        return { status: 0, body: {} };
      }
      return response.json().catch(function () { return {}; }).then(function (body) {
        return { status: response.status, body: body };
      });
    }).then(function (res) {
      if (res.status === 200 && res.body.ok) {
        announce(res.body.message || "");
        remember(card, card.dataset.undoUrl, token, res.body.message || "");
        showUndoBar(res.body.message || "", !!card.dataset.undoUrl);
        removeCard(card);
      } else if (res.status === 409) {
        // Decided elsewhere meanwhile: it no longer belongs in the queue either.
        announce(res.body.error || config.messages.error);
        removeCard(card);
      } else if (res.status) {
        setBusy(card, false);
        showError(card, (res.body && res.body.error) || config.messages.error);
      }
    }).catch(function () {
      setBusy(card, false);
      showError(card, config.messages.network);
    });
  }

  function chooseTemplate(card, shortcut) {
    var t = config.templates[shortcut];
    if (!t) return;
    var input = card.querySelector("input.detail");
    if (t.key === "other" && input && !input.value.trim()) {
      // "Autre : …" means nothing without its detail: ask for it, Enter sends.
      card.dataset.pendingTemplate = t.key;
      input.focus();
      announce(config.messages.detail_needed || "");
      return;
    }
    decide(card, "reject:" + t.key);
  }

  // The advice reply (colibri/advice): queued through the outbox; the card stays (it is not a decision).
  function sendAdvice(form) {
    if (!form || form.dataset.busy || form.dataset.sent) return;
    form.dataset.busy = "1";
    var data = new FormData(form);
    var token = data.get("csrfmiddlewaretoken") || "";
    fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": token }
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        return { status: response.status, body: body };
      });
    }).then(function (res) {
      delete form.dataset.busy;
      var text = (res.body && (res.body.message || res.body.error)) || "";
      var note = form.querySelector(".advice-status") || document.createElement("p");
      note.className = "advice-status" + (res.body && res.body.ok ? "" : " field-error");
      note.textContent = text;
      form.appendChild(note);
      if (res.body && res.body.ok) {
        form.dataset.sent = "1";
        form.querySelector("textarea").readOnly = true;
        form.querySelector("button").disabled = true;
      }
      announce(text);
    }).catch(function () { delete form.dataset.busy; });
  }

  function isTyping(el) {
    if (!el) return false;
    var tag = el.tagName;
    // A tick box keeps the keys working (j, k, a… right after ticking with the mouse).
    if (tag === "INPUT" && el.type === "checkbox") return false;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || el.isContentEditable;
  }

  function toggleHelp(force) {
    if (!help) return;
    help.hidden = typeof force === "boolean" ? !force : !help.hidden;
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var target = e.target;
    if (isTyping(target)) {
      var card = target.closest && target.closest("article.card");
      if (card && target.classList.contains("detail")) {
        if (e.key === "Enter") {
          e.preventDefault();
          decide(card, "reject:" + (card.dataset.pendingTemplate || "incomplete"));
        } else if (e.key === "Escape") {
          target.blur();
          closeReject(card);
          setCurrent(card, true);
        }
      }
      return;
    }
    var key = e.key;
    if (key === "?") { toggleHelp(); e.preventDefault(); return; }
    if (key === "Escape") {
      toggleHelp(false);
      if (current) closeReject(current);
      return;
    }
    if (key === "j") { move(1); e.preventDefault(); return; }
    if (key === "k") { move(-1); e.preventDefault(); return; }
    if (key === "z") { e.preventDefault(); undo(); return; }
    if (!current) {
      var first = cards()[0];
      if (!first) return;
      setCurrent(first, true);
    }
    if (isRejectOpen(current) && config.templates[key]) {
      e.preventDefault();
      chooseTemplate(current, key);
      return;
    }
    switch (key) {
      case "a": e.preventDefault(); decide(current, "approve"); break;
      case "n": e.preventDefault(); decide(current, "not_request"); break;
      case "x": {
        // Tick or untick the current card for « Décider pour les demandes cochées ».
        var pick = current.querySelector("input.pick");
        if (pick) { e.preventDefault(); pick.checked = !pick.checked; }
        break;
      }
      case "r":
        e.preventDefault();
        if (isRejectOpen(current)) closeReject(current); else openReject(current);
        break;
      case "e": {
        var advice = current.querySelector("form.advice-form");
        if (advice) { e.preventDefault(); sendAdvice(advice); }
        break;
      }
      case "o": {
        var link = current.querySelector(".req-link");
        if (link) window.location.href = link.href;
        break;
      }
      default: break;
    }
  });

  // Clicks: the plain forms' buttons go through the same path as the keys.
  queue.addEventListener("submit", function (e) {
    var form = e.target;
    if (form.matches && form.matches("form.advice-form")) {
      e.preventDefault();
      sendAdvice(form);
      return;
    }
    if (!form.matches || !form.matches("form.decide")) return;
    e.preventDefault();
    var card = form.closest("article.card");
    var submitter = e.submitter;
    var decision = submitter && submitter.value;
    if (!card || !decision) return;
    setCurrent(card, false);
    if (decision.indexOf("reject:") === 0 && submitter.dataset.templateKey) {
      chooseTemplate(card, submitter.dataset.templateKey);
    } else {
      decide(card, decision);
    }
  });

  queue.addEventListener("click", function (e) {
    var card = e.target.closest("article.card");
    if (!card) return;
    if (e.target.closest("[data-open-reject]")) {
      setCurrent(card, false);
      if (isRejectOpen(card)) closeReject(card); else openReject(card);
      return;
    }
    if (card !== current) setCurrent(card, false);
  });

  if (undoButton) undoButton.addEventListener("click", function () { undo(); });

  document.querySelectorAll("[data-help-toggle]").forEach(function (btn) {
    btn.addEventListener("click", function () { toggleHelp(); });
  });

  var list = cards();
  if (list.length) setCurrent(list[0], false);

  var saved = stored();
  if (saved) {
    last = { card: null, url: saved.url, token: barToken(), after: [], message: saved.message };
    showUndoBar(saved.message, true, saved.left);
  } else {
    store(null);
  }
})();
