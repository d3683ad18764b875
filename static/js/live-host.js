// The projector's side of a live game: the lobby with its roster, each question with its
// countdown and answer count, the reveal with the distribution and the top 5, the podium.
// The host's buttons send the revision they saw, so a double click never skips a question.
(function () {
  "use strict";

  var root = document.getElementById("live-host");
  if (!root) return;
  var L = window.Live;
  L.useImageVariant("projector");
  var t = L.texts();
  var csrf = document.querySelector("meta[name='csrf-token']").content;
  var revision = 0;
  var teams = [];

  function showError(message) {
    var element = L.field(root, "error");
    element.textContent = message || "";
    element.hidden = !message;
  }

  function act(path, body) {
    body = body || {};
    if (!("revision" in body)) body.revision = revision;
    return fetch(root.dataset.apiUrl + "/" + path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (reply) {
        if (response.ok) {
          showError(null);
        } else if (reply.error !== "stale_revision" && reply.error !== "wrong_phase") {
          showError(reply.message);  // a stale click is simply overtaken by the next event
        }
      });
    }).catch(function () { showError(t.send_failed); });
  }

  function teamSelect(player) {
    var select = document.createElement("select");
    select.setAttribute("aria-label", L.format(t.team_of, { nickname: player.nickname }));
    [{ id: "", name: "—" }].concat(teams).forEach(function (team) {
      var option = new Option(team.name, team.id, false, team.name === player.team);
      select.append(option);
    });
    select.addEventListener("change", function () {
      act("players/" + player.id + "/team", { team: select.value ? parseInt(select.value, 10) : null });
    });
    return select;
  }

  function renderRoster(data) {
    teams = data.teams;
    L.setText(root, "count", data.count);
    var withTeams = root.dataset.teamMode !== "none";
    L.field(root, "roster").replaceChildren.apply(L.field(root, "roster"), data.players.map(function (player) {
      var item = document.createElement("li");
      var name = document.createElement("span");
      name.textContent = player.nickname;
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "secondary outline live-remove";
      remove.textContent = "×";
      remove.setAttribute("aria-label", L.format(t.remove, { nickname: player.nickname }));
      remove.addEventListener("click", function () { act("players/" + player.id + "/remove", {}); });
      item.append(name);
      if (withTeams) item.append(teamSelect(player));
      item.append(remove);
      return item;
    }));
  }

  function renderTiles(question) {
    var box = root.querySelector("[data-view='question'] [data-field='choices']");
    box.replaceChildren.apply(box, question.choices.map(function (choice, index) {
      return L.tile(choice, index, t.choice_label, false);
    }));
  }

  function renderQuestion(data) {
    var question = data.question;
    L.setText(root, "position", L.format(t.position, { n: question.position, total: data.game.questions }));
    L.setText(root, "question-text", question.text);
    L.setText(root, "progress", L.format(t.progress, { answered: data.answered, players: data.players }));
    renderTiles(question);
    L.setText(root, "case", question["case"] || "");
    L.field(root, "case").hidden = !question["case"];
    L.showImage(root, "case-image", question.case_image);
    L.showImage(root, "image", question.image);
    var categories = L.field(root, "categories");
    categories.hidden = !question.categories;
    categories.replaceChildren.apply(categories, (question.categories || []).map(function (category) {
      var item = document.createElement("li");
      item.textContent = category.text;
      return item;
    }));
    L.countdown(root.querySelector("[data-view='question'] [data-field='countdown']"),
      question.ends_in_ms, t.seconds_left, function () { act("reveal"); });
  }

  function renderDistribution(data) {
    var question = data.question;
    var most = Math.max.apply(null, [1].concat(Object.values(data.distribution)));
    var box = L.field(root, "distribution");
    box.replaceChildren.apply(box, question.choices.map(function (choice, index) {
      var row = L.tile(choice, index, t.choice_label, false);
      var count = data.distribution[choice.id] || 0;
      var bar = document.createElement("span");
      bar.className = "live-bar";
      bar.style.width = Math.round(100 * count / most) + "%";
      var number = document.createElement("strong");
      number.textContent = String(count);
      if (question.correct.indexOf(choice.id) >= 0) {
        row.classList.add("is-correct");
        number.textContent += " ✓ " + t.correct_mark;
      }
      row.append(bar, number);
      return row;
    }));
  }

  function renderTeams(data) {
    L.listPlayers(root.querySelector("[data-view='" + (data.phase) + "'] [data-field='teams']"), data.teams || [], t.team_row);
  }

  function renderReveal(data) {
    L.setText(root, "question-text", data.question.text);
    var counted = Object.keys(data.distribution).length > 0;
    L.field(root, "distribution").hidden = !counted;
    if (counted) renderDistribution(data);
    L.setText(root, "correct-answer", counted || !data.question.correct_text ? "" :
      L.format(t.right_answer, { answer: data.question.correct_text }));
    L.setText(root, "explanation", data.question.explanation || "");
    L.listPlayers(L.field(root, "top"), data.top, t.top_row);
    renderTeams(data);
    root.querySelector("[data-action='next']").textContent =
      data.question.position >= data.game.questions ? t.to_podium : t.next;
  }

  function renderPodium(data) {
    L.podium(root.querySelector("[data-view='podium'] [data-field='podium']"), data.podium, t.podium_row, t.podium_more);
    renderTeams(data);
    var finish = root.querySelector("[data-action='finish']");
    if (finish) finish.hidden = true;
  }

  L.connect({
    eventsUrl: root.dataset.eventsUrl,
    stateUrl: null,
    extra: ["roster", "progress"],
    lostText: t.reconnecting,
    onStatus: function (text) {
      var element = L.field(root, "connection");
      element.textContent = text || "";
      element.hidden = !text;
    },
    onEvent: function (name, data) {
      if (name === "roster") return renderRoster(data);
      if (name === "progress") {
        return L.setText(root, "progress", L.format(t.progress, data));
      }
      revision = data.revision;
      if (name === "question") renderQuestion(data);
      if (name === "reveal") renderReveal(data);
      if (name === "podium") renderPodium(data);
      L.show(root, name);
    }
  });

  root.querySelectorAll("[data-action]").forEach(function (button) {
    var action = button.dataset.action;
    button.addEventListener("click", function () {
      if (action === "make-teams") {
        var count = parseInt(L.field(root, "team-count").value, 10);
        return act("teams", { count: count });
      }
      if (action === "finish" && !window.confirm(t.confirm_finish)) return;
      act(action);
    });
  });
})();
