// The phone's side of a live game: question and big answer buttons in the player's
// language, the answer sent once, then the result, rank and podium.
(function () {
  "use strict";

  var root = document.getElementById("live-play");
  if (!root) return;
  var L = window.Live;
  var t = L.texts();
  var current = null;  // the open question: {position, type, chosen}

  function showError(message) {
    var element = L.field(root, "error");
    element.textContent = message || "";
    element.hidden = !message;
  }

  function markAnswered() {
    root.querySelectorAll(".live-choice, [data-action='send']").forEach(function (button) {
      button.disabled = true;
    });
    L.field(root, "answered").hidden = false;
  }

  function send(choices) {
    if (!current || !choices.length) return;
    markAnswered();
    showError(null);
    fetch(root.dataset.answerUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ question: current.position, choices: choices })
    }).then(function (response) {
      if (response.ok) return;
      return response.json().then(function (body) { showError(body.message); });
    }).catch(function () {
      showError(t.send_failed);
      root.querySelectorAll(".live-choice, [data-action='send']").forEach(function (button) {
        button.disabled = false;
      });
      L.field(root, "answered").hidden = true;
    });
  }

  function renderYou(you) {
    if (!you) return;
    L.setText(root, "score", you.score);
    L.setText(root, "team", you.team ? L.format(t.team, { name: you.team }) : "");
  }

  function renderQuestion(data) {
    var question = data.question;
    var multiple = question.type === "multiple";
    current = { position: question.position, type: question.type, chosen: {} };
    L.setText(root, "position", L.format(t.position, { n: question.position, total: data.game.questions }));
    L.setText(root, "question-text", question.text);
    L.setText(root, "hint", multiple ? t.choose_all : (question.type === "poll" ? t.poll_hint : ""));
    var box = L.field(root, "choices");
    box.replaceChildren();
    question.choices.forEach(function (choice, index) {
      var button = L.tile(choice, index, t.choice_label, true);
      if (multiple) button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", function () {
        if (!multiple) return send([choice.id]);
        var on = !current.chosen[choice.id];
        current.chosen[choice.id] = on;
        button.setAttribute("aria-pressed", String(on));
      });
      box.append(button);
    });
    root.querySelector("[data-action='send']").hidden = !multiple;
    L.field(root, "answered").hidden = true;
    showError(null);
    L.countdown(L.field(root, "countdown"), question.ends_in_ms, t.seconds_left);
    if (data.you && data.you.answered) markAnswered();
  }

  function correctTexts(question) {
    return question.choices.filter(function (choice) {
      return question.correct.indexOf(choice.id) >= 0;
    }).map(function (choice) { return choice.text; }).join(", ");
  }

  function renderReveal(data) {
    var you = data.you || {};
    var poll = data.question.type === "poll";
    var verdict = poll ? t.poll_thanks : (!you.answered ? t.no_answer : (you.correct ? t.correct : t.wrong));
    L.setText(root, "verdict", verdict);
    var earned = poll ? "" : L.format(t.earned, { points: you.points || 0 });
    if (you.bonus) earned += " " + L.format(t.streak_bonus, { bonus: you.bonus, streak: you.streak });
    L.setText(root, "earned", earned);
    L.setText(root, "place", L.format(t.place, { rank: you.rank, score: you.score }));
    L.setText(root, "correct-answer", poll ? "" : L.format(t.right_answer, { answer: correctTexts(data.question) }));
    L.setText(root, "explanation", data.question.explanation || "");
  }

  function renderPodium(data) {
    var you = data.you || {};
    L.setText(root, "final", L.format(t.final, { rank: you.rank, score: you.score }));
    L.listPlayers(L.field(root, "podium"), data.podium, "{rank}. " + t.podium_row);
  }

  L.connect({
    eventsUrl: root.dataset.eventsUrl,
    stateUrl: root.dataset.stateUrl,
    lostText: t.reconnecting,
    onStatus: function (text) {
      var element = L.field(root, "connection");
      element.textContent = text || "";
      element.hidden = !text;
    },
    onEvent: function (name, data) {
      renderYou(data.you);
      if (name === "question") renderQuestion(data);
      if (name === "reveal") renderReveal(data);
      if (name === "podium") renderPodium(data);
      L.show(root, name);
    }
  });
  root.querySelector("[data-action='send']").addEventListener("click", function () {
    send(Object.keys(current.chosen).filter(function (id) { return current.chosen[id]; }));
  });
})();
