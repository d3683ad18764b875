// The site menu on a phone: folded behind a "Menu" button so the page starts near the top.
// Without this script the menu simply stays open (the button is hidden), as it always was.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.querySelector(".menu-toggle");
    var menu = document.getElementById("site-menu");
    if (!toggle || !menu) return;
    toggle.hidden = false;
    document.documentElement.classList.add("menu-folds");
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("is-open", open);
    });
  });
})();
