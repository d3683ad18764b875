// The debate projector reloads itself when the motion's release time comes, so the motion
// appears on the screen at the announced moment without anyone touching the laptop.
(function () {
  "use strict";
  const page = document.querySelector(".debate-projector[data-reveal-at]");
  const at = page && Date.parse(page.dataset.revealAt);
  if (!at) return;
  const wait = Math.max(0, at - Date.now()) + 500;
  window.setTimeout(() => window.location.reload(), Math.min(wait, 2 ** 31 - 1));
})();
