// Shared by the live game's phone and projector pages: the push connection (Server-Sent
// Events, falling back to polling), the countdown and the answer tiles.
(function () {
  "use strict";

  var SHAPES = { triangle: "▲", diamond: "◆", circle: "●", square: "■", star: "★", hexagon: "⬢" };
  var PHASES = ["lobby", "question", "reveal", "podium", "removed"];
  var FINAL = { podium: true, removed: true };

  function texts() {
    return JSON.parse(document.getElementById("live-text").textContent);
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, name) {
      return name in values ? String(values[name]) : match;
    });
  }

  function field(root, name) {
    return root.querySelector("[data-field='" + name + "']");
  }

  function setText(root, name, text) {
    root.querySelectorAll("[data-field='" + name + "']").forEach(function (element) {
      element.textContent = text;
    });
  }

  function show(root, view) {
    root.querySelectorAll("[data-view]").forEach(function (element) {
      element.hidden = element.dataset.view !== view;
    });
  }

  // Opens the stream; after repeated failures (a proxy or network that cuts long
  // connections) polls the state instead. `extra` lists event names beyond the phases.
  function connect(options) {
    var lastId = 0;
    var failures = 0;
    var finished = false;
    var source = null;

    function deliver(name, data, id) {
      if (id) lastId = id;
      if (FINAL[name]) finished = true;
      options.onEvent(name, data);
    }

    function poll() {
      if (finished) return;
      fetch(options.stateUrl + "?since=" + lastId, { credentials: "same-origin" })
        .then(function (response) {
          options.onStatus(response.ok ? null : options.lostText);
          return response.status === 200 ? response.json() : null;
        })
        .then(function (body) {
          if (body) deliver(body.event, body.data, body.data.revision);
        })
        .catch(function () { options.onStatus(options.lostText); })
        .then(function () { if (!finished) window.setTimeout(poll, 2000); });
    }

    if (!window.EventSource) return poll();
    source = new EventSource(options.eventsUrl);
    PHASES.concat(options.extra || []).forEach(function (name) {
      source.addEventListener(name, function (event) {
        failures = 0;
        options.onStatus(null);
        deliver(name, JSON.parse(event.data), parseInt(event.lastEventId, 10) || 0);
        if (FINAL[name]) source.close();
      });
    });
    source.onerror = function () {
      if (finished) return;
      failures += 1;
      options.onStatus(options.lostText);  // the browser reconnects with Last-Event-ID
      if (failures >= 5 && options.stateUrl) {
        source.close();
        poll();
      }
    };
  }

  // Counts down from the server's "ends in" (no clock comparison with the phone).
  function countdown(element, endsInMs, template, onEnd) {
    var end = Date.now() + endsInMs;
    if (element.liveTimer) window.clearInterval(element.liveTimer);
    function tick() {
      var left = Math.max(0, Math.ceil((end - Date.now()) / 1000));
      element.textContent = format(template, { seconds: left });
      element.classList.toggle("is-ending", left <= 5);
      if (left === 0) {
        window.clearInterval(element.liveTimer);
        if (onEnd) onEnd();
      }
    }
    element.liveTimer = window.setInterval(tick, 250);
    tick();
  }

  // One answer tile: colour, shape and text; a button on phones, a figure on the projector.
  function tile(choice, index, label, asButton) {
    var element = document.createElement(asButton ? "button" : "div");
    if (asButton) element.type = "button";
    element.className = "live-choice choice-" + choice.colour;
    element.dataset.choice = choice.id;
    element.setAttribute("aria-label", format(label, { n: index + 1, text: choice.text }));
    var shape = document.createElement("span");
    shape.className = "live-shape";
    shape.setAttribute("aria-hidden", "true");
    shape.textContent = SHAPES[choice.shape] || "";
    var text = document.createElement("span");
    text.textContent = choice.text;
    element.append(shape, text);
    if (choice.image) element.append(picture(choice.image));
    return element;
  }

  // Pictures come in two sizes: the projector's page asks for the large one.
  var imageVariant = "phone";

  function useImageVariant(variant) {
    imageVariant = variant;
  }

  function picture(image) {
    var element = document.createElement("img");
    element.className = "question-image";
    element.src = image[imageVariant];
    element.alt = image.alt;
    return element;
  }

  // The question's (or its case study's) picture in its <img data-field>, hidden without one.
  function showImage(root, name, image) {
    var element = field(root, name);
    element.hidden = !image;
    if (image) {
      element.src = image[imageVariant];
      element.alt = image.alt;
    } else {
      element.removeAttribute("src");
    }
  }

  function listPlayers(list, rows, template) {
    list.replaceChildren.apply(list, rows.map(function (row) {
      var item = document.createElement("li");
      item.textContent = format(template, row);
      return item;
    }));
  }

  // The podium: places 1 to 3, each under a gold, silver or bronze medal with its number.
  // Players who tie share a place, and a place names at most three of them (then "and N
  // more"), so it fits any screen.
  var NAMES_PER_PLACE = 3;

  function podium(list, rows, row, more) {
    var places = {};
    rows.forEach(function (standing) {
      (places[standing.rank] = places[standing.rank] || []).push(standing);
    });
    list.replaceChildren.apply(list, Object.keys(places).map(function (rank) {
      var players = places[rank];
      var names = players.slice(0, NAMES_PER_PLACE).map(function (standing) {
        return format(row, standing);
      });
      if (players.length > NAMES_PER_PLACE) {
        names.push(format(more, { count: players.length - NAMES_PER_PLACE }));
      }
      var item = document.createElement("li");
      item.className = "live-place live-place-" + rank;
      var medal = document.createElement("span");
      medal.className = "live-medal";
      medal.setAttribute("aria-hidden", "true");
      medal.textContent = rank;
      var place = document.createElement("span");
      place.className = "visually-hidden";
      place.textContent = rank + ". ";
      var text = document.createElement("span");
      text.textContent = names.join(", ");
      item.append(medal, place, text);
      return item;
    }));
  }

  window.Live = {
    texts: texts, format: format, field: field, setText: setText, show: show,
    connect: connect, countdown: countdown, tile: tile, listPlayers: listPlayers, podium: podium,
    useImageVariant: useImageVariant, showImage: showImage
  };
})();
