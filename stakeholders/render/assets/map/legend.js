  // ---- legend: counts of what is shown / of all, following every filter ----
  var SVG = "http://www.w3.org/2000/svg";
  // An SVG element with these attributes (those null or undefined left out) and, given, this text.
  function svgNode(tag, attributes, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (name) { if (attributes[name] !== null && attributes[name] !== undefined) { node.setAttribute(name, String(attributes[name])); } });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  // ``outline``: a hollow type's thick outline in its colour (white inside), else the thin dark one.
  function svgShape(shape, color, outline) {
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
    mark.setAttribute("stroke", outline || "#333");
    if (color === "#ffffff") { mark.setAttribute("stroke-width", "2.5"); }
    svg.appendChild(mark);
    return svg;
  }
  // ``bar``: a bar across the middle, as vis-network marks a relation at odds with the camps.
  function svgLine(color, dashes, arrowHead, opacity, width, bar) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "28");
    svg.setAttribute("height", "12");
    svg.setAttribute("class", "swatch");
    var line = document.createElementNS(SVG, "line");
    [["x1", "1"], ["y1", "6"], ["x2", arrowHead ? "20" : "27"], ["y2", "6"], ["stroke", color], ["stroke-width", String(width || 2.5)]].forEach(function (a) { line.setAttribute(a[0], a[1]); });
    if (dashes) { line.setAttribute("stroke-dasharray", dashes.join(" ")); }
    if (opacity !== undefined) { line.setAttribute("stroke-opacity", String(opacity)); }
    svg.appendChild(line);
    if (bar) { svg.appendChild(svgNode("line", { x1: 14, y1: 1, x2: 14, y2: 11, stroke: color, "stroke-width": 2 })); }
    if (arrowHead) {
      var head = document.createElementNS(SVG, "polygon");
      head.setAttribute("points", "19,1 27,6 19,11");
      head.setAttribute("fill", color);
      svg.appendChild(head);
    }
    return svg;
  }
  // A change drawn as the map draws it (``markNode``, ``markEdge``): an actor with a thick outline and a
  // relation with a glow in the change's colour, or, removed, a faint dashed ghost of each.
  function svgChange(change) {
    var svg = svgNode("svg", { width: 44, height: 16, "class": "swatch" });
    function add(tag, attributes) { svg.appendChild(svgNode(tag, attributes)); }
    var color = CHANGE_COLORS[change];
    if (change === "removed") {
      add("circle", { cx: "8", cy: "8", r: "6", fill: "#9e9e9e", "fill-opacity": "0.3", stroke: "#333", "stroke-dasharray": "4 3" });
      add("line", { x1: "18", y1: "8", x2: "43", y2: "8", stroke: "#555", "stroke-width": "2.5", "stroke-opacity": "0.25", "stroke-dasharray": "2 6" });
    } else {
      add("circle", { cx: "8", cy: "8", r: "5.5", fill: "#c9ced6", stroke: color, "stroke-width": "3" });
      add("line", { x1: "18", y1: "8", x2: "43", y2: "8", stroke: color, "stroke-width": "9", "stroke-opacity": "0.35", "stroke-linecap": "round" });
      add("line", { x1: "18", y1: "8", x2: "43", y2: "8", stroke: "#555", "stroke-width": "4" });
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
    DATA.legend.types.forEach(function (t) { legendItem(types, svgShape(t.shape, t.color, t.outline), t.type, counter(t.count, "type", t.type)); });
    legend.appendChild(types);
    if (DATA.legend.groups) {
      legend.appendChild(el("h2", "Colour"));
      var groups = el("ul");
      DATA.legend.groups.forEach(function (g) {
        legendItem(groups, svgShape("dot", g.color), g.label, counter(g.count, "group", g.none ? null : g.label));
      });
      legend.appendChild(groups);
      if (DATA.legend.against !== null) {
        var odd = el("ul");
        legendItem(odd, svgLine("#555", null, false, undefined, undefined, true), "at odds with the camps: cooperation across them or hostility within one", el("span", "(" + count(DATA.legend.against) + ")", "count"));
        legend.appendChild(odd);
      }
    }
    legend.appendChild(el("p", "Size: " + DATA.legend.size + ". Counts: shown / all when filters hide some.", "note"));
    legend.appendChild(el("h2", "Relations"));
    var polarities = el("ul", null, "columns");
    DATA.legend.polarities.forEach(function (p) {
      legendItem(polarities, svgLine(p.color, p.dashes, false), p.name, counter(p.count, "polarity", p.name));
    });
    legend.appendChild(polarities);
    legend.appendChild(el("h2", "Lines"));
    var lines = el("ul");
    legendItem(lines, svgLine("#555", null, false), "direct");
    legendItem(lines, svgLine("#555", DATA.legend.indirect, false), "indirect, dotted (through intermediaries)");
    legendItem(lines, svgLine("#555", null, true), "directed (from actor to actor)");
    if (DATA.legend.weight) {
      legendItem(lines, svgLine("#555", null, false, undefined, DATA.legend.weight.width), DATA.legend.weight.words, el("span", "(" + count(DATA.legend.weight.count) + ")", "count"));
    }
    legend.appendChild(lines);
    if (DATA.legend.claims.length) {
      // How sure a relation is: a claim not yet shown to hold is lighter, an ended one faded.
      legend.appendChild(el("h2", "How sure"));
      var claims = el("ul");
      DATA.legend.claims.forEach(function (c) {
        legendItem(claims, svgLine("#555", null, false, c.opacity, c.width), c.label, el("span", "(" + count(c.count) + ")", "count"));
      });
      legend.appendChild(claims);
    }
    if (DATA.diff) {
      legend.appendChild(el("h2", "Changes, " + DATA.diff.from + " to " + DATA.diff.to));
      var changes = el("ul");
      Object.keys(CHANGE_WORDS).forEach(function (change) {
        var n = DATA.diff.counts[change];
        legendItem(changes, svgChange(change), change, el("span", "(" + count(n.actors) + " actors, " + count(n.relations) + " relations)", "count change-count"));
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

