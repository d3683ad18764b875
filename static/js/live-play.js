// The phone's side of a live game: question and big answer buttons in the player's
// language, the answer sent once, then the result, rank and podium.
(function () {
  "use strict";

  var root = document.getElementById("live-play");
  if (!root) return;
  var L = window.Live;
  var t = L.texts();
  var current = null;  // the open question: {position, type, answer: () => strings}

  function showError(message) {
    var element = L.field(root, "error");
    element.textContent = message || "";
    element.hidden = !message;
  }

  function markAnswered() {
    root.querySelectorAll("[data-field='choices'] button, [data-field='choices'] select, [data-action='send']")
      .forEach(function (control) { control.disabled = true; });
    L.field(root, "answered").hidden = false;
  }

  var RETRIES = 5;  // a server or database restart takes seconds: the same answer again

  function unlock() {
    root.querySelectorAll("[data-field='choices'] button, [data-field='choices'] select, [data-action='send']")
      .forEach(function (control) { control.disabled = false; });
    L.field(root, "answered").hidden = true;
  }

  // Fair timing (docs/live-protocol.md): the phone says how long its player took, from
  // showing the question (less the time the server took to send it) to the tap. The
  // server clamps it; a retry sends the same body, and a repeat changes nothing.
  function send(choices) {
    if (!current || !choices.length) return;
    markAnswered();
    showError(null);
    var asked = current;
    var body = JSON.stringify({
      question: asked.position,
      choices: choices,
      elapsed_ms: Math.max(0, Math.round(performance.now() - asked.shownAt))
    });
    post(body, asked, 0);
  }

  function post(body, asked, attempt) {
    function again(seconds) {
      if (attempt >= RETRIES || current !== asked) return false;
      showError(t.sending_again);
      setTimeout(function () { post(body, asked, attempt + 1); }, seconds * 1000);
      return true;
    }
    fetch(root.dataset.answerUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: body
    }).then(function (response) {
      if (response.ok) { showError(null); return; }
      if (response.status === 503 && again(Number(response.headers.get("Retry-After")) || 1)) return;
      return response.json().then(function (reply) { showError(reply.message); });
    }).catch(function () {
      if (again(1 + attempt)) return;
      showError(t.send_failed);
      unlock();
    });
  }

  function renderYou(you) {
    if (!you) return;
    L.setText(root, "score", you.score);
    L.setText(root, "team", you.team ? L.format(t.team, { name: you.team }) : "");
  }

  // Each question kind draws its own controls (static/js/kinds/*.js) and says how to read
  // the answer; a kind that answers with one tap sends by itself.
  function renderQuestion(data) {
    var question = data.question;
    // ends_in_ms was counted when the server sent this event: what is missing from the time
    // limit is the server's delay, or how late this phone (re)joined the question.
    var late = Math.max(0, question.time_limit * 1000 - question.ends_in_ms);
    current = { position: question.position, type: question.type, answer: null, shownAt: performance.now() - late };
    L.setText(root, "position", L.format(t.position, { n: question.position, total: data.game.questions }));
    L.setText(root, "case", question["case"] || "");
    L.field(root, "case").hidden = !question["case"];
    L.showImage(root, "case-image", question.case_image);
    L.setText(root, "question-text", question.text);
    L.showImage(root, "image", question.image);
    var box = L.field(root, "choices");
    box.replaceChildren();
    var kind = window.LiveKinds[question.type] || window.LiveKinds.single;
    var drawn = kind.render({ question: question, box: box, t: t, L: L, send: send });
    current.answer = drawn.answer;
    L.setText(root, "hint", drawn.hint || "");
    var sendButton = root.querySelector("[data-action='send']");
    sendButton.hidden = !drawn.answer;
    sendButton.disabled = false;  // the last question's answer disabled it
    L.field(root, "answered").hidden = true;
    showError(null);
    L.countdown(L.field(root, "countdown"), question.ends_in_ms, t.seconds_left);
    if (data.you && data.you.answered) markAnswered();
  }

  function renderReveal(data) {
    var you = data.you || {};
    var poll = data.question.type === "poll";
    var verdict = poll ? t.poll_thanks : (!you.answered ? t.no_answer : (you.correct ? t.correct : (you.points ? t.partly : t.wrong)));
    L.setText(root, "verdict", verdict);
    var earned = poll ? "" : L.format(t.earned, { points: you.points || 0 });
    if (you.bonus) earned += " " + L.format(t.streak_bonus, { bonus: you.bonus, streak: you.streak });
    L.setText(root, "earned", earned);
    L.setText(root, "place", L.format(t.place, { rank: you.rank, score: you.score }));
    L.setText(root, "correct-answer", poll ? "" : L.format(t.right_answer, { answer: data.question.correct_text }));
    L.setText(root, "explanation", data.question.explanation || "");
  }

  function renderPodium(data) {
    var you = data.you || {};
    L.setText(root, "final", L.format(t.final, { rank: you.rank, score: you.score }));
    L.podium(L.field(root, "podium"), data.podium, t.podium_row, t.podium_more);
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
    send(current.answer ? current.answer() : []);
  });
})();
