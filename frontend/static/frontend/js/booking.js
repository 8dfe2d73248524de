/* The booking form (预约仪器): offer only the start times that are free on the chosen day and the durations that
   fit after the chosen start, and refresh the quote box when anything changes. Without this script the form still
   works: every choice is listed, the 预览报价 button renders the quote, and the server validates the request. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-booking-form]");
  var data = document.getElementById("booking-free-time");
  if (!form || !data) return;
  var free = JSON.parse(data.textContent);
  var day = form.elements.day;
  var time = form.elements.time;
  var duration = form.elements.duration;
  var box = document.getElementById("booking-quote");

  function minutes(clock) {
    var parts = (clock || "").split(":");
    return parseInt(parts[0], 10) * 60 + parseInt(parts[1], 10);
  }

  // Minutes free from `start` on the chosen day (0 when the start is not inside a free interval).
  function room(start) {
    var best = 0;
    (free.days[day.value] || []).forEach(function (span) {
      if (span[0] <= start && start < span[1]) best = Math.max(best, span[1] - start);
    });
    return best;
  }

  function offer(select, allowed) {
    var firstAllowed = null;
    Array.prototype.forEach.call(select.options, function (option) {
      var ok = allowed(option);
      option.hidden = !ok;
      option.disabled = !ok;
      if (ok && firstAllowed === null) firstAllowed = option;
    });
    var current = select.options[select.selectedIndex];
    return { current: current && !current.disabled ? current : null, first: firstAllowed };
  }

  function syncTimes() {
    if (!day || !time) return;
    var state = offer(time, function (option) { return room(minutes(option.value)) >= free.min; });
    if (!state.current && state.first) time.value = state.first.value;
  }

  function syncDurations() {
    if (!time || !duration) return;
    var available = room(minutes(time.value));
    var allowed = [];
    var state = offer(duration, function (option) {
      var ok = parseInt(option.value, 10) <= available;
      if (ok) allowed.push(option);
      return ok;
    });
    if (!state.current && allowed.length) {
      // About an hour when it fits, else the longest that does (as the server's default).
      var pick = allowed.filter(function (o) { return parseInt(o.value, 10) >= 60; })[0] || allowed[allowed.length - 1];
      duration.value = pick.value;
    }
  }

  var sequence = 0;
  var timer = null;
  function refreshQuote() {
    if (!box) return;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      var params = new URLSearchParams(new FormData(form));
      params.delete("csrfmiddlewaretoken");
      var mine = ++sequence;
      box.setAttribute("aria-busy", "true");
      fetch(form.dataset.quoteUrl + "?" + params.toString(), {
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" }
      })
        .then(function (response) {
          // A lapsed session is redirected to the sign-in page: keep the last quote rather than show that page.
          return response.ok && !response.redirected ? response.text() : Promise.reject(response.status);
        })
        .then(function (html) {
          if (mine === sequence && html.indexOf("data-quote") !== -1) box.innerHTML = html;
        })
        .catch(function () { /* keep the last quote; the 预览报价 button still works */ })
        .then(function () { if (mine === sequence) box.removeAttribute("aria-busy"); });
    }, 150);
  }

  form.addEventListener("change", function (event) {
    if (event.target === day) syncTimes();
    if (event.target === day || event.target === time) syncDurations();
    refreshQuote();
  });
  form.addEventListener("input", function (event) {
    if (event.target.name === "sample_count") refreshQuote();
  });
  var before = [time && time.value, duration && duration.value].join();
  syncTimes();
  syncDurations();
  if ([time && time.value, duration && duration.value].join() !== before) refreshQuote();
  form.dataset.ready = "true";
})();
