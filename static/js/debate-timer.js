// The projector's speech timer: steps through the format's schedule (speeches, replies,
// cross-examinations, crossfires), counting each period down; the current one is marked in
// the list and named above the clock. Over time the clock counts on, shown negative.
(function () {
  "use strict";
  const box = document.querySelector(".debate-timer");
  if (!box) return;
  const periods = Array.from(box.querySelectorAll(".timer-schedule li"));
  const clock = box.querySelector(".timer-clock");
  const title = box.querySelector(".timer-period");
  let index = 0;
  let left = 0;
  let ticking = null;

  function show() {
    const over = left < 0;
    const seconds = Math.abs(left);
    clock.textContent = (over ? "−" : "") + Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
    clock.classList.toggle("is-over", over);
    periods.forEach((item, k) => {
      if (k === index) item.setAttribute("aria-current", "step");
      else item.removeAttribute("aria-current");
    });
    const current = periods[index];
    title.textContent = current ? current.textContent.replace(/\s+/g, " ").trim() : "";
    box.classList.toggle("is-cross", !!current && /period-(cross_examination|crossfire)/.test(current.className));
  }

  function load(k) {
    index = Math.max(0, Math.min(k, periods.length - 1));
    left = Number(periods[index].dataset.seconds) || 0;
    show();
  }

  function pause() {
    if (ticking !== null) window.clearInterval(ticking);
    ticking = null;
  }

  const actions = {
    start() {
      if (ticking !== null) return;
      ticking = window.setInterval(() => { left -= 1; show(); }, 1000);
    },
    pause,
    next() { pause(); load(index + 1); },
    reset() { pause(); load(0); },
  };
  box.addEventListener("click", (event) => {
    const button = event.target.closest("[data-timer]");
    if (button && actions[button.dataset.timer]) actions[button.dataset.timer]();
  });
  if (periods.length) load(0);
})();
