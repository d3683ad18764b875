// The choice kinds on a phone: one big tile per option. A single answer is sent by its
// tap; a multiple-choice question toggles tiles and is sent with the Send button.
(function () {
  "use strict";

  function render(context) {
    var question = context.question;
    var multiple = question.type === "multiple";
    var chosen = {};
    question.choices.forEach(function (choice, index) {
      var button = context.L.tile(choice, index, context.t.choice_label, true);
      if (multiple) button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", function () {
        if (!multiple) return context.send([choice.id]);
        chosen[choice.id] = !chosen[choice.id];
        button.setAttribute("aria-pressed", String(chosen[choice.id]));
      });
      context.box.append(button);
    });
    return {
      hint: multiple ? context.t.choose_all : (question.type === "poll" ? context.t.poll_hint : ""),
      answer: multiple ? function () {
        return Object.keys(chosen).filter(function (id) { return chosen[id]; });
      } : null
    };
  }

  window.LiveKinds = window.LiveKinds || {};
  ["single", "multiple", "true_false", "poll"].forEach(function (name) {
    window.LiveKinds[name] = { render: render };
  });
})();
