/* The map page: filters, date slider, focus, search, legend and the details panel.
 * Every string that comes from the data is set with textContent or as an
 * attribute value through the DOM; nothing from the data is parsed as HTML, and
 * only http(s) URLs become links. */
(function () {
  "use strict";

  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  var DATA = readJson("map-data");
  var nodes = new vis.DataSet(readJson("map-nodes"));
  var edges = new vis.DataSet(readJson("map-edges"));
  var actors = new Map(DATA.actors.map(function (a) { return [a.id, a]; }));
  var relations = new Map(DATA.relations.map(function (r) { return [r.id, r]; }));
  var POLARITY_WORDS = { cooperative: "Cooperative", hostile: "Hostile", neutral: "Neutral" };

  var state = {
    kinds: new Set(DATA.legend.kinds.map(function (k) { return k.id; })),
    polarities: new Set(["cooperative", "hostile", "neutral"]),
    day: null,
    undated: true,
    focus: null,
    selected: null
  };
  var visibleNodes = new Set();
  var visibleEdges = new Set();

  // ---- small DOM helpers: text only, never markup ----
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    node.dir = "auto";
    return node;
  }
  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }
  function safeLink(url, text) {
    if (typeof url === "string" && /^https?:\/\/[^\s"'<>]+$/i.test(url)) {
      var a = el("a", text);
      a.href = url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      return a;
    }
    return el("span", text);
  }
  // The rule of stakeholders.names.normalize, checked against it on shared cases by the tests:
  // marks dropped, case folded (toLowerCase plus the two folds it lacks), anything but a letter or a digit a space.
  function fold(text) {
    return String(text).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/ß/g, "ss").replace(/ς/g, "σ")
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  // ---- finding an actor by name: the steps of stakeholders.names.NameIndex, checked on one table of cases ----
  var byId = new Map(), byFoldedId = new Map(), byName = new Map();
  actors.forEach(function (a) {
    byId.set(a.id, a.id);
    if (!byFoldedId.has(fold(a.id))) { byFoldedId.set(fold(a.id), a.id); }
    [a.name].concat(a.aliases).forEach(function (label) {
      var ids = byName.get(fold(label)) || [];
      if (ids.indexOf(a.id) === -1) { ids.push(a.id); }
      byName.set(fold(label), ids);
    });
  });
  function coverage(query, words, whole) {
    for (var i = 0; i + query.length <= words.length; i++) {
      var all = query.every(function (q, j) { return whole ? words[i + j] === q : words[i + j].indexOf(q) === 0; });
      if (all) { return query.length / words.length; }
    }
    return 0;
  }
  // The actors a name designates: one, several (ambiguous, best first) or none.
  function findActor(name) {
    if (byId.has(name)) { return [name]; }
    var key = fold(name);
    if (byFoldedId.has(key)) { return [byFoldedId.get(key)]; }
    if (byName.has(key)) { return byName.get(key).slice(); }
    var labels = [];
    byFoldedId.forEach(function (id, label) { labels.push([label.split(" "), [id]]); });
    byName.forEach(function (ids, label) { labels.push([label.split(" "), ids]); });
    var query = key.split(" ");
    for (var pass = 0; pass < 2; pass++) {
      var best = new Map();
      labels.forEach(function (entry) {
        var share = coverage(query, entry[0], pass === 0);
        if (share) { entry[1].forEach(function (id) { best.set(id, Math.max(best.get(id) || 0, share)); }); }
      });
      if (best.size) {
        var ranked = Array.from(best.keys()).sort(function (x, y) {
          var nx = actors.get(x).name.toLowerCase(), ny = actors.get(y).name.toLowerCase();
          return best.get(y) - best.get(x) || (nx < ny ? -1 : nx > ny ? 1 : 0) || (x < y ? -1 : x > y ? 1 : 0);
        });
        var top = best.get(ranked[0]);
        return ranked.filter(function (id) { return best.get(id) === top; }).length === 1 ? ranked.slice(0, 1) : ranked;
      }
    }
    return [];
  }

  // ---- which actors and relations are shown ----
  // Days come computed by the Python rule (stakeholders.holds): a relation's own dates, else its
  // source's; an undated relation holds on no chosen date unless the reader asks to see those too.
  function activeOn(record, day) {
    if (day === null) { return true; }
    if (record.undated) { return state.undated; }
    return (!record.first || record.first <= day) && (!record.last || record.last >= day);
  }
  function relationPasses(r) {
    return state.kinds.has(r.kind) && state.polarities.has(r.polarity) && activeOn(r, state.day);
  }
  function focusSet() {
    if (state.focus === null) { return null; }
    var reached = new Set([state.focus.id]);
    var frontier = [state.focus.id];
    var adjacency = new Map();
    relations.forEach(function (r) {
      if (!relationPasses(r)) { return; }
      [[r.source, r.target], [r.target, r.source]].forEach(function (pair) {
        if (!adjacency.has(pair[0])) { adjacency.set(pair[0], []); }
        adjacency.get(pair[0]).push(pair[1]);
      });
    });
    for (var depth = 0; depth < state.focus.depth; depth++) {
      var next = [];
      frontier.forEach(function (id) {
        (adjacency.get(id) || []).forEach(function (other) {
          if (!reached.has(other)) { reached.add(other); next.push(other); }
        });
      });
      frontier = next;
    }
    return reached;
  }
  function recompute() {
    var around = focusSet();
    visibleNodes = new Set();
    actors.forEach(function (a) {
      if (activeOn(a, state.day) && (around === null || around.has(a.id))) { visibleNodes.add(a.id); }
    });
    visibleEdges = new Set();
    relations.forEach(function (r) {
      if (relationPasses(r) && visibleNodes.has(r.source) && visibleNodes.has(r.target)) { visibleEdges.add(r.id); }
    });
    nodeView.refresh();
    edgeView.refresh();
    document.getElementById("map-counts").textContent =
      "Showing " + visibleNodes.size + " of " + actors.size + " actors, " +
      visibleEdges.size + " of " + relations.size + " relations" +
      (state.day ? " active on " + state.day : "") +
      (state.focus ? " around " + actors.get(state.focus.id).name + " (depth " + state.focus.depth + ")" : "");
  }

  var nodeView = new vis.DataView(nodes, { filter: function (n) { return visibleNodes.has(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return visibleEdges.has(e.id); } });

  // ---- details panel ----
  var details = document.getElementById("details");

  function dates(record) {
    if (record.reported) { return "reported " + record.reported; }
    if (record.start && record.end) { return record.start === record.end ? record.start : record.start + " to " + record.end; }
    if (record.start) { return "since " + record.start; }
    if (record.end) { return "until " + record.end; }
    return "undated";
  }
  function arrow(r, from) {
    if (!r.directed) { return "—[" + r.label + "]—"; }
    return r.target === from ? "←[" + r.label + "]—" : "—[" + r.label + "]→";
  }
  function addFacts(parent, facts) {
    var dl = el("dl");
    facts.forEach(function (fact) {
      if (fact[1] === null || fact[1] === undefined || fact[1] === "") { return; }
      dl.appendChild(el("dt", fact[0]));
      dl.appendChild(el("dd", fact[1]));
    });
    parent.appendChild(dl);
  }
  function actorButton(id) {
    var button = el("button", actors.get(id).name, "link");
    button.type = "button";
    button.addEventListener("click", function () { select({ nodes: [id], edges: [] }); });
    return button;
  }

  function showActor(id) {
    var a = actors.get(id);
    clear(details);
    details.appendChild(el("h2", a.name));
    details.appendChild(el("p", [a.type, a.country, a.start || a.end ? dates(a) : null].filter(Boolean).join(" · "), "meta"));
    if (a.group) { details.appendChild(el("p", a.group, "meta")); }
    if (a.aliases.length) { details.appendChild(el("p", "Also: " + a.aliases.join(", "))); }
    if (a.tags.length) { details.appendChild(el("p", "Tags: " + a.tags.join(", "), "meta")); }
    if (a.description) { details.appendChild(el("p", a.description)); }
    var own = [];
    relations.forEach(function (r) { if (r.source === id || r.target === id) { own.push(r); } });
    ["cooperative", "hostile", "neutral"].forEach(function (polarity) {
      var group = own.filter(function (r) { return r.polarity === polarity; });
      if (!group.length) { return; }
      details.appendChild(el("h3", POLARITY_WORDS[polarity] + " (" + group.length + ")"));
      var list = el("ul");
      group.forEach(function (r) {
        var item = el("li");
        var button = el("button", arrow(r, id) + " " + actors.get(r.source === id ? r.target : r.source).name, "link");
        button.type = "button";
        button.addEventListener("click", function () { select({ nodes: [], edges: [r.id] }); });
        item.appendChild(button);
        item.appendChild(el("span", " " + dates(r) + (visibleEdges.has(r.id) ? "" : " (hidden by filters)"), "count"));
        list.appendChild(item);
      });
      details.appendChild(list);
    });
    if (!own.length) { details.appendChild(el("p", "No relations.", "hint")); }
  }

  function showRelation(id) {
    var r = relations.get(id);
    clear(details);
    details.appendChild(el("h2", r.label));
    var ends = el("p");
    ends.appendChild(actorButton(r.source));
    ends.appendChild(el("span", r.directed ? " → " : " — "));
    ends.appendChild(actorButton(r.target));
    details.appendChild(ends);
    addFacts(details, [
      ["Polarity", r.polarity],
      ["Dates", dates(r)],
      ["Status", r.status],
      ["Mode", r.mode],
      ["Via", r.via.join(", ")],
      ["Confidence", r.confidence],
      ["Weight", r.weight],
      ["Id", r.id]
    ]);
    if (r.description) { details.appendChild(el("p", r.description)); }
    details.appendChild(el("h3", "Evidence (" + r.evidence.length + ")"));
    if (!r.evidence.length) { details.appendChild(el("p", "No evidence recorded.", "hint")); }
    r.evidence.forEach(function (e) {
      details.appendChild(el("blockquote", "“" + e.quote + "”"));
      var cite = el("cite");
      cite.appendChild(safeLink(e.url, e.source));
      var rest = [e.publisher, e.date, e.locator].filter(Boolean).join(", ");
      if (rest) { cite.appendChild(el("span", " — " + rest)); }
      details.appendChild(cite);
    });
  }

  function select(selection) {
    if (selection.nodes.length) {
      state.selected = selection.nodes[0];
      if (visibleNodes.has(state.selected)) { network.selectNodes([state.selected]); }
      showActor(state.selected);
    } else if (selection.edges.length) {
      if (visibleEdges.has(selection.edges[0])) { network.setSelection({ nodes: [], edges: [selection.edges[0]] }); }
      showRelation(selection.edges[0]);
    }
    document.getElementById("focus-button").disabled = !state.selected;
  }

  // ---- legend ----
  var SVG = "http://www.w3.org/2000/svg";
  function svgShape(shape, color) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("class", "swatch");
    var points = {
      square: "2,2 14,2 14,14 2,14",
      diamond: "8,1 15,8 8,15 1,8",
      triangle: "8,2 15,14 1,14",
      triangleDown: "1,2 15,2 8,14",
      star: "8,1 10,6 15,6 11,9 13,15 8,11 3,15 5,9 1,6 6,6",
      hexagon: "4,2 12,2 15,8 12,14 4,14 1,8"
    }[shape];
    var mark = document.createElementNS(SVG, points ? "polygon" : "circle");
    if (points) { mark.setAttribute("points", points); } else { mark.setAttribute("cx", "8"); mark.setAttribute("cy", "8"); mark.setAttribute("r", "6"); }
    mark.setAttribute("fill", color);
    mark.setAttribute("stroke", "#333");
    svg.appendChild(mark);
    return svg;
  }
  function svgLine(color, dashed, arrowHead) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "28");
    svg.setAttribute("height", "12");
    svg.setAttribute("class", "swatch");
    var line = document.createElementNS(SVG, "line");
    [["x1", "1"], ["y1", "6"], ["x2", arrowHead ? "20" : "27"], ["y2", "6"], ["stroke", color], ["stroke-width", "2.5"]].forEach(function (a) { line.setAttribute(a[0], a[1]); });
    if (dashed) { line.setAttribute("stroke-dasharray", "4 3"); }
    svg.appendChild(line);
    if (arrowHead) {
      var head = document.createElementNS(SVG, "polygon");
      head.setAttribute("points", "19,1 27,6 19,11");
      head.setAttribute("fill", color);
      svg.appendChild(head);
    }
    return svg;
  }
  function legendItem(list, swatch, text, count) {
    var item = el("li");
    item.appendChild(swatch);
    item.appendChild(el("span", text));
    if (count !== undefined) { item.appendChild(el("span", "(" + count + ")", "count")); }
    list.appendChild(item);
  }
  function buildLegend() {
    var legend = document.getElementById("legend");
    legend.appendChild(el("h2", "Actors"));
    var types = el("ul");
    DATA.legend.types.forEach(function (t) { legendItem(types, svgShape(t.shape, t.color), t.type, t.count); });
    legend.appendChild(types);
    if (DATA.legend.groups) {
      legend.appendChild(el("h2", "Colour"));
      var groups = el("ul");
      DATA.legend.groups.forEach(function (g) { legendItem(groups, svgShape("dot", g.color), g.label, g.count); });
      legend.appendChild(groups);
    }
    legend.appendChild(el("p", "Size: " + DATA.legend.size, "count"));
    legend.appendChild(el("h2", "Relations"));
    var polarities = el("ul");
    DATA.legend.polarities.forEach(function (p) { legendItem(polarities, svgLine(p.color, false, false), p.name, p.count); });
    legend.appendChild(polarities);
    legend.appendChild(el("h2", "Lines"));
    var lines = el("ul");
    legendItem(lines, svgLine("#555", false, false), "direct");
    legendItem(lines, svgLine("#555", true, false), "indirect (through intermediaries)");
    legendItem(lines, svgLine("#555", false, true), "directed (from actor to actor)");
    legend.appendChild(lines);
  }

  // ---- controls ----
  function checkbox(parent, value, text, checked, onChange) {
    var label = el("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.value = value;
    box.checked = checked;
    box.addEventListener("change", function () { onChange(box.checked); });
    label.appendChild(box);
    label.appendChild(el("span", " " + text));
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
      kindBoxes.push(checkbox(kinds, k.id, k.label + " (" + k.count + ")", true, function (on) {
        if (on) { state.kinds.add(k.id); } else { state.kinds.delete(k.id); }
        recompute();
      }));
    });
    function setAll(on) {
      kindBoxes.forEach(function (box) { box.checked = on; if (on) { state.kinds.add(box.value); } else { state.kinds.delete(box.value); } });
      recompute();
    }
    document.getElementById("kinds-all").addEventListener("click", function () { setAll(true); });
    document.getElementById("kinds-none").addEventListener("click", function () { setAll(false); });

    var enabled = document.getElementById("date-enabled");
    var slider = document.getElementById("date-slider");
    var label = document.getElementById("date-label");
    var undated = document.getElementById("date-undated");
    if (!DATA.dates) {
      enabled.disabled = true;
      undated.disabled = true;
      return;
    }
    var first = Date.parse(DATA.dates.min + "T00:00:00Z");
    var span = Math.round((Date.parse(DATA.dates.max + "T00:00:00Z") - first) / 86400000);
    slider.max = String(span);
    slider.value = String(DATA.as_of && DATA.as_of >= DATA.dates.min && DATA.as_of <= DATA.dates.max
      ? Math.round((Date.parse(DATA.as_of + "T00:00:00Z") - first) / 86400000) : span);
    function dayOf(value) { return new Date(first + Number(value) * 86400000).toISOString().slice(0, 10); }
    function update(event) {
      slider.disabled = !enabled.checked;
      // Without a date every relation shows; choosing one hides the undated until asked for.
      if (event && event.target === enabled) { undated.checked = !enabled.checked; }
      undated.disabled = !enabled.checked;
      state.undated = undated.checked;
      state.day = enabled.checked ? dayOf(slider.value) : null;
      label.textContent = enabled.checked ? state.day : "all dates";
      recompute();
    }
    enabled.addEventListener("change", update);
    slider.addEventListener("input", update);
    undated.addEventListener("change", update);
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
        state.selected = null;
        network.unselectAll();
        document.getElementById("focus-button").disabled = true;
        clear(details);
        if (!found.length) {
          details.appendChild(el("p", "No actor matches “" + typed + "”.", "hint"));
          return;
        }
        details.appendChild(el("p", "“" + typed + "” names " + found.length + " actors; choose one:", "hint"));
        var list = el("ul");
        found.forEach(function (id) { var item = el("li"); item.appendChild(actorButton(id)); list.appendChild(item); });
        details.appendChild(list);
        return;
      }
      select({ nodes: [found[0]], edges: [] });
      if (visibleNodes.has(found[0])) {
        network.focus(found[0], { scale: Math.max(network.getScale(), 1.0), animation: { duration: 400 } });
      }
    });
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
      network.fit({ animation: { duration: 400 } });
    });
    depth.addEventListener("change", function () {
      if (state.focus) { state.focus.depth = Number(depth.value); recompute(); }
    });
    whole.addEventListener("click", function () {
      state.focus = null;
      whole.disabled = true;
      recompute();
      network.fit({ animation: { duration: 400 } });
    });
  }

  // ---- start ----
  if (DATA.description) { details.insertBefore(el("p", DATA.description), details.firstChild); }
  recompute();
  var network = new vis.Network(document.getElementById("map"), { nodes: nodeView, edges: edgeView }, DATA.options);
  buildLegend();
  buildFilters();
  buildSearch();
  buildFocus();
  network.on("click", function (params) {
    if (params.nodes.length || params.edges.length) { select(params); }
  });

  var api = {
    network: network,
    ready: false,
    fold: fold,
    findActor: findActor,
    visibleNodeIds: function () { return Array.from(visibleNodes).sort(); },
    visibleEdgeIds: function () { return Array.from(visibleEdges).sort(); }
  };
  window.stakeholdersMap = api;
  function markReady() {
    network.once("afterDrawing", function () {
      api.ready = true;
      document.body.dataset.ready = "true";
    });
    network.redraw();
  }
  if (DATA.options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () {
      // Bounded layout, then still: a settled map should not keep a CPU busy.
      network.setOptions({ physics: { enabled: false } });
      network.fit();
      markReady();
    });
  } else {
    markReady();
  }
}());
