/* The map page: filters, date slider, focus, search, legend and the details panel.
 * Every string that comes from the data is set with textContent or as an
 * attribute value through the DOM; nothing from the data is parsed as HTML, and
 * only http(s) URLs become links. */
(function () {
  "use strict";

  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }
  // Lists of records come as tables (each field named once); a null cell is a field the record does not have.
  function records(table) {
    return table.rows.map(function (row) {
      var record = {};
      table.columns.forEach(function (column, i) { if (row[i] !== null) { record[column] = row[i]; } });
      return record;
    });
  }

  var scriptStarted = performance.now();
  var DATA = readJson("map-data");
  DATA.actors = records(DATA.actors);
  DATA.relations = records(DATA.relations);
  // A map of what changed (render --diff-from): added and changed actors and relations stand out
  // in their colour, removed ones stay as faint, dashed ghosts where they were.
  var CHANGE_COLORS = DATA.diff ? DATA.diff.colors : {};
  var CHANGE_WORDS = { added: "Added", removed: "Removed", changed: "Changed" };
  function marked(items, records, mark) {
    if (!DATA.diff) { return items; }
    var change = new Map(records.map(function (r) { return [r.id, r.change]; }));
    items.forEach(function (item) { if (change.get(item.id)) { mark(item, change.get(item.id)); } });
    return items;
  }
  function markNode(node, change) {
    if (change === "removed") {
      node.opacity = 0.3;
      node.shapeProperties = { borderDashes: [4, 3] };
      return;
    }
    node.borderWidth = 4;
    node.color = { background: node.color.background, border: CHANGE_COLORS[change], highlight: { background: node.color.background, border: CHANGE_COLORS[change] } };
  }
  function markEdge(edge, change) {
    if (change === "removed") {
      edge.color = { color: edge.color.color, highlight: edge.color.highlight, opacity: 0.25 };
      edge.dashes = [2, 6];
      return;
    }
    edge.width += 1.5;
    edge.shadow = { enabled: true, color: CHANGE_COLORS[change], size: 10, x: 0, y: 0 };
  }
  var nodes = new vis.DataSet(marked(records(readJson("map-nodes")), DATA.actors, markNode));
  var edges = new vis.DataSet(marked(records(readJson("map-edges")), DATA.relations, markEdge));
  var actors = new Map(DATA.actors.map(function (a) { return [a.id, a]; }));
  var relations = new Map(DATA.relations.map(function (r) { return [r.id, r]; }));
  var POLARITY_WORDS = { cooperative: "Cooperative", hostile: "Hostile", neutral: "Neutral" };

  var state = {
    kinds: new Set(DATA.legend.kinds.map(function (k) { return k.id; })),
    polarities: new Set(["cooperative", "hostile", "neutral"]),
    day: null,
    undated: true,
    focus: null,
    selected: null,
    edge: null
  };
  var visibleNodes = new Set();
  var visibleEdges = new Set();

  // Thousands grouped as the README and the command line write them (5,000), whatever the reader's locale.
  function count(n) { return n.toLocaleString("en-US"); }

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
      "Showing " + count(visibleNodes.size) + " of " + count(actors.size) + " actors, " +
      count(visibleEdges.size) + " of " + count(relations.size) + " relations" +
      (state.day ? " active on " + state.day : "") +
      (state.focus ? " around " + actors.get(state.focus.id).name + " (depth " + state.focus.depth + ")" : "");
    updateCounts();
    forgetLabels();
    if (network) { placeLabels(); }
  }

  var nodeView = new vis.DataView(nodes, { filter: function (n) { return visibleNodes.has(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return visibleEdges.has(e.id); } });
  var network = null;

  // ---- panels that scroll: a cue shows when there is more above or below ----
  function updateCue(panel) {
    var below = panel.scrollTop + panel.clientHeight < panel.scrollHeight - 1;
    panel.classList.toggle("more-below", below);
    panel.classList.toggle("more-above", panel.scrollTop > 0);
  }
  function watchCue(panel) {
    panel.addEventListener("scroll", function () { updateCue(panel); }, { passive: true });
    // <details> toggles do not bubble: listen while they go down.
    panel.addEventListener("toggle", function () { updateCue(panel); }, true);
    window.addEventListener("resize", function () { updateCue(panel); });
  }

  // ---- details panel ----
  var details = document.getElementById("details");
  var legendPanel = document.getElementById("legend");
  var LIST_FIRST = 20;  // a long list shows this many, then a button for the rest

  function dates(record) {
    if (record.reported) { return "reported " + record.reported; }
    if (record.start && record.end) { return record.start === record.end ? record.start : record.start + " to " + record.end; }
    if (record.start) { return "since " + record.start; }
    if (record.end) { return "until " + record.end; }
    return "undated";
  }
  // Dates inferred from a source (not the relation's own) are shown in italics, as the legend says.
  function dateNode(tag, record, suffix) {
    var node = el(tag, dates(record) + (suffix || ""), record.reported ? "inferred" : null);
    if (record.reported) { node.title = "inferred from the date of the source that reported it"; }
    return node;
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
      dl.appendChild(typeof fact[1] === "object" ? fact[1] : el("dd", fact[1]));
    });
    parent.appendChild(dl);
  }
  function actorButton(id) {
    var button = el("button", actors.get(id).name, "link");
    button.type = "button";
    button.addEventListener("click", function () { select({ nodes: [id], edges: [] }); });
    return button;
  }
  // A list that shows its first LIST_FIRST items and a button for the rest; under a
  // summary with the count (collapsible) when it has a title.
  function addList(parent, title, items, render) {
    var holder = parent;
    if (title !== null) {
      holder = el("details", null, "group");
      holder.open = true;
      holder.appendChild(el("summary", title + " (" + items.length + ")"));
      parent.appendChild(holder);
    }
    var list = el("ul");
    holder.appendChild(list);
    function fill(count) {
      items.slice(list.children.length, count).forEach(function (item) { list.appendChild(render(item)); });
    }
    fill(LIST_FIRST);
    if (items.length > LIST_FIRST) {
      var more = el("button", "Show all " + items.length + " (" + (items.length - LIST_FIRST) + " more)", "more");
      more.type = "button";
      more.addEventListener("click", function () {
        fill(items.length);
        holder.removeChild(more);
        updateCue(details);
      });
      holder.appendChild(more);
    }
  }
  function shown() {
    details.scrollTop = 0;
    updateCue(details);
  }

  function addChange(record) {
    if (!DATA.diff || !record.change) { return; }
    var text = CHANGE_WORDS[record.change] + " between " + DATA.diff.from + " and " + DATA.diff.to;
    if (record.changed.length) { text += ": " + record.changed.join(", "); }
    var line = el("p", text, "change");
    line.style.borderLeftColor = CHANGE_COLORS[record.change];
    details.appendChild(line);
  }

  function showActor(id) {
    var a = actors.get(id);
    clear(details);
    details.appendChild(el("h2", a.name));
    addChange(a);
    details.appendChild(el("p", [a.type, a.country, a.start || a.end ? dates(a) : null].filter(Boolean).join(" · "), "meta"));
    if (a.group) { details.appendChild(el("p", a.group, "meta")); }
    if (a.aliases.length) { details.appendChild(el("p", "Also: " + a.aliases.join(", "))); }
    if (a.tags.length) { details.appendChild(el("p", "Tags: " + a.tags.join(", "), "meta")); }
    if (a.description) { details.appendChild(el("p", a.description)); }
    var own = ownRelations.get(id) || [];
    ["cooperative", "hostile", "neutral"].forEach(function (polarity) {
      var group = own.filter(function (r) { return r.polarity === polarity; });
      if (!group.length) { return; }
      addList(details, POLARITY_WORDS[polarity], group, function (r) {
        var item = el("li");
        var button = el("button", arrow(r, id) + " " + actors.get(r.source === id ? r.target : r.source).name, "link");
        button.type = "button";
        button.addEventListener("click", function () { select({ nodes: [], edges: [r.id] }); });
        item.appendChild(button);
        item.appendChild(el("span", " "));
        item.appendChild(dateNode("span", r, visibleEdges.has(r.id) ? "" : " (hidden by filters)"));
        return item;
      });
    });
    if (!own.length) { details.appendChild(el("p", "No relations.", "hint")); }
    shown();
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
    addChange(r);
    addFacts(details, [
      ["Polarity", r.polarity],
      ["Dates", dateNode("dd", r)],
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
      // Event data (a source of kind dataset) may give no quote: its records are named in the locator.
      if (e.quote != null) { details.appendChild(el("blockquote", "“" + e.quote + "”")); }
      var source = DATA.sources[e.cites];
      var cite = el("cite");
      cite.appendChild(safeLink(source.url, source.source));
      var rest = [source.publisher, source.date, e.locator].filter(Boolean).join(", ");
      if (rest) { cite.appendChild(el("span", " — " + rest)); }
      details.appendChild(cite);
    });
    shown();
  }

  function select(selection) {
    if (selection.nodes.length) {
      state.selected = selection.nodes[0];
      state.edge = null;
      if (visibleNodes.has(state.selected)) { network.selectNodes([state.selected]); } else { network.unselectAll(); }
      showActor(state.selected);
    } else if (selection.edges.length) {
      state.edge = selection.edges[0];
      if (visibleEdges.has(state.edge)) { network.setSelection({ nodes: [], edges: [state.edge] }); } else { network.unselectAll(); }
      showRelation(state.edge);
    }
    document.getElementById("focus-button").disabled = !state.selected;
    placeLabels();
  }

  // ---- legend: counts of what is shown / of all, following every filter ----
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
  // "(13)" when all are shown, "(10 / 13)" when filters hide some.
  function countText(shownCount, total) {
    return "(" + (shownCount === total ? String(total) : shownCount + " / " + total) + ")";
  }
  var counters = [];  // [span, total, what is counted ("type", "group", "polarity", "kind"), its value]
  var tallies = null;
  function counter(total, what, value) {
    var span = el("span", countText(total, total), "count");
    counters.push([span, total, what, value]);
    return span;
  }
  function legendItem(list, swatch, text, count) {
    var item = el("li");
    item.appendChild(swatch);
    item.appendChild(el("span", text));
    if (count) { item.appendChild(count); }
    list.appendChild(item);
  }
  function updateCounts() {
    tallies = { type: new Map(), group: new Map(), polarity: new Map(), kind: new Map() };
    function bump(map, key) { map.set(key, (map.get(key) || 0) + 1); }
    visibleNodes.forEach(function (id) { var a = actors.get(id); bump(tallies.type, a.type); bump(tallies.group, a.group); });
    visibleEdges.forEach(function (id) { var r = relations.get(id); bump(tallies.polarity, r.polarity); bump(tallies.kind, r.kind); });
    counters.forEach(function (c) { c[0].textContent = countText(tallies[c[2]].get(c[3]) || 0, c[1]); });
    updateCue(legendPanel);
  }
  function buildLegend() {
    var legend = legendPanel;
    legend.appendChild(el("h2", "Actors"));
    var types = el("ul", null, "columns");
    DATA.legend.types.forEach(function (t) { legendItem(types, svgShape(t.shape, t.color), t.type, counter(t.count, "type", t.type)); });
    legend.appendChild(types);
    if (DATA.legend.groups) {
      legend.appendChild(el("h2", "Colour"));
      var groups = el("ul");
      DATA.legend.groups.forEach(function (g) {
        legendItem(groups, svgShape("dot", g.color), g.label, counter(g.count, "group", g.label === "in none" ? null : g.label));
      });
      legend.appendChild(groups);
    }
    legend.appendChild(el("p", "Size: " + DATA.legend.size + ". Counts: shown / all when filters hide some.", "note"));
    legend.appendChild(el("h2", "Relations"));
    var polarities = el("ul", null, "columns");
    DATA.legend.polarities.forEach(function (p) { legendItem(polarities, svgLine(p.color, false, false), p.name, counter(p.count, "polarity", p.name)); });
    legend.appendChild(polarities);
    legend.appendChild(el("h2", "Lines"));
    var lines = el("ul");
    legendItem(lines, svgLine("#555", false, false), "direct");
    legendItem(lines, svgLine("#555", true, false), "indirect (through intermediaries)");
    legendItem(lines, svgLine("#555", false, true), "directed (from actor to actor)");
    legend.appendChild(lines);
    if (DATA.diff) {
      legend.appendChild(el("h2", "Changes, " + DATA.diff.from + " to " + DATA.diff.to));
      var changes = el("ul");
      Object.keys(CHANGE_WORDS).forEach(function (change) {
        var n = DATA.diff.counts[change];
        legendItem(changes, svgLine(CHANGE_COLORS[change], change === "removed", false), change, el("span", "(" + count(n.actors) + " actors, " + count(n.relations) + " relations)", "count change-count"));
      });
      legend.appendChild(changes);
    }
    legend.appendChild(el("h2", "Dates"));
    var undated = DATA.relations.filter(function (r) { return r.undated; }).length;
    var inferred = DATA.relations.filter(function (r) { return r.reported; }).length;
    legend.appendChild(el("p", "Undated relations hold on no chosen date (" + undated + " here): with a date set, tick “undated” to show them.", "note"));
    var rule = el("p", null, "note");
    rule.appendChild(el("span", "Dates in italics", "inferred"));
    rule.appendChild(el("span", " are inferred from a source: the date of the report that gives the relation (" + inferred + " here)."));
    legend.appendChild(rule);
    watchCue(legend);
  }

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
        state.edge = null;
        network.unselectAll();
        document.getElementById("focus-button").disabled = true;
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
  function motion() { return DATA.large ? false : { duration: 400 }; }
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

  // ---- labels: as many as fit without covering one another or a node, the biggest actors first ----
  // vis-network draws every label it is given, overlapping or not, and none below 4 px on
  // screen: the page gives a font size only to the labels it places (others get 0) and sizes
  // them in screen pixels, so a fitted big map still names its hubs and zooming in names more.
  var LABELS = DATA.labels;
  var GAP = 2;  // px kept free around a label
  var sizeOf = new Map();
  var textOf = new Map();
  var shapeOf = new Map();
  nodes.forEach(function (n) { sizeOf.set(n.id, n.size); textOf.set(n.id, n.label); shapeOf.set(n.id, n.shape); });
  var nodeOrder = Array.from(sizeOf.keys()).sort(function (x, y) { return sizeOf.get(y) - sizeOf.get(x) || (x < y ? -1 : x > y ? 1 : 0); });
  var curved = new Set();
  var widthOf = new Map();
  edges.forEach(function (e) { widthOf.set(e.id, e.width); if (e.smooth) { curved.add(e.id); } });
  var edgeOrder = Array.from(widthOf.keys()).sort(function (x, y) { return widthOf.get(y) - widthOf.get(x) || (x < y ? -1 : x > y ? 1 : 0); });
  var ownRelations = new Map();
  relations.forEach(function (r) {
    [r.source, r.target].forEach(function (id) {
      if (!ownRelations.has(id)) { ownRelations.set(id, []); }
      ownRelations.get(id).push(r);
    });
  });
  var measure = document.createElement("canvas").getContext("2d");
  var widths = new Map();
  function textWidth(key, text, px) {
    var width = widths.get(key);
    if (width === undefined) {
      measure.font = "100px " + LABELS.face;
      width = measure.measureText(text).width;
      widths.set(key, width);
    }
    return width * px / 100;
  }
  // Boxes in a grid of cells, to find overlaps among thousands quickly.
  function Boxes(cell) { this.cell = cell; this.cells = new Map(); }
  Boxes.prototype.each = function (box, visit) {
    var c = this.cell;
    for (var i = Math.floor(box.l / c); i <= Math.floor(box.r / c); i++) {
      for (var j = Math.floor(box.t / c); j <= Math.floor(box.b / c); j++) {
        if (visit(i * 65536 + j) === true) { return true; }
      }
    }
    return false;
  };
  Boxes.prototype.add = function (box) {
    var cells = this.cells;
    this.each(box, function (key) {
      if (!cells.has(key)) { cells.set(key, []); }
      cells.get(key).push(box);
    });
  };
  Boxes.prototype.hits = function (box) {
    var cells = this.cells;
    return this.each(box, function (key) {
      var there = cells.get(key);
      if (!there) { return false; }
      for (var k = 0; k < there.length; k++) {
        var o = there[k];
        if (o.l < box.r && box.l < o.r && o.t < box.b && box.t < o.b) { return true; }
      }
      return false;
    });
  };
  function clamp(value, low, high) { return Math.max(low, Math.min(high, value)); }
  // How far vis-network's shapes reach from the centre, in node sizes: across, up, down.
  var REACH = {
    triangle: [1.15, 1.012, 0.981],
    triangleDown: [1.15, 0.981, 1.012],
    star: [1.014, 0.984, 0.944],
    hexagon: [1, 0.866, 0.866]
  };
  function reach(id) { return REACH[shapeOf.get(id)] || [1, 1, 1]; }
  function nodeBox(id, x, y, r) {
    var k = reach(id);
    return { l: x - k[0] * r, r: x + k[0] * r, t: y - k[1] * r, b: y + k[2] * r };
  }

  var nodeFonts = new Map();  // the label font ({size, vadjust}, canvas px) of each node drawn with a label
  var edgeFonts = new Map();  // the label font size of each edge drawn with a label
  var edgeTexts = new Set();  // large maps carry no edge labels: the edges given one since
  // A node or edge that leaves the map comes back from the data, with no label.
  function forgetLabels() {
    nodeFonts.forEach(function (font, id) { if (!visibleNodes.has(id)) { nodeFonts.delete(id); } });
    edgeFonts.forEach(function (size, id) { if (!visibleEdges.has(id)) { edgeFonts.delete(id); } });
    edgeTexts.forEach(function (id) { if (!visibleEdges.has(id)) { edgeTexts.delete(id); } });
  }
  // On zoom and pan: at once (the frame vis-network is about to draw gets the new labels), then
  // at most once per LABEL_PAUSE ms while it goes on, and once more at the end.
  var LABEL_PAUSE = DATA.large ? 200 : 50;
  var labelTimer = null, labelsPlaced = -Infinity;
  function placeLabelsSoon() {
    var wait = labelsPlaced + LABEL_PAUSE - performance.now();
    if (wait <= 0 && labelTimer === null) { placeLabels(); return; }
    if (labelTimer === null) { labelTimer = setTimeout(placeLabels, Math.max(wait, LABEL_PAUSE / 2)); }
  }
  function placeLabels() {
    if (labelTimer !== null) { clearTimeout(labelTimer); labelTimer = null; }
    var started = performance.now();
    var map = document.getElementById("map");
    var width = map.clientWidth, height = map.clientHeight;
    var scale = network.getScale();
    var origin = network.canvasToDOM({ x: 0, y: 0 });
    var nodePx = clamp(LABELS.node * scale, LABELS.least, LABELS.node);
    var edgePx = clamp(LABELS.edge * scale, LABELS.least, LABELS.edge);
    var nodeFont = Math.round(nodePx / scale * 100) / 100;
    var edgeFont = Math.round(edgePx / scale * 100) / 100;
    var at = network.getPositions();
    var taken = new Boxes(64);
    var near = {};
    function dom(p) { return { x: origin.x + p.x * scale, y: origin.y + p.y * scale }; }
    function inView(p, pad) { return p.x >= -pad && p.y >= -pad && p.x <= width + pad && p.y <= height + pad; }
    // Every node big enough to see is an obstacle.
    nodeOrder.forEach(function (id) {
      if (!at[id]) { return; }
      var d = dom(at[id]), r = sizeOf.get(id) * scale;
      if (!inView(d, r + 200)) { return; }
      near[id] = { x: d.x, y: d.y, r: r };
      if (r >= LABELS.obstacle) { taken.add(nodeBox(id, d.x, d.y, r)); }
    });
    // Where vis-network puts a label (w px wide): under its node, below the node's size, half the
    // font and 4 canvas px. When that place is taken, above the node instead (moved up by font.vadjust).
    function nodeLabel(id, above, w) {
      var n = near[id];
      var under = n.y + n.r + nodePx / 2 + 4 * scale;
      var top = above ? n.y - n.r * reach(id)[1] - 4 * scale - nodePx : under;
      return { l: n.x - w / 2 - GAP, r: n.x + w / 2 + GAP, t: top - GAP, b: top + nodePx + GAP, shift: Math.round((top - under) / scale * 100) / 100 };
    }
    function edgeLabel(id) {
      var r = relations.get(id), a = at[r.source], b = at[r.target];
      if (!a || !b) { return null; }
      var edge = network.body.edges[id];
      var centre = curved.has(id) && edge && edge.edgeType && edge.edgeType.getPoint ? edge.edgeType.getPoint(0.5) : { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      var d = dom(centre);
      if (!inView(d, 0)) { return null; }
      var w = textWidth("e" + id, r.label, edgePx);
      return { l: d.x - w / 2 - GAP, r: d.x + w / 2 + GAP, t: d.y - edgePx / 2 - GAP, b: d.y + edgePx / 2 + GAP };
    }
    var wantNodes = new Map(), wantEdges = new Map();
    function tryNode(id, forced) {
      if (!near[id] || wantNodes.has(id)) { return; }
      // Where the map is full, a box narrower than any text of this length (a fifth of the font
      // size a letter) is taken already: no need to measure the text.
      var least = textOf.get(id).length * nodePx / 5;
      if (!forced && taken.hits(nodeLabel(id, false, least)) && taken.hits(nodeLabel(id, true, least))) { return; }
      var w = textWidth("n" + id, textOf.get(id), nodePx);
      for (var side = 0; side < 2; side++) {
        var box = nodeLabel(id, side === 1, w);
        // Whole labels only: one cut by the border names nothing, and vis-network may skip drawing its node.
        if (!forced && (box.l < 0 || box.r > width || box.t < 0 || box.b > height)) { continue; }
        if (forced || !taken.hits(box)) {
          taken.add(box);
          wantNodes.set(id, { size: nodeFont, vadjust: box.shift });
          return;
        }
      }
    }
    function tryEdge(id, forced) {
      if (!visibleEdges.has(id) || wantEdges.has(id)) { return; }
      var box = edgeLabel(id);
      if (box && (forced || !taken.hits(box))) { taken.add(box); wantEdges.set(id, edgeFont); }
    }
    // The selection first (its own label whatever it covers), then its relations and neighbours.
    var selectedNodes = network.getSelectedNodes(), selectedEdges = network.getSelectedEdges();
    selectedNodes.forEach(function (id) { tryNode(id, true); });
    if (!selectedNodes.length) { selectedEdges.forEach(function (id) { tryEdge(id, true); }); }
    selectedEdges.forEach(function (id) { var r = relations.get(id); tryNode(r.source, false); tryNode(r.target, false); });
    selectedEdges.forEach(function (id) { tryEdge(id, false); });
    nodeOrder.forEach(function (id) { tryNode(id, false); });
    // Edge labels wherever there is room on small maps; on large ones once few edges are in view.
    var edgeCandidates = edgeOrder;
    if (DATA.large) {
      edgeCandidates = [];
      for (var k = 0; k < edgeOrder.length && edgeCandidates.length <= LABELS.edges_in_view; k++) {
        var id = edgeOrder[k];
        if (!visibleEdges.has(id)) { continue; }
        var r = relations.get(id);
        if ((near[r.source] && inView(near[r.source], 0)) || (near[r.target] && inView(near[r.target], 0))) { edgeCandidates.push(id); }
      }
      if (edgeCandidates.length > LABELS.edges_in_view) { edgeCandidates = []; }
    }
    edgeCandidates.forEach(function (id) { tryEdge(id, false); });

    // Straight to vis-network's nodes and edges: through the DataSet, one change costs a pass over
    // the whole network (about a second at 5,000 actors), and labels change on every zoom.
    var body = network.body;
    nodeFonts.forEach(function (font, id) { if (!wantNodes.has(id) && body.nodes[id]) { body.nodes[id].setOptions({ font: { size: 0 } }); } });
    wantNodes.forEach(function (font, id) {
      var had = nodeFonts.get(id);
      if (!had || had.size !== font.size || had.vadjust !== font.vadjust) { body.nodes[id].setOptions({ font: font }); }
    });
    edgeFonts.forEach(function (size, id) { if (!wantEdges.has(id) && body.edges[id]) { body.edges[id].setOptions({ font: { size: 0 } }); } });
    wantEdges.forEach(function (size, id) {
      if (edgeFonts.get(id) === size) { return; }
      var change = { font: { size: size } };
      if (DATA.large && !edgeTexts.has(id)) { change.label = relations.get(id).label; edgeTexts.add(id); }
      body.edges[id].setOptions(change);
    });
    nodeFonts = wantNodes;
    edgeFonts = wantEdges;
    // vis-network draws each edge's label with the edge: labelled edges go last, so no later line
    // crosses their labels (the order is vis-network's own again after any change of data).
    if (wantEdges.size) {
      var order = body.edgeIndices, plain = [], labelled = [];
      order.forEach(function (id) { (wantEdges.has(id) ? labelled : plain).push(id); });
      order.length = 0;
      plain.forEach(function (id) { order.push(id); });
      labelled.forEach(function (id) { order.push(id); });
    }
    body.emitter.emit("_requestRedraw");  // drawn with the next frame, with whatever else changed
    labelsPlaced = performance.now();
    api.labels = {
      nodes: Array.from(wantNodes.keys()),
      edges: Array.from(wantEdges.keys()),
      ms: performance.now() - started,
      view: { position: network.getViewPosition(), scale: scale }
    };
  }

  // ---- start ----
  var api = {
    network: null,
    ready: false,
    fold: fold,
    findActor: findActor,
    // For tests and benchmarks: the labels drawn (the ms their placing took, the view they were
    // placed for), the first picture ({positions, view}), times since navigation (ms), and
    // placing labels at once.
    labels: { nodes: [], edges: [], ms: 0, view: null },
    picture: null,
    timings: {},
    placeLabels: function () { placeLabels(); },
    visibleNodeIds: function () { return Array.from(visibleNodes).sort(); },
    visibleEdgeIds: function () { return Array.from(visibleEdges).sort(); }
  };
  window.stakeholdersMap = api;
  if (DATA.description) { details.insertBefore(el("p", DATA.description), details.firstChild); }
  watchCue(details);
  buildLegend();
  recompute();
  api.timings.script = scriptStarted;
  api.timings.built = performance.now();
  network = new vis.Network(document.getElementById("map"), { nodes: nodeView, edges: edgeView }, DATA.options);
  api.network = network;
  api.timings.network = performance.now();
  network.once("afterDrawing", function () { api.timings.firstDrawing = performance.now(); });
  buildFilters();
  buildSearch();
  buildFocus();
  network.on("click", function (params) {
    if (params.nodes.length || params.edges.length) { select(params); } else { placeLabelsSoon(); }
  });
  ["zoom", "dragEnd", "animationFinished", "resize"].forEach(function (name) { network.on(name, placeLabelsSoon); });

  function markReady() {
    fitView(Array.from(visibleNodes), false);
    placeLabels();
    takePicture();
    network.once("afterDrawing", function () {
      api.timings.ready = performance.now();
      api.ready = true;
      document.body.dataset.ready = "true";
    });
    network.redraw();
    updateCue(details);
    updateCue(legendPanel);
  }
  if (DATA.options.physics.enabled) {
    network.once("stabilizationIterationsDone", function () {
      // Bounded layout, then still: a settled map should not keep a CPU busy. The settled
      // places go into the data (whole pixels, as vis-network reads them), so actors that
      // leave with a filter come back where they were.
      network.setOptions({ physics: { enabled: false } });
      var settled = network.getPositions();
      nodes.update(Object.keys(settled).map(function (id) {
        return { id: id, x: Math.round(settled[id].x), y: Math.round(settled[id].y) };
      }));
      markReady();
    });
  } else {
    markReady();
  }
}());
