// Matching on a phone: each item with a list of the categories (a native select, so
// touch, keyboard and screen readers all work), sent with Send once every item has one.
(function () {
  "use strict";

  function render(context) {
    var t = context.t;
    var selects = context.question.choices.map(function (choice) {
      var label = document.createElement("label");
      label.className = "live-match";
      label.textContent = choice.text;
      var select = document.createElement("select");
      select.append(new Option(t.choose_category, "", true, true));
      select.options[0].disabled = true;
      context.question.categories.forEach(function (category) {
        select.append(new Option(category.text, choice.id + ":" + category.id));
      });
      label.append(select);
      context.box.append(label);
      return select;
    });
    return {
      hint: t.match_hint,
      answer: function () {
        var pairs = selects.map(function (select) { return select.value; });
        return pairs.every(Boolean) ? pairs : [];
      }
    };
  }

  window.LiveKinds = window.LiveKinds || {};
  window.LiveKinds.matching = { render: render };
})();
