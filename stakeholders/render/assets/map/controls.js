  // ---- controls ----
  function checkbox(parent, value, text, checked, onChange, count) {
    var label = el("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.value = value;
    box.checked = checked;
    box.addEventListener("change", function () { onChange(box.checked); });
    label.appendChild(box);
    label.appendChild(el("span", " " + text + (count ? " " : "")));
    if (count) { label.appendChild(count); }
    parent.appendChild(label);
    return box;
  }
  function buildFilters() {
    var polarity = document.getElementById("polarity-filter");
    DATA.legend.polarities.forEach(function (p) {
      checkbox(polarity, p.name, p.name, true, function (on) {
        if (on) { state.polarities.add(p.name); } else { state.polarities.delete(p.name); }
        recompute();
      });
    });
    var kindBoxes = [];
    var kinds = document.getElementById("kind-filter");
    DATA.legend.kinds.forEach(function (k) {
      kindBoxes.push(checkbox(kinds, k.id, k.label, true, function (on) {
        if (on) { state.kinds.add(k.id); } else { state.kinds.delete(k.id); }
        recompute();
      }, counter(k.count, "kind", k.id)));
    });
    function setAll(on) {
      kindBoxes.forEach(function (box) { box.checked = on; if (on) { state.kinds.add(box.value); } else { state.kinds.delete(box.value); } });
      recompute();
    }
    document.getElementById("kinds-all").addEventListener("click", function () { setAll(true); });
    document.getElementById("kinds-none").addEventListener("click", function () { setAll(false); });

    buildDates();
  }
  // ---- the date control: a day on the slider, steps and play through the days where relations
  // start or end, and the map opening on the dataset's own date ----
  var PLAY_MS = 900;  // per step while playing
  // For the view in the URL: a day (within the map's dates), or null for all dates; false when the map has no dates.
  var chooseDay = function () { return false; };
  function buildDates() {
    var enabled = document.getElementById("date-enabled");
    var slider = document.getElementById("date-slider");
    var label = document.getElementById("date-label");
    var undated = document.getElementById("date-undated");
    var steppers = ["date-back", "date-next", "date-play"].map(function (id) { return document.getElementById(id); });
    if (!DATA.dates) {
      [enabled, undated, slider].concat(steppers).forEach(function (control) { control.disabled = true; });
      return;
    }
    document.getElementById("date-range").textContent = DATA.dates.min + " to " + DATA.dates.max;
    // Without undated relations the choice to show them changes nothing: not offered.
    if (!relations.size || !Array.from(relations.values()).some(function (r) { return r.undated; })) { undated.parentNode.hidden = true; }
    var first = Date.parse(DATA.dates.min + "T00:00:00Z");
    function valueOf(day) { return Math.round((Date.parse(day + "T00:00:00Z") - first) / 86400000); }
    function dayOf(value) { return new Date(first + Number(value) * 86400000).toISOString().slice(0, 10); }
    var span = valueOf(DATA.dates.max);
    slider.max = String(span);
    var opening = openingDay();
    slider.value = String(opening !== null ? valueOf(opening) : span);
    // The days where relations start or end: ticks (up to MAX_TICKS of them), and the stops of
    // the step buttons and of play.
    var MAX_TICKS = 200;
    var days = new Set([DATA.dates.min, DATA.dates.max]);
    relations.forEach(function (r) { [r.first, r.last].forEach(function (d) { if (d) { days.add(d); } }); });
    var stops = Array.from(days).sort().map(valueOf);
    if (days.size <= MAX_TICKS) {
      var ticks = document.createElement("datalist");
      ticks.id = "date-ticks";
      stops.forEach(function (value) {
        var option = document.createElement("option");
        option.value = String(value);
        ticks.appendChild(option);
      });
      slider.parentNode.appendChild(ticks);
      slider.setAttribute("list", "date-ticks");
    }
    slider.title = DATA.dates.min + " to " + DATA.dates.max + (days.size <= MAX_TICKS ? "; ticks where relations start or end" : "");
    // Choosing a day hides the undated relations until asked for; all dates shows every relation.
    function choose(on) {
      if (enabled.checked !== on) { undated.checked = !on; }
      enabled.checked = on;
    }
    function update() {
      undated.disabled = !enabled.checked;
      state.undated = undated.checked;
      state.day = enabled.checked ? dayOf(slider.value) : null;
      label.textContent = enabled.checked ? state.day : "all dates";
      slider.setAttribute("aria-valuetext", enabled.checked ? state.day : "all dates");
      recompute();
      remember();
    }
    chooseDay = function (day) {
      if (day === null) {
        if (enabled.checked) { stop(); choose(false); }
      } else {
        slider.value = String(Math.max(0, Math.min(span, valueOf(day))));
        choose(true);
      }
      update();
      return true;
    };
    // The next stop after the slider's day (+1) or the one before it (-1); null past the ends.
    function stopFrom(direction) {
      var at = Number(slider.value);
      var found = direction > 0 ? stops.filter(function (v) { return v > at; })[0] : stops.filter(function (v) { return v < at; }).pop();
      return found === undefined ? null : found;
    }
    function step(direction) {
      var to = enabled.checked ? stopFrom(direction) : (direction > 0 ? stops[0] : stops[stops.length - 1]);
      if (to === null) { return false; }
      slider.value = String(to);
      choose(true);
      update();
      return true;
    }
    var playing = null;
    function stop() {
      clearInterval(playing);
      playing = null;
      steppers[2].textContent = "▶";
      steppers[2].setAttribute("aria-pressed", "false");
      steppers[2].setAttribute("aria-label", "Play through the dates");
    }
    function play() {
      if (playing !== null) { stop(); return; }
      // From the first date, unless a day is chosen short of the last.
      if (!enabled.checked || stopFrom(1) === null) { slider.value = String(stops[0]); choose(true); update(); }
      steppers[2].textContent = "❚❚";
      steppers[2].setAttribute("aria-pressed", "true");
      steppers[2].setAttribute("aria-label", "Pause");
      playing = setInterval(function () { if (!step(1)) { stop(); } }, PLAY_MS);
    }
    enabled.addEventListener("change", function () { undated.checked = !enabled.checked; if (!enabled.checked) { stop(); } update(); });
    slider.addEventListener("input", function () { choose(true); update(); });
    undated.addEventListener("change", update);
    steppers[0].addEventListener("click", function () { stop(); step(-1); });
    steppers[1].addEventListener("click", function () { stop(); step(1); });
    steppers[2].addEventListener("click", play);
    choose(Boolean(opening));
    update();
  }
  function buildSearch() {
    var names = document.getElementById("actor-names");
    actors.forEach(function (a) {
      var option = document.createElement("option");
      option.value = a.name;
      names.appendChild(option);
    });
    document.getElementById("search-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var typed = document.getElementById("search").value;
      if (!fold(typed)) { return; }
      var found = findActor(typed);
      if (found.length !== 1) {
        // A failed or ambiguous search clears the selection, so nothing stale stays selected.
        letGo();
        clear(details);
        if (!found.length) {
          details.appendChild(el("p", "No actor matches “" + typed + "”.", "hint"));
        } else {
          details.appendChild(el("p", "“" + typed + "” names " + found.length + " actors; choose one:", "hint"));
          addList(details, null, found, function (id) { var item = el("li"); item.appendChild(actorButton(id)); return item; });
        }
        shown();
        placeLabels();
        return;
      }
      select({ nodes: [found[0]], edges: [] });
      if (visibleNodes.has(found[0])) {
        network.focus(found[0], { scale: Math.max(network.getScale(), 1.0), animation: motion() });
        moved();
      }
    });
  }

  // vis-network animates frame by frame (24 frames for 400 ms): a large map, where one frame
  // takes most of a second, jumps instead.
  // Moves are animated on small maps, unless the reader's system asks for less motion.
  var lessMotion = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)").matches : false;
  function motion() { return DATA.large || lessMotion ? false : { duration: 400 }; }
  // After a move: an animation ends with "animationFinished" (which places the labels), a jump does not.
  function moved() { if (!motion()) { placeLabels(); } }

  // ---- fitting the view: vis-network's fit knows only the labels drawn so far ----
  var FIT_MARGIN = 12;  // px
  function fitView(ids, animate) {
    var map = document.getElementById("map");
    var width = map.clientWidth - 2 * FIT_MARGIN, height = map.clientHeight - 2 * FIT_MARGIN;
    var at = network.getPositions(ids);
    var list = ids.filter(function (id) { return at[id]; });
    if (!list.length || width <= 0 || height <= 0) { return; }
    // The drawing's extent at a scale, in screen px: nodes, and on small maps room for their labels.
    function extent(scale) {
      var px = clamp(LABELS.node * scale, LABELS.least, LABELS.node);
      var box = { l: Infinity, r: -Infinity, t: Infinity, b: -Infinity };
      list.forEach(function (id) {
        var x = at[id].x * scale, y = at[id].y * scale, r = sizeOf.get(id) * scale;
        var k = reach(id), half = k[0] * r, up = k[1] * r, down = k[2] * r;
        if (!DATA.large) {
          half = Math.max(half, textWidth("n" + id, textOf.get(id), px) / 2);
          up = r + 4 * scale + px;
          down = r + px / 2 + 4 * scale + px;
        }
        box.l = Math.min(box.l, x - half);
        box.r = Math.max(box.r, x + half);
        box.t = Math.min(box.t, y - up);
        box.b = Math.max(box.b, y + down);
      });
      return box;
    }
    function fits(box) { return box.r - box.l <= width && box.b - box.t <= height; }
    var low = 1e-5, high = 1;  // never closer than 1, as vis-network's fit
    if (!fits(extent(high))) {
      for (var i = 0; i < 40; i++) {
        var mid = Math.sqrt(low * high);
        if (fits(extent(mid))) { low = mid; } else { high = mid; }
      }
      high = low;
    }
    var box = extent(high);
    network.moveTo({
      position: { x: (box.l + box.r) / 2 / high, y: (box.t + box.b) / 2 / high },
      scale: high,
      animation: animate ? motion() : false
    });
    if (animate) { moved(); }
  }

  // ---- the first picture: positions and view, restored by "Whole map" ----
  var picture = null;
  function takePicture() {
    var map = document.getElementById("map");
    picture = {
      positions: network.getPositions(),
      view: { position: network.getViewPosition(), scale: network.getScale() },
      width: map.clientWidth,
      height: map.clientHeight
    };
    api.picture = picture;
  }
  function restorePicture() {
    // Nodes that came back with the filters take their place from the data, which holds the
    // first picture's; nodes dragged since are put back one by one.
    var now = network.getPositions();
    Object.keys(now).forEach(function (id) {
      var was = picture.positions[id];
      if (was && (now[id].x !== was.x || now[id].y !== was.y)) { network.moveNode(id, was.x, was.y); }
    });
    var map = document.getElementById("map");
    if (map.clientWidth === picture.width && map.clientHeight === picture.height) {
      var view = picture.view;
      if (motion()) {
        // vis-network's animation stops a hair off its target: end exactly on the first picture.
        network.once("animationFinished", function () {
          if (Math.abs(network.getScale() - view.scale) < view.scale / 100) { network.moveTo({ position: view.position, scale: view.scale }); placeLabels(); }
        });
      }
      network.moveTo({ position: view.position, scale: view.scale, animation: motion() });
      moved();
    } else {
      fitView(Array.from(visibleNodes), true);
    }
  }
  // On a phone the panels are a sheet under the map: folded, the map gets the screen; a tap on an
  // actor or relation opens it again, since that is where its details are.
  var sheetToggle = document.getElementById("sheet-toggle");
  function foldSheet(folded) {
    // The canvas changes height: the view keeps its centre and scale (vis-network would zoom to keep its width).
    var view = network ? { position: network.getViewPosition(), scale: network.getScale() } : null;
    document.body.classList.toggle("sheet-folded", folded);
    sheetToggle.textContent = folded ? "Show details" : "Hide details";
    sheetToggle.setAttribute("aria-expanded", String(!folded));
    if (network) {
      network.setSize("100%", "100%");
      network.moveTo(view);
      placeLabels();
    }
  }
  // The details shown, where a phone had folded them away.
  function unfoldSheet() {
    if (document.body.classList.contains("sheet-folded")) { foldSheet(false); }
  }
  function buildSheet() {
    sheetToggle.addEventListener("click", function () { foldSheet(!document.body.classList.contains("sheet-folded")); });
  }
  function buildFocus() {
    var focusButton = document.getElementById("focus-button");
    var whole = document.getElementById("whole-map");
    var depth = document.getElementById("focus-depth");
    focusButton.addEventListener("click", function () {
      if (!state.selected) { return; }
      state.focus = { id: state.selected, depth: Number(depth.value) };
      whole.disabled = false;
      recompute();
      fitView(Array.from(visibleNodes), true);
    });
    depth.addEventListener("change", function () {
      if (state.focus) { state.focus.depth = Number(depth.value); recompute(); }
    });
    whole.addEventListener("click", function () {
      state.focus = null;
      whole.disabled = true;
      recompute();
      restorePicture();
    });
  }

