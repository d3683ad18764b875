// The projector's check-in: shows the server's QR code and short code, counts down to the
// next window locally, asks the server for the new code just after the window turns, and
// every few seconds in between for the number checked in. The texts come from the template.
(function () {
  "use strict";

  var root = document.getElementById("event-projector");
  if (!root) return;

  var POLL_MS = 5000;       // how stale the checked-in count may get
  var AFTER_END_MS = 300;   // ask just after the window turns, when the server has the new code
  var RETRY_MS = 2000;
  var TIMEOUT_MS = 8000;    // a request stuck on a weak network must not stop the polling
                            // (browsers without AbortSignal.timeout simply wait)

  var windowSeconds = Math.max(1, number(root.dataset.windowSeconds));
  var windowEnd = Date.now() + number(root.dataset.secondsLeft) * 1000;
  var lastSvg = null;
  var timer = null;
  var busy = false;

  function number(value) {
    var parsed = parseInt(value, 10);
    return isNaN(parsed) ? 0 : parsed;
  }

  function field(name) {
    return root.querySelector("[data-field='" + name + "']");
  }

  // "123456" → "123 456": easier to read from the back of the room and to type.
  function grouped(code) {
    return String(code).replace(/(\d{3})(?=\d)/g, "$1 ");
  }

  // Counts from the server's "seconds left" (no comparison of the laptop's clock with the server's).
  function tick() {
    var left = Math.max(0, Math.ceil((windowEnd - Date.now()) / 1000));
    var progress = field("progress");
    var seconds = field("seconds");
    progress.max = windowSeconds;
    progress.value = left;
    seconds.textContent = seconds.dataset.template.replace("{seconds}", String(left));
    seconds.classList.toggle("is-ending", left <= 3);
    // The server still takes the previous window's code; once that has passed too, the code
    // on screen is dead: dim it so nobody scans it while the connection is down.
    root.classList.toggle("is-stale", Date.now() > windowEnd + windowSeconds * 1000);
  }

  function render(state) {
    if (typeof state.qr_svg !== "string" || typeof state.code !== "string") {
      throw new Error("unexpected state");
    }
    if (state.qr_svg !== lastSvg) {
      // Trusted markup: the server draws it (segno) from its own token, never from user input.
      field("qr").innerHTML = state.qr_svg;
      lastSvg = state.qr_svg;
    }
    field("qr").href = state.link;
    field("code").textContent = grouped(state.code);
    field("url").textContent = state.url;
    field("checked-in").textContent = String(state.checked_in);
    windowSeconds = Math.max(1, number(state.window_seconds));
    windowEnd = Date.now() + number(state.seconds_left) * 1000;
    tick();
  }

  function showLost(lost) {
    field("connection").hidden = !lost;
  }

  function schedule(delay) {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, delay);
  }

  function nextDelay() {
    return Math.min(POLL_MS, Math.max(0, windowEnd - Date.now()) + AFTER_END_MS);
  }

  function refresh() {
    if (busy) return;  // the request under way schedules the next one
    busy = true;
    fetch(root.dataset.stateUrl, {
      cache: "no-store",
      credentials: "same-origin",
      headers: { Accept: "application/json" },
      signal: window.AbortSignal && AbortSignal.timeout ? AbortSignal.timeout(TIMEOUT_MS) : undefined
    })
      .then(function (response) {
        if (!response.ok) throw new Error("status " + response.status);
        return response.json();  // a login page after a lost session fails here too
      })
      .then(function (state) {
        render(state);
        showLost(false);
        return nextDelay();
      })
      .catch(function () {
        showLost(true);
        return RETRY_MS;
      })
      .then(function (delay) {
        busy = false;
        schedule(delay);
      });
  }

  window.setInterval(tick, 250);  // whole seconds shown, but no second skipped or shown twice
  window.addEventListener("online", refresh);
  // A laptop waking from sleep shows an old code: fetch the current one at once.
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) refresh();
  });
  tick();
  schedule(nextDelay());
})();
