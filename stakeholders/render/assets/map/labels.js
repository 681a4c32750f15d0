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
  var barred = new Set(edges.get({ filter: function (e) { return e.arrows && e.arrows.middle; }, fields: ["id"] }).map(function (e) { return e.id; }));
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
  // A node or edge that a filter hides loses its label: it comes back without one, and the next
  // placing gives it one if there is room.
  function forgetLabels() {
    var body = network ? network.body : null;
    nodeFonts.forEach(function (font, id) {
      if (!visibleNodes.has(id)) { nodeFonts.delete(id); if (body) { body.nodes[id].setOptions({ font: { size: 0 } }); } }
    });
    edgeFonts.forEach(function (size, id) {
      if (!visibleEdges.has(id)) { edgeFonts.delete(id); if (body) { body.edges[id].setOptions({ font: { size: 0 } }); } }
    });
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
  // Arrowheads only where a reader can see them. vis-network draws every one (15 x scaleFactor
  // + 3 x width canvas px long) at any zoom: on a fitted map of 20,000 relations they are under
  // 2 px on screen and took 110 of a frame's 270 ms. Directed relations take their arrows from
  // the shared option switched here; undirected ones turn theirs off themselves (arrows "").
  var ARROW_LEAST = 4;  // screen px: the thinnest relation's arrowhead at least this long
  var thinnest = Infinity;
  widthOf.forEach(function (w) { thinnest = Math.min(thinnest, w); });
  var arrowLength = 15 * DATA.options.edges.arrows.to.scaleFactor + 3 * (thinnest === Infinity ? 0 : thinnest);
  var arrowsShown = DATA.options.edges.arrows.to.enabled;
  function showArrows(scale) {
    var show = arrowLength * scale >= ARROW_LEAST;
    if (show !== arrowsShown) {
      arrowsShown = show;
      network.setOptions({ edges: { arrows: { to: { enabled: show } } } });
    }
  }
  // Line patterns (hostile dashed, indirect dotted) on a large map only once a dash is 3 px on screen:
  // vis-network draws a patterned line piece by piece, and 10,000 of them made a frame six times as
  // long (0.94 s against 0.16 s at 5,000 actors), for dashes under a pixel. Set on vis-network's
  // edges directly, like the labels: through the DataSet each change is a pass over the network.
  var PATTERN_LEAST = 3;  // screen px: the longest dash at least this long
  var patterned = [], longestDash = 0;
  edges.forEach(function (e) {
    if (e.dashes) { patterned.push([e.id, e.dashes]); longestDash = Math.max.apply(null, [longestDash].concat(e.dashes)); }
  });
  var patternsShown = true;
  function showPatterns(scale) {
    var show = !DATA.large || longestDash * scale >= PATTERN_LEAST;
    if (show === patternsShown) { return; }
    patternsShown = show;
    patterned.forEach(function (p) { var edge = network.body.edges[p[0]]; if (edge) { edge.options.dashes = show ? p[1] : false; } });
  }
  // Lines steer labels only where they can be told apart: past this many in view (a fitted map of
  // thousands) they cover the screen, and names go by room among labels and nodes alone.
  var LINES_MOST = 1500;
  var ALONG = [0.5, 0.42, 0.58, 0.34, 0.66, 0.27, 0.73];  // where on its line a relation's name may go, best first
  // The screen lines of the visible edges in view, or null when there are too many to steer by.
  var CURVE_AT = ALONG.concat([0, 0.07, 0.13, 0.2, 0.8, 0.87, 0.93, 1]).sort();  // a curved line, drawn as straight pieces
  function linesInView(at, dom, width, height, near) {
    // Lines that end at an actor near the view: when they are too many already, no need to look further.
    var ending = 0;
    Object.keys(near).forEach(function (id) { ending += (ownRelations.get(id) || []).length; });
    if (ending > 2 * LINES_MOST) { return null; }
    var found = [];
    var view = { l: -8, t: -8, r: width + 8, b: height + 8 };
    // The view in canvas units, to pass over lines far from it without a conversion (most of
    // a big map's lines when zoomed in).
    var corner = network.DOMtoCanvas({ x: view.l, y: view.t }), far = network.DOMtoCanvas({ x: view.r, y: view.b });
    var ids = Array.from(visibleEdges);
    for (var i = 0; i < ids.length && found.length <= LINES_MOST; i++) {
      var id = ids[i], r = relations.get(id), a = at[r.source], b = at[r.target];
      if (!a || !b) { continue; }
      // A curved line strays from the straight one by less than half its length.
      var pad = curved.has(id) ? Math.hypot(b.x - a.x, b.y - a.y) / 2 : 0;
      if (Math.max(a.x, b.x) + pad < corner.x || Math.min(a.x, b.x) - pad > far.x || Math.max(a.y, b.y) + pad < corner.y || Math.min(a.y, b.y) - pad > far.y) { continue; }
      var edge = network.body.edges[id];
      var points = pad && edge && edge.edgeType && edge.edgeType.getPoint
        ? CURVE_AT.map(function (t) { return dom(edge.edgeType.getPoint(t)); })
        : [dom(a), dom(b)];
      for (var k = 1; k < points.length; k++) {
        if (crossesBox(view, points[k - 1], points[k])) { found.push([id, points]); break; }
      }
    }
    if (found.length > LINES_MOST) { return null; }
    var lines = new Lines(64, view);
    found.forEach(function (f) { lines.add(f[0], f[1]); });
    return lines;
  }
  // vis-network writes a relation's name at the middle of its line. Where another line crosses
  // there, the page writes it further along its own line: while the edge's label is drawn (and
  // only then: the middle also starts the search for where an arrowhead meets a node), the
  // edge's point at 0.5 is the one chosen.
  // vis-network writes an actor's name centred under its node, and moves it only up or down
  // (font.vadjust); the page moves it across too, for a name right or left of its node, by
  // drawing the node's label that many canvas units aside.
  function nameBeside(node, by) {
    var label = node.labelModule;
    if (!by) { delete label.draw; return; }
    label.besideBy = by;
    if (!Object.prototype.hasOwnProperty.call(label, "draw")) {
      var drawCentred = Object.getPrototypeOf(label).draw;
      label.draw = function (ctx, x, y, selected, hover, baseline) { return drawCentred.call(this, ctx, x + this.besideBy, y, selected, hover, baseline); };
    }
  }
  var drawLabelAtMiddle = null;
  function nameAlong(edge, t) {
    if (t === 0.5) { delete edge.drawLabel; return; }
    if (!drawLabelAtMiddle) { drawLabelAtMiddle = Object.getPrototypeOf(edge).drawLabel; }
    edge.labelAlong = t;
    edge.drawLabel = function (ctx, via) {
      var type = this.edgeType, own = type.getPoint, edgeItself = this;
      type.getPoint = function (at, v) { return own.call(type, at === 0.5 ? edgeItself.labelAlong : at, v); };
      try { drawLabelAtMiddle.call(this, ctx, via); } finally { type.getPoint = own; }
    };
  }
  function placeLabels() {
    if (labelTimer !== null) { clearTimeout(labelTimer); labelTimer = null; }
    var started = performance.now();
    var map = document.getElementById("map");
    var width = map.clientWidth, height = map.clientHeight;
    var scale = network.getScale();
    showArrows(scale);
    showPatterns(scale);
    var origin = network.canvasToDOM({ x: 0, y: 0 });
    var nodePx = clamp(LABELS.node * scale, LABELS.least, LABELS.node);
    var edgePx = clamp(LABELS.edge * scale, LABELS.least, LABELS.edge);
    // Rounded up, so that no label is drawn under the least size on screen.
    var nodeFont = Math.ceil(nodePx / scale * 100) / 100;
    var edgeFont = Math.ceil(edgePx / scale * 100) / 100;
    var at = network.getPositions();
    var taken = new Boxes(64);
    var near = {};
    function dom(p) { return { x: origin.x + p.x * scale, y: origin.y + p.y * scale }; }
    function inView(p, pad) { return p.x >= -pad && p.y >= -pad && p.x <= width + pad && p.y <= height + pad; }
    // Every node big enough to see is an obstacle.
    nodeOrder.forEach(function (id) {
      if (!at[id] || !visibleNodes.has(id)) { return; }
      var d = dom(at[id]), r = sizeOf.get(id) * scale;
      if (!inView(d, r + 200)) { return; }
      near[id] = { x: d.x, y: d.y, r: r };
      if (r >= LABELS.obstacle) { taken.add(nodeBox(id, d.x, d.y, r)); }
    });
    var lines = linesInView(at, dom, width, height, near);
    function crossed(box, except) { return lines !== null && lines.cross(box, except); }
    // Where a label w px wide goes on each side of its node: 0 under it (where vis-network puts it:
    // below the node's size, half the font and 4 canvas px), 1 above, 2 right, 3 left (moved by
    // font.vadjust and by ``nameBeside``). Its box, with the gap kept around it, clears its own node.
    var SIDES = [0, 1, 2, 3];
    function nodeLabel(id, side, w) {
      var n = near[id], k = reach(id), clear = Math.max(4 * scale, GAP) + GAP;
      var under = n.y + n.r + nodePx / 2 + 4 * scale;
      var top = side === 0 ? under : side === 1 ? n.y - n.r * k[1] - clear - nodePx : n.y - nodePx / 2;
      var x = side === 2 ? n.x + n.r * k[0] + clear + w / 2 : side === 3 ? n.x - n.r * k[0] - clear - w / 2 : n.x;
      return {
        l: x - w / 2 - GAP, r: x + w / 2 + GAP, t: top - GAP, b: top + nodePx + GAP,
        shift: Math.round((top - under) / scale * 100) / 100, beside: (x - n.x) / scale
      };
    }
    function edgeLabel(id, t) {
      var r = relations.get(id), a = at[r.source], b = at[r.target];
      if (!a || !b) { return null; }
      var edge = network.body.edges[id];
      var centre = curved.has(id) && edge && edge.edgeType && edge.edgeType.getPoint ? edge.edgeType.getPoint(t) : { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
      var d = dom(centre);
      var w = textWidth("e" + id, r.label, edgePx);
      return { l: d.x - w / 2 - GAP, r: d.x + w / 2 + GAP, t: d.y - edgePx / 2 - GAP, b: d.y + edgePx / 2 + GAP, along: t };
    }
    var wantNodes = new Map(), wantEdges = new Map();
    // Whole labels only: one cut by the border names nothing, and vis-network may skip drawing its node.
    function whole(box) { return box.l >= 0 && box.r <= width && box.t >= 0 && box.b <= height; }
    function tryNode(id, forced) {
      if (!near[id] || wantNodes.has(id)) { return; }
      // A name beside a speck names nothing a reader can see: names go to the actors drawn big
      // enough to see (on a fitted big map, the hubs), and zooming in names the rest.
      if (!forced && near[id].r < LABELS.obstacle) { return; }
      // Where the map is full, a box narrower than any text of this length (a fifth of the font
      // size a letter) is taken already: no need to measure the text.
      var least = textOf.get(id).length * nodePx / 5;
      if (!forced && SIDES.every(function (side) { return taken.hits(nodeLabel(id, side, least)); })) { return; }
      var w = textWidth("n" + id, textOf.get(id), nodePx);
      // The first side where no line crosses it, if any; an actor's name is kept even if every
      // side is crossed (drawn over the lines, on its white halo).
      var free = forced ? nodeLabel(id, 0, w) : null, fallback = null;
      for (var side = 0; side < SIDES.length && !free; side++) {
        var box = nodeLabel(id, side, w);
        if (!whole(box) || taken.hits(box)) { continue; }
        if (!crossed(box, null)) { free = box; } else if (!fallback) { fallback = box; }
      }
      var chosen = free || fallback;
      if (chosen) {
        taken.add(chosen);
        wantNodes.set(id, { size: nodeFont, vadjust: chosen.shift, beside: chosen.beside });
      }
    }
    var alongOf = new Map();  // where on its line each relation's name goes (0.5: the middle)
    // A relation's name goes where its own line alone passes, or is left for a closer view.
    function tryEdge(id, forced) {
      if (!visibleEdges.has(id) || wantEdges.has(id)) { return; }
      // A relation at odds with the camps carries a bar at its middle: its name goes beside it.
      var from = barred.has(id) ? 1 : 0;
      for (var k = from; k < ALONG.length; k++) {
        var box = edgeLabel(id, ALONG[k]);
        if (!box) { return; }
        if (forced ? k === from : whole(box) && !taken.hits(box) && !crossed(box, id)) {
          taken.add(box);
          wantEdges.set(id, edgeFont);
          alongOf.set(id, box.along);
          return;
        }
      }
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
      nameBeside(body.nodes[id], font.beside);
      if (!had || had.size !== font.size || had.vadjust !== font.vadjust) { body.nodes[id].setOptions({ font: { size: font.size, vadjust: font.vadjust } }); }
    });
    edgeFonts.forEach(function (size, id) { if (!wantEdges.has(id) && body.edges[id]) { body.edges[id].setOptions({ font: { size: 0 } }); } });
    wantEdges.forEach(function (size, id) {
      nameAlong(body.edges[id], alongOf.get(id));
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

  // The actors without relations, framed and captioned as one block under everything else: in
  // their grid, specks too small to see on a fitted big map read as dotted lines. The caption
  // keeps its size on screen (set as canvas text, never as markup).
  var CAPTION_PX = 12;
  function drawLoners(ctx) {
    var frame = DATA.loners;
    if (!frame) { return; }
    var b = frame.box, scale = network.getScale();
    ctx.save();
    ctx.fillStyle = frame.colors.fill;
    ctx.strokeStyle = frame.colors.edge;
    ctx.lineWidth = 1 / scale;
    ctx.fillRect(b[0], b[1], b[2] - b[0], b[3] - b[1]);
    ctx.strokeRect(b[0], b[1], b[2] - b[0], b[3] - b[1]);
    // Inside the frame along its longer side (down it when it is a tall column), where it fits.
    var px = CAPTION_PX / scale, across = b[2] - b[0], down = b[3] - b[1], tall = down > across;
    ctx.font = px + "px " + LABELS.face;
    if (ctx.measureText(frame.caption).width + px <= (tall ? down : across) && px * 1.5 <= (tall ? across : down)) {
      ctx.fillStyle = frame.colors.ink;
      ctx.textBaseline = "top";
      ctx.translate(b[0] + px / 4, b[1] + px / 2);
      if (tall) { ctx.translate(px * 1.1, 0); ctx.rotate(Math.PI / 2); }
      ctx.fillText(frame.caption, 0, 0);
    }
    ctx.restore();
  }
