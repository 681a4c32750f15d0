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
  // Hovered, an actor keeps its colours (vis-network's default hover turns every fill pale blue).
  var nodes = new vis.DataSet(marked(records(readJson("map-nodes")).map(function (n) {
    if (n.color) { n.color.hover = n.color.highlight; }
    return n;
  }), DATA.actors, markNode));
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
    edge: null,
    hovered: null,    // the actor under the pointer: its neighbourhood stands out while it is there
    highlight: null   // {nodes, edges} that show() was asked to make stand out
  };
  var visibleNodes = new Set();
  var visibleEdges = new Set();

  // Thousands grouped as the README and the command line write them (5,000), whatever the reader's locale.
  function count(n) { return n.toLocaleString("en-US"); }

