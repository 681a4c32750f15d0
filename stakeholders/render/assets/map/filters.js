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
    return state.focus === null ? null : around([state.focus.id], state.focus.depth, relationPasses).nodes;
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
    if (network) {
      showVisible();
      // The paths shown follow the filters: searched again among what is shown now.
      if (state.path) {
        showPath(state.path.from, state.path.to, state.path.all, state.path.maxHops, true);
      } else if (state.mediation) {
        state.mediation = findMediators(state.mediation.a, state.mediation.b);
        fadeAround();
        showMediationDetails();
      } else {
        fadeAround();
        refreshDetails();
      }
      if (listOpen()) { fillList(null); }
    }
    document.getElementById("map-counts").textContent =
      "Showing " + count(visibleNodes.size) + " of " + count(actors.size) + " actors, " +
      count(visibleEdges.size) + " of " + count(relations.size) + " relations" +
      (state.day ? " active on " + state.day : "") +
      (state.focus ? " around " + actors.get(state.focus.id).name + " (depth " + state.focus.depth + ")" : "");
    updateCounts();
    forgetLabels();
    if (network) { placeLabels(); }
  }

  // The network holds every actor and relation; a filter hides and shows them. Taken out and put back
  // (a DataView), 5,000 actors and 20,000 relations cost vis-network 0.9 s to make again; hidden, the
  // flag each one carries is flipped where it changed, and vis-network recounts what it draws once.
  var shownNodes = new Set(nodes.getIds());
  var shownEdges = new Set(edges.getIds());
  function flip(items, shown, visible) {
    var flipped = 0;
    shown.forEach(function (id) { if (!visible.has(id)) { items[id].options.hidden = true; shown.delete(id); flipped++; } });
    visible.forEach(function (id) { if (!shown.has(id)) { items[id].options.hidden = false; shown.add(id); flipped++; } });
    return flipped > 0;
  }
  function showVisible() {
    var changed = flip(network.body.nodes, shownNodes, visibleNodes);
    if (flip(network.body.edges, shownEdges, visibleEdges) || changed) { network.body.emitter.emit("_dataChanged"); }
  }
  var network = null;

