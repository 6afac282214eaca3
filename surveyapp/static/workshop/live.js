/* Workshop pages, live: autosave notes while typing, follow others' changes, count down the
   gallery walk, refresh when the workshop moves on. Everything also works without this file:
   forms submit and save, and a refresh shows the latest state. No inline script (CSP). */
(function () {
  "use strict";
  var region = document.getElementById("live-region");
  if (!region || !window.fetch || !window.FormData) { return; }
  var stateUrl = region.getAttribute("data-state-url");
  var phase = region.getAttribute("data-phase");
  var mode = region.getAttribute("data-live");
  var POLL_MS = 4000, SAVE_DELAY_MS = 1200;
  var lastStamp = null;

  /* -- the gallery timer ----------------------------------------------------------------- */
  // looked up at every tick: a refreshed region brings a new timer element with it
  var tick = function () {
    var timer = document.querySelector("[data-seconds-left]");
    if (!timer) { return; }
    if (!timer.getAttribute("data-end-ms")) {
      timer.setAttribute("data-end-ms", String(Date.now() + 1000 * parseInt(timer.getAttribute("data-seconds-left"), 10)));
    }
    var s = Math.max(0, Math.round((parseInt(timer.getAttribute("data-end-ms"), 10) - Date.now()) / 1000));
    var m = Math.floor(s / 60), r = s % 60;
    var left = timer.querySelector(".timer-left");
    if (left) { left.textContent = s > 0 ? m + ":" + (r < 10 ? "0" : "") + r : timer.getAttribute("data-done-text"); }
  };
  tick();
  window.setInterval(tick, 1000);

  /* -- autosave: one field at a time, with the version it started from ------------------- */
  var forms = document.querySelectorAll("form[data-autosave]");
  Array.prototype.forEach.call(forms, function (form) {
    Array.prototype.forEach.call(form.querySelectorAll(".note"), function (box) {
      var area = box.querySelector("textarea");
      var version = box.querySelector("input[name^='version']");
      var base = box.querySelector("input[name^='base']");
      var status = box.querySelector(".save-status");
      var timerId = null, saving = false, again = false;
      area.setAttribute("data-dirty", "0");
      var save = function () {
        if (saving) { again = true; return; }
        saving = true;
        var data = new FormData();
        data.append("csrf_token", form.querySelector("input[name='csrf_token']").value);
        data.append(version.name, version.value);
        data.append(base.name, base.value);
        data.append(area.name, area.value);
        var sent = area.value;
        fetch(form.action, { method: "POST", body: data, credentials: "same-origin",
                             headers: { "Accept": "application/json" } })
          .then(function (response) { return response.json().then(function (body) { return [response, body]; }); })
          .then(function (pair) {
            var body = pair[1], saved = null;
            if (!pair[0].ok) { status.textContent = form.getAttribute("data-failed"); return; }
            if (body.notes) { saved = body.notes[box.getAttribute("data-prompt")]; }
            if (body.summary) { saved = body.summary; }
            if (!saved) { return; }
            if (area.value === sent) {
              version.value = saved.version;
              base.value = saved.text;
              if (saved.text !== sent) { area.value = saved.text; }
              area.setAttribute("data-dirty", "0");
            } else if (!saved.merged) {
              version.value = saved.version;   // stored exactly what was sent: the next save builds on it
              base.value = saved.text;
            } else {
              // merged with someone else's text while this person kept typing: keep the old version,
              // so the next save is merged again (base = what was sent) and their lines stay
              base.value = sent;
            }
            status.textContent = form.getAttribute(saved.merged ? "data-merged" : "data-saved");
          })
          .catch(function () { status.textContent = form.getAttribute("data-failed"); })
          .then(function () {
            saving = false;
            if (again) { again = false; save(); }
          });
      };
      area.addEventListener("input", function () {
        area.setAttribute("data-dirty", "1");
        status.textContent = "";
        window.clearTimeout(timerId);
        timerId = window.setTimeout(save, SAVE_DELAY_MS);
      });
      area.addEventListener("blur", function () {
        if (area.getAttribute("data-dirty") === "1") { window.clearTimeout(timerId); save(); }
      });
    });
  });

  /* -- others' changes --------------------------------------------------------------------- */
  var applyNotes = function (state) {
    var notes = state.notes || {};
    if (state.summary) { notes.summary = state.summary; }
    Object.keys(notes).forEach(function (key) {
      var box = document.querySelector(".note[data-prompt='" + key + "']");
      if (!box) { return; }
      var area = box.querySelector("textarea");
      if (area) {
        var version = box.querySelector("input[name^='version']");
        var base = box.querySelector("input[name^='base']");
        if (notes[key].version > parseInt(version.value, 10) && area.getAttribute("data-dirty") !== "1"
            && document.activeElement !== area) {
          area.value = notes[key].text; version.value = notes[key].version; base.value = notes[key].text;
        }
      } else {
        var shown = box.querySelector("[data-note-text]") || document.querySelector("[data-note-text='" + key + "']");
        if (shown && notes[key].text) { shown.textContent = notes[key].text; }
      }
    });
  };

  var typing = function () {
    var el = document.activeElement;
    return el && (el.tagName === "TEXTAREA" || el.tagName === "INPUT" || el.tagName === "SELECT");
  };

  var refresh = function () {
    fetch(window.location.href, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var fresh = page.getElementById("live-region");
        if (fresh && !typing()) { region.innerHTML = fresh.innerHTML; }
      });
  };

  var poll = function () {
    if (!stateUrl || document.hidden) { return; }
    fetch(stateUrl, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (!state) { return; }
        if (phase && state.phase !== phase) {
          // the workshop moved on. Unsaved typing is sent the ordinary way: the server keeps what
          // it may and shows the rest on the page to copy, so nothing typed is lost
          var unsaved = document.querySelector("textarea[data-dirty='1']");
          if (unsaved && unsaved.form) { unsaved.form.submit(); return; }
          if (!typing() || mode !== "notes") {
            var hub = region.getAttribute("data-hub-url");
            if (hub) { window.location.href = hub; } else { window.location.reload(); }
          }
          return;
        }
        if (mode === "notes") { applyNotes(state); }
        if (mode === "refresh" && lastStamp !== null && state.stamp !== lastStamp) { refresh(); }
        lastStamp = state.stamp;
      })
      .catch(function () { /* offline for a moment: try again at the next poll */ });
  };
  if (stateUrl) { window.setInterval(poll, POLL_MS); poll(); }
})();
