// Self-paced quiz page: a countdown for the question's time limit, and number keys 1-6 to
// pick an answer. Without JavaScript the page works the same, just without these.
(function () {
  "use strict";

  function startTimer(timer) {
    var left = parseInt(timer.dataset.seconds, 10);
    if (!(left > 0)) return;
    var show = function () {
      timer.textContent = timer.dataset.leftText.replace("{seconds}", String(left));
    };
    timer.hidden = false;
    show();
    var tick = window.setInterval(function () {
      left -= 1;
      if (left > 0) {
        show();
        return;
      }
      window.clearInterval(tick);
      timer.textContent = timer.dataset.overText;
      timer.classList.add("is-over");
    }, 1000);
  }

  function enableNumberKeys(form) {
    var inputs = form.querySelectorAll("input[name='choice']");
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      var index = parseInt(event.key, 10) - 1;
      if (index >= 0 && index < inputs.length) {
        inputs[index].click();
        inputs[index].focus();
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var timer = document.querySelector("[data-quiz-timer]");
    var form = document.querySelector("[data-quiz-answer]");
    if (timer) startTimer(timer);
    if (form) enableNumberKeys(form);
  });
})();
