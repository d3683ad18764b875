// The scanner's check-in, offline first: every scan (the camera, a handheld scanner typing
// into the field, or a code typed by hand) is saved in localStorage at once and sent in
// batches when the network allows, so a dropped connection or a reload loses nothing.
// Sending a scan twice is harmless (the server answers "already"), so after an unclear
// failure the scans are simply sent again.
(function () {
  "use strict";

  var root = document.getElementById("event-scanner");
  if (!root) return;
  var t = JSON.parse(document.getElementById("scanner-text").textContent);
  var KEY = "event-scans:" + root.dataset.eventId;
  var BATCH = 50;
  var SYNC_MS = 10000;
  var TIMEOUT_MS = 15000;
  var SAME_CODE_MS = 3000;  // the camera sees one card many times a second
  var MAX_ROWS = 100;       // keeps the page light on an old phone; the queue itself is not cut
  var STATUSES = { checked_in: true, already: true, refused: true };
  var list = field("results");
  var input = field("card");
  var video = field("video");
  var button = root.querySelector("[data-action='camera']");
  var camera = { detector: null, stream: null, loop: null, busy: false, last: "", seenAt: 0 };
  var memory = [];          // the queue when localStorage is missing (private mode) or full
  var syncing = false;
  var storage = null;
  try { (storage = window.localStorage).getItem(KEY); } catch (error) { storage = null; }

  function field(name) {
    return root.querySelector("[data-field='" + name + "']");
  }

  function show(name, text) {
    var element = field(name);
    element.textContent = text || "";
    element.hidden = !text;
  }

  // Read afresh every time: another tab of the same event may have changed the queue.
  function load() {
    try {
      var queue = storage ? JSON.parse(storage.getItem(KEY) || "[]") : memory;
      return Array.isArray(queue) ? queue.slice() : [];
    } catch (error) { return memory.slice(); }
  }

  function save(queue) {
    memory = queue.slice();
    try { if (storage) storage.setItem(KEY, JSON.stringify(queue)); }
    catch (error) { storage = null; }  // full: the scans stay in this page (and are still sent)
  }

  function showPending() {
    field("pending").textContent = t.pending.replace("{count}", String(load().length));
  }

  function newId() {
    var crypto = window.crypto;
    if (crypto.randomUUID) return crypto.randomUUID();  // only on https pages
    return Array.prototype.map.call(crypto.getRandomValues(new Uint8Array(16)), function (byte) {
      return (byte < 16 ? "0" : "") + byte.toString(16);
    }).join("");
  }

  function setRow(item, status, message, name) {
    item.className = "scan-row is-" + status;
    item.querySelector("[data-field='message']").textContent = message;
    if (name) item.querySelector("[data-field='name']").textContent = name;
  }

  function element(tag, name, text) {
    var node = document.createElement(tag);
    if (name) node.dataset.field = name;
    node.textContent = text;
    return node;
  }

  // The card's text stands in for the name until the server says whose card it is.
  function addRow(scan) {
    var item = document.createElement("li");
    var time = new Date(scan.scanned_at).toLocaleTimeString(document.documentElement.lang || undefined);
    item.dataset.id = scan.id;
    item.append(element("small", null, time), " ",
      element("strong", "name", scan.card.length > 40 ? scan.card.slice(0, 40) + "…" : scan.card), " ",
      element("span", "message", ""));
    setRow(item, "queued", t.queued, null);
    list.prepend(item);
    while (list.children.length > MAX_ROWS) list.lastElementChild.remove();
  }

  function addScan(text) {
    var card = String(text || "").trim().slice(0, 200);
    if (!card) return;
    var scan = { id: newId(), card: card, scanned_at: new Date().toISOString() };
    save(load().concat([scan]));
    addRow(scan);
    showPending();
    sync();
  }

  function post(batch) {
    return fetch(root.dataset.scansUrl, {
      method: "POST",
      cache: "no-store",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json",
        "X-CSRFToken": root.dataset.csrfToken || "" },
      body: JSON.stringify({ scans: batch }),
      // a request stuck on a weak network must not hold the queue (older browsers: no limit)
      signal: window.AbortSignal && AbortSignal.timeout ? AbortSignal.timeout(TIMEOUT_MS) : undefined
    });
  }

  // Removes from the queue exactly the scans the server answered for; returns how many.
  function apply(batch, body) {
    if (!body || !Array.isArray(body.results)) throw new Error("unexpected reply");
    var sent = {};
    var done = {};
    batch.forEach(function (scan) { sent[scan.id] = true; });
    body.results.forEach(function (result) {
      if (!result || !sent[result.id]) return;
      done[result.id] = true;
      Array.prototype.forEach.call(list.children, function (item) {
        if (item.dataset.id !== result.id) return;
        setRow(item, STATUSES[result.status] ? result.status : "already", result.message || "", result.name);
      });
    });
    save(load().filter(function (scan) { return !done[scan.id]; }));  // scans added meanwhile stay
    show("connection", null);
    return Object.keys(done).length;
  }

  function problem(text) {
    show("connection", text);
    return 0;
  }

  function sync() {
    var batch = load().slice(0, BATCH);
    if (syncing || !batch.length) return showPending();
    syncing = true;
    post(batch)
      .then(function (response) {
        if (response.status >= 500) return problem(t.error);
        var json = (response.headers.get("Content-Type") || "").indexOf("application/json") >= 0;
        // Flask-Login sends a lost session to the login page: HTML after a redirect.
        if (response.status === 401 || response.status === 403 || response.redirected || !json) {
          return problem(t.signed_out);
        }
        if (!response.ok) return problem(t.error);
        return response.json().then(function (body) { return apply(batch, body); });
      })
      .catch(function () { return problem(navigator.onLine === false ? t.offline : t.error); })
      .then(function (handled) {
        syncing = false;
        showPending();
        if (handled > 0 && load().length) sync();  // the next batch straight away
      });
  }

  function stopCamera() {
    window.clearInterval(camera.loop);
    if (camera.stream) camera.stream.getTracks().forEach(function (track) { track.stop(); });
    camera.stream = null;
    video.srcObject = null;
    video.hidden = true;
    button.textContent = t.start_camera;
  }

  function seen(text) {
    var now = Date.now();
    var repeat = text === camera.last && now - camera.seenAt < SAME_CODE_MS;
    camera.last = text;
    camera.seenAt = now;  // so a card held in view stays ignored
    if (repeat) return;
    if (navigator.vibrate) navigator.vibrate(60);
    addScan(text);
  }

  function detect() {
    if (camera.busy || video.readyState < 2) return;
    camera.busy = true;
    camera.detector.detect(video)
      .then(function (codes) { codes.forEach(function (code) { seen(code.rawValue); }); })
      .catch(function () {})  // a frame that cannot be read: the next one will do
      .then(function () { camera.busy = false; });
  }

  function startCamera() {
    button.disabled = true;
    show("camera-error", null);
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(function (stream) {
        camera.stream = video.srcObject = stream;
        video.hidden = false;
        return video.play();
      })
      .then(function () {
        camera.loop = window.setInterval(detect, 250);
        button.textContent = t.stop_camera;
      })
      .catch(function () {
        stopCamera();
        show("camera-error", t.camera_failed);
      })
      .then(function () { button.disabled = false; });
  }

  // Where the browser has no BarcodeDetector (iPhones, Firefox) the vendored jsQR decoder
  // reads the camera's frames instead, behind the same detect() promise; it is loaded only
  // there, so phones that have a detector never download it.
  var FRAME_WIDTH = 640;  // enough for a card held in front of the camera; fast on old phones

  function jsQRDetector() {
    root.dataset.decoder = "jsqr";  // which one reads the frames, for the tests and support
    var canvas = document.createElement("canvas");
    var context = canvas.getContext("2d", { willReadFrequently: true });
    return {
      detect: function (source) {
        var scale = Math.min(1, FRAME_WIDTH / (source.videoWidth || FRAME_WIDTH));
        var width = Math.round(source.videoWidth * scale);
        var height = Math.round(source.videoHeight * scale);
        if (!width || !height) return Promise.resolve([]);
        canvas.width = width;
        canvas.height = height;
        context.drawImage(source, 0, 0, width, height);
        var pixels = context.getImageData(0, 0, width, height).data;
        var found = window.jsQR(pixels, width, height, { inversionAttempts: "dontInvert" });
        return Promise.resolve(found ? [{ rawValue: found.data }] : []);
      }
    };
  }

  function loadFallbackDetector() {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = root.dataset.fallbackDecoder;
      script.onload = function () { return window.jsQR ? resolve(jsQRDetector()) : reject(); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function nativeDetector() {
    var Detector = window.BarcodeDetector;
    if (!Detector || !Detector.getSupportedFormats) return Promise.reject(new Error("none"));
    return Detector.getSupportedFormats().then(function (formats) {
      if (formats.indexOf("qr_code") < 0) throw new Error("no qr_code");
      root.dataset.decoder = "native";
      return new Detector({ formats: ["qr_code"] });
    });
  }

  function setUpCamera() {
    function unsupported() {
      button.hidden = true;
      field("camera-note").hidden = false;
    }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return unsupported();  // https only
    nativeDetector()
      .catch(loadFallbackDetector)
      .then(function (detector) {
        camera.detector = detector;
        button.hidden = false;
      })
      .catch(unsupported);
    button.addEventListener("click", function () { return camera.stream ? stopCamera() : startCamera(); });
    // A phone switched to another app should not keep its camera on.
    document.addEventListener("visibilitychange", function () { if (document.hidden) stopCamera(); });
  }

  field("form").addEventListener("submit", function (event) {
    event.preventDefault();
    addScan(input.value);
    input.value = "";
    input.focus();  // a handheld scanner goes straight on with the next card
  });
  window.addEventListener("online", function () { show("connection", null); sync(); });
  window.addEventListener("offline", function () { show("connection", t.offline); });
  window.addEventListener("storage", function (event) { if (event.key === KEY) showPending(); });
  window.setInterval(sync, SYNC_MS);  // does nothing while the queue is empty

  load().forEach(addRow);  // scans left from before a reload, newest on top
  showPending();
  if (navigator.onLine === false) show("connection", t.offline);
  setUpCamera();
  sync();
})();
