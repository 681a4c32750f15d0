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
  showIntro();
  document.getElementById("about-map").addEventListener("click", showIntro);
  // Esc lets go of the selection: nothing faded, the panel back on what the map is about.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !network || event.target.closest("input, select, details[open]")) { return; }
    letGo();
    showIntro();
    placeLabelsSoon();
  });
  watchCue(details);
  buildLegend();
  recompute();
  api.timings.script = scriptStarted;
  api.timings.built = performance.now();
  network = new vis.Network(document.getElementById("map"), { nodes: nodes, edges: edges }, DATA.options);
  showVisible();
  api.network = network;
  api.timings.network = performance.now();
  network.once("afterDrawing", function () { api.timings.firstDrawing = performance.now(); });
  network.on("beforeDrawing", drawLoners);
  buildFilters();
  buildSearch();
  buildFocus();
  buildSheet();
  buildList();
  buildViews();
  buildStories();
  buildSaving();
  network.on("click", function (params) {
    // Shift-click on an actor with another selected: the paths between them.
    var shift = params.event && params.event.srcEvent && params.event.srcEvent.shiftKey;
    if (shift && params.nodes.length && state.selected && state.selected !== params.nodes[0]) {
      showPath(state.selected, params.nodes[0], false, null);
    } else if (params.nodes.length || params.edges.length) {
      select(params);
      unfoldSheet();
    } else {
      fadeAround();
      placeLabelsSoon();
    }
  });
  ["zoom", "dragEnd", "animationFinished", "resize"].forEach(function (name) { network.on(name, placeLabelsSoon); });
  // Hovering an actor makes its neighbourhood stand out until the pointer leaves (large maps have no hover).
  network.on("hoverNode", function (params) { state.hovered = params.node; fadeAround(); });
  network.on("blurNode", function () { state.hovered = null; fadeAround(); });
  document.getElementById("focus-depth").addEventListener("change", function () { fadeAround(); });

  function markReady() {
    fitView(Array.from(visibleNodes), false);
    placeLabels();
    takePicture();
    openView();
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
