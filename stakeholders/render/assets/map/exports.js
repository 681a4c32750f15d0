  // ---- the view as a picture, made in the page (no network, nothing the Content-Security-Policy
  // forbids): PNG from vis-network's own canvas, SVG written from what is drawn (lines, actors and the
  // names shown, faded as they are), each with the map's title, what the view shows, and the source
  // line. Text from the data is set as canvas text or SVG text nodes, never as markup. ----
  var SAVE_TOP = 44, SAVE_FOOT = 30;  // px above the map for the title, below it for the source line
  function viewWords() {
    var words = [];
    if (state.story) {
      var story = STORIES.get(state.story.id);
      words.push(story.title + " · step " + (state.story.step + 1) + " of " + story.steps.length + ": " + story.steps[state.story.step].title);
    }
    if (state.path && state.path.paths.length) { words.push("paths between " + actors.get(state.path.from).name + " and " + actors.get(state.path.to).name); }
    words.push(state.day ? "as of " + state.day : "all dates");
    return words.join(" · ");
  }
  function fileName(suffix) {
    return (DATA.title || "map").replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "").toLowerCase().slice(0, 60) + suffix;
  }
  function saveBlob(blob, name) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }
  function viewPng() {
    network.redraw();
    var drawn = document.querySelector("#map canvas");
    var ratio = drawn.width / drawn.clientWidth;
    var out = document.createElement("canvas");
    out.width = drawn.width;
    out.height = drawn.height + (SAVE_TOP + SAVE_FOOT) * ratio;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(drawn, 0, SAVE_TOP * ratio);
    ctx.fillStyle = "#1d2430";
    ctx.font = "bold " + 18 * ratio + "px " + LABELS.face;
    ctx.fillText(DATA.title, 12 * ratio, 22 * ratio);
    ctx.font = 12 * ratio + "px " + LABELS.face;
    ctx.fillStyle = "#5b6474";
    ctx.fillText(viewWords(), 12 * ratio, 38 * ratio);
    if (DATA.source_line) { ctx.fillText(DATA.source_line, 12 * ratio, out.height - 10 * ratio); }
    return out;
  }
  // A vis-network shape of radius r at (x, y), as an SVG element.
  function svgMark(shape, x, y, r) {
    var polygons = {
      square: [[-1, -1], [1, -1], [1, 1], [-1, 1]],
      diamond: [[0, -1], [1, 0], [0, 1], [-1, 0]],
      // How far vis-network's triangles reach (``REACH``, from its drawing code): across, up, down.
      triangle: [[0, -REACH.triangle[1]], [REACH.triangle[0], REACH.triangle[2]], [-REACH.triangle[0], REACH.triangle[2]]],
      triangleDown: [[0, REACH.triangleDown[2]], [REACH.triangleDown[0], -REACH.triangleDown[1]], [-REACH.triangleDown[0], -REACH.triangleDown[1]]],
      hexagon: [[-0.5, -0.866], [0.5, -0.866], [1, 0], [0.5, 0.866], [-0.5, 0.866], [-1, 0]]
    };
    if (shape === "star") {
      polygons.star = [];
      for (var k = 0; k < 10; k++) {
        var angle = -Math.PI / 2 + k * Math.PI / 5, reach = k % 2 ? 0.4 : 1;
        polygons.star.push([Math.cos(angle) * reach, Math.sin(angle) * reach]);
      }
    }
    var points = polygons[shape];
    if (!points) { return svgNode("circle", { cx: x, cy: y, r: r }); }
    return svgNode("polygon", { points: points.map(function (p) { return (x + p[0] * r).toFixed(2) + "," + (y + p[1] * r).toFixed(2); }).join(" ") });
  }
  function viewSvg() {
    var frame = document.getElementById("map"), width = frame.clientWidth, height = frame.clientHeight;
    var scale = network.getScale(), body = network.body;
    var svg = svgNode("svg", { xmlns: SVG, width: width, height: height + SAVE_TOP + SAVE_FOOT, viewBox: "0 0 " + width + " " + (height + SAVE_TOP + SAVE_FOOT), "font-family": LABELS.face });
    svg.appendChild(svgNode("rect", { width: "100%", height: "100%", fill: "#ffffff" }));
    svg.appendChild(svgNode("text", { id: "title", x: 12, y: 22, "font-size": 18, "font-weight": "bold", fill: "#1d2430" }, DATA.title));
    svg.appendChild(svgNode("text", { id: "view", x: 12, y: 38, "font-size": 12, fill: "#5b6474" }, viewWords()));
    // A nested viewport: what lies outside the view is cut at its edges, as on the screen.
    var map = svgNode("svg", { id: "map", x: 0, y: SAVE_TOP, width: width, height: height, viewBox: "0 0 " + width + " " + height, overflow: "hidden" });
    var drawing = map;
    function dom(p) { return network.canvasToDOM({ x: p.x, y: p.y }); }
    // Lines, then arrowheads, as vis-network draws them.
    visibleEdges.forEach(function (id) {
      var edge = body.edges[id];
      if (!edge || !edge.connected) { return; }
      var o = edge.options, curved = o.smooth && o.smooth.enabled;
      var points = (curved ? [0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1].map(function (t) { return edge.edgeType.getPoint(t); }) : [edge.from, edge.to]).map(dom);
      var line = svgNode("path", {
        id: "relation-" + id, d: "M" + points.map(function (p) { return p.x.toFixed(2) + " " + p.y.toFixed(2); }).join(" L"), fill: "none",
        stroke: o.color.color, "stroke-opacity": o.color.opacity, "stroke-width": Math.max(o.width * scale, 0.5).toFixed(2),
        "stroke-dasharray": Array.isArray(o.dashes) ? o.dashes.map(function (d) { return (d * scale).toFixed(2); }).join(" ") : null
      });
      drawing.appendChild(line);
      // Its arrowhead, as vis-network draws it once big enough to see: at the target's edge, along the last stretch.
      var directed = o.arrows && o.arrows.to && (o.arrows.to.enabled === undefined ? arrowsShown : o.arrows.to.enabled);
      if (!directed || !arrowsShown) { return; }
      var end = points[points.length - 1], before = points[points.length - 2];
      var dx = end.x - before.x, dy = end.y - before.y, length = Math.hypot(dx, dy) || 1;
      dx /= length; dy /= length;
      var reachOut = edge.to.options.size * scale, head = (15 * DATA.options.edges.arrows.to.scaleFactor + 3 * o.width) * scale;
      var tip = { x: end.x - dx * reachOut, y: end.y - dy * reachOut };
      var corners = [[tip.x, tip.y], [tip.x - dx * head - dy * head * 0.4, tip.y - dy * head + dx * head * 0.4], [tip.x - dx * head + dy * head * 0.4, tip.y - dy * head - dx * head * 0.4]];
      drawing.appendChild(svgNode("polygon", {
        points: corners.map(function (c) { return c[0].toFixed(2) + "," + c[1].toFixed(2); }).join(" "), fill: o.color.color, "fill-opacity": o.color.opacity
      }));
    });
    visibleNodes.forEach(function (id) {
      var node = body.nodes[id];
      if (!node) { return; }
      var o = node.options, at = dom(node), r = o.size * scale;
      var mark = svgMark(o.shape, at.x, at.y, r);
      mark.setAttribute("id", "actor-" + id);
      mark.setAttribute("fill", o.color.background);
      mark.setAttribute("stroke", o.color.border);
      mark.setAttribute("stroke-width", ((o.borderWidth || 1) * scale).toFixed(2));
      mark.setAttribute("opacity", o.opacity === undefined ? 1 : o.opacity);
      drawing.appendChild(mark);
    });
    // The names drawn, where vis-network drew them, on their white halo.
    function name(kind, id, label) {
      if (!label.visible() || !label.elementOptions.label) { return; }
      var s = label.size, shift = kind === "actor" ? label.fontOptions.vadjust || 0 : 0;
      var centre = dom({ x: s.left + s.width / 2, y: s.top + shift + s.height / 2 });
      drawing.appendChild(svgNode("text", {
        class: kind + "-name", "data-id": id, x: centre.x.toFixed(2), y: centre.y.toFixed(2), "text-anchor": "middle", "dominant-baseline": "central",
        "font-size": (label.fontOptions.size * scale).toFixed(2), fill: label.fontOptions.color, stroke: "#ffffff", "stroke-width": 4, "paint-order": "stroke"
      }, String(label.elementOptions.label)));
    }
    api.labels.edges.forEach(function (id) { if (body.edges[id]) { name("relation", id, body.edges[id].labelModule); } });
    api.labels.nodes.forEach(function (id) { if (body.nodes[id]) { name("actor", id, body.nodes[id].labelModule); } });
    svg.appendChild(map);
    if (DATA.source_line) { svg.appendChild(svgNode("text", { id: "source", x: 12, y: height + SAVE_TOP + SAVE_FOOT - 10, "font-size": 12, fill: "#5b6474" }, DATA.source_line)); }
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(svg);
  }
  function buildSaving() {
    document.getElementById("save-png").addEventListener("click", function () {
      viewPng().toBlob(function (blob) { saveBlob(blob, fileName(".png")); }, "image/png");
    });
    document.getElementById("save-svg").addEventListener("click", function () {
      saveBlob(new Blob([viewSvg()], { type: "image/svg+xml" }), fileName(".svg"));
    });
  }
