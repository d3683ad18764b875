// Ordering on a phone: the items as a list, each with buttons to move it up or down (by
// touch and by keyboard; each button says which item it moves), sent with Send.
(function () {
  "use strict";

  function render(context) {
    var L = context.L, t = context.t;
    var list = document.createElement("ol");
    list.className = "live-ordering";
    var order = context.question.choices.slice();

    function moveButton(choice, step, label) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "secondary outline";
      button.textContent = step < 0 ? "↑" : "↓";
      button.setAttribute("aria-label", L.format(label, { text: choice.text }));
      button.addEventListener("click", function () {
        var index = order.indexOf(choice), other = index + step;
        if (other < 0 || other >= order.length) return;
        order[index] = order[other];
        order[other] = choice;
        draw(choice, step < 0 ? 0 : 1);
      });
      return button;
    }

    function draw(focusChoice, focusButton) {
      list.replaceChildren.apply(list, order.map(function (choice) {
        var item = document.createElement("li");
        var text = document.createElement("span");
        text.textContent = choice.text;
        var up = moveButton(choice, -1, t.move_up), down = moveButton(choice, 1, t.move_down);
        item.append(text, up, down);
        if (choice === focusChoice) window.setTimeout(function () { [up, down][focusButton].focus(); }, 0);
        return item;
      }));
    }

    draw(null, 0);
    context.box.append(list);
    return {
      hint: t.order_hint,
      answer: function () { return order.map(function (choice) { return choice.id; }); }
    };
  }

  window.LiveKinds = window.LiveKinds || {};
  window.LiveKinds.ordering = { render: render };
})();
