  // ---- who could mediate between two actors: those `stakeholders mediators A B` finds under the
  // same filters and date (the same rules as questions/mediators.py: on cooperative terms with both,
  // directly (tier 1) or with one directly and the other through one intermediary (tier 2); a pair's
  // terms are its latest signed relations, weighed by their kinds' magnitude; ranked by tier, the
  // weakest hop's confidence, how many relations qualify, then name). Shared cases test both. ----
  var SIGN = { cooperative: 1, hostile: -1, neutral: 0 };
  function pairState(list) {
    var signed = list.filter(function (r) { return SIGN[r.polarity]; });
    if (!signed.length) { return 0; }
    var newest = signed.reduce(function (m, r) { return r.began > m ? r.began : m; }, "");
    var total = 0;
    signed.forEach(function (r) { if (r.began === newest) { total += SIGN[r.polarity] * r.magnitude; } });
    return (total > 0) - (total < 0);
  }
  function deciding(list) {
    var state = pairState(list);
    var agreeing = list.filter(function (r) { return state && SIGN[r.polarity] === state; });
    if (!agreeing.length) { return []; }
    var newest = agreeing.reduce(function (m, r) { return r.began > m ? r.began : m; }, "");
    return agreeing.filter(function (r) { return r.began === newest; });
  }
  // Pairs of shown actors and the relations joining them under every filter but polarity (the
  // terms between two actors come from all their relations, whatever polarity is shown).
  function tiesShown() {
    return linked(Array.from(relations.values()).filter(function (r) {
      return visibleNodes.has(r.source) && visibleNodes.has(r.target) && state.kinds.has(r.kind) && activeOn(r, state.day);
    }));
  }
  function byDate(list) {
    return list.slice().sort(function (x, y) { return (x.first || "") < (y.first || "") ? -1 : (x.first || "") > (y.first || "") ? 1 : (x.id < y.id ? -1 : 1); });
  }
  function findMediators(a, b) {
    var ties = tiesShown();
    // The network of cooperative terms: each such pair joined by the relations that make it so.
    var deciders = [];
    ties.joining.forEach(function (list) { if (pairState(list) > 0) { deciders = deciders.concat(deciding(list)); } });
    var friendly = linked(deciders);
    function succ(id) { return friendly.next.get(id) || new Set(); }
    function sorted(set) { return Array.from(set).sort(); }
    var ends = new Set([a, b]);
    var direct = new Set(sorted(succ(a)).filter(function (x) { return succ(b).has(x) && !ends.has(x); }));
    var routes = new Map();
    direct.forEach(function (x) { routes.set(x, [[a, x, b]]); });
    [[a, b], [b, a]].forEach(function (pair) {
      var near = pair[0], far = pair[1];
      sorted(succ(near)).filter(function (x) { return !direct.has(x) && !ends.has(x); }).forEach(function (x) {
        sorted(succ(x)).filter(function (y) { return succ(far).has(y) && !ends.has(y); }).forEach(function (y) {
          if (!routes.has(x)) { routes.set(x, []); }
          routes.get(x).push(near === a ? [a, x, y, b] : [a, y, x, b]);
        });
      });
    });
    function hop(u, v) { return byDate(friendly.joining.get(pairKey(u, v)) || []); }
    function strength(list) { return Math.max.apply(null, list.map(function (r) { return r.confidence === undefined ? 1 : r.confidence; })); }
    var candidates = [];
    routes.forEach(function (chains, x) {
      chains.sort(function (p, q) { return p.join("\n") < q.join("\n") ? -1 : 1; });
      var paths = chains.map(function (chain) {
        var hops = [];
        for (var k = 1; k < chain.length; k++) { hops.push(hop(chain[k - 1], chain[k])); }
        return { actors: chain, hops: hops };
      });
      var score = Math.max.apply(null, paths.map(function (p) { return Math.min.apply(null, p.hops.map(strength)); }));
      var qualifying = new Set();
      paths.forEach(function (p) { p.hops.forEach(function (h) { h.forEach(function (r) { qualifying.add(r.id); }); }); });
      candidates.push({ actor: x, tier: direct.has(x) ? 1 : 2, score: score, paths: paths, relations: qualifying });
    });
    candidates.sort(function (p, q) {
      return p.tier - q.tier || q.score - p.score || q.relations.size - p.relations.size || inNameOrder(p.actor, q.actor);
    });
    // Left out: cooperative relations to both sides, but not on cooperative terms with both.
    var excluded = [];
    var tiesNext = function (id) { return ties.next.get(id) || new Set(); };
    sorted(tiesNext(a)).filter(function (x) { return tiesNext(b).has(x) && !ends.has(x); }).forEach(function (x) {
      var hops = [a, b].map(function (side) { return ties.joining.get(pairKey(x, side)) || []; });
      if (!hops.every(function (list) { return list.some(function (r) { return SIGN[r.polarity] > 0; }); })) { return; }
      [a, b].forEach(function (side, k) {
        var stateWith = pairState(hops[k]);
        if (stateWith <= 0) { excluded.push({ actor: x, side: side, state: stateWith, relations: deciding(hops[k]) }); }
      });
    });
    excluded.sort(function (p, q) { return inNameOrder(p.actor, q.actor) || ((p.side !== a) - (q.side !== a)); });
    return { a: a, b: b, candidates: candidates, excluded: excluded };
  }
  // Two actors in the order the command lists them: by name in lower case, then by id.
  function inNameOrder(x, y) {
    var xn = actors.get(x).name.toLowerCase(), yn = actors.get(y).name.toLowerCase();
    return (xn < yn ? -1 : xn > yn ? 1 : 0) || (x < y ? -1 : x > y ? 1 : 0);
  }
  // The mediators shown: {a, b, candidates, excluded}, or null.
  state.mediation = null;
  function showMediators(a, b) {
    dropOverlays();
    state.mediation = findMediators(a, b);
    unselect();
    fadeAround();
    var kept = mediationKept();
    if (kept) { fitView(Array.from(kept.nodes), true); }
    showMediationDetails();
    remember();
  }
  function mediationKept() {
    var m = state.mediation;
    if (!m) { return null; }
    var nodes = new Set([m.a, m.b]), edges = new Set();
    m.candidates.forEach(function (c) { c.paths.forEach(function (p) { p.actors.forEach(function (id) { nodes.add(id); }); p.hops.forEach(function (h) { h.forEach(function (r) { edges.add(r.id); }); }); }); });
    return { nodes: nodes, edges: edges };
  }
  function showMediationDetails() {
    var m = state.mediation, name = function (id) { return actors.get(id).name; };
    inDetails = null;
    clear(details);
    details.appendChild(el("h2", "Who could mediate between " + name(m.a) + " and " + name(m.b)));
    if (!m.candidates.length) { details.appendChild(el("p", "No actor is on cooperative terms with both, directly or through one other.", "path-message")); }
    var list = el("ol", null, "mediators");
    m.candidates.forEach(function (c) {
      var item = el("li");
      item.appendChild(el("p", name(c.actor) + (c.tier === 1 ? " (on cooperative terms with both)" : " (through one intermediary)"), "path-actors"));
      c.paths.forEach(function (p) { item.appendChild(el("p", p.actors.map(name).join(" → "), "meta")); });
      list.appendChild(item);
    });
    details.appendChild(list);
    if (m.excluded.length) {
      details.appendChild(el("h3", "Left out"));
      var out = el("ul");
      m.excluded.forEach(function (e) { out.appendChild(el("li", name(e.actor) + ": " + (e.state < 0 ? "hostile" : "no cooperative terms") + " with " + name(e.side))); });
      details.appendChild(out);
    }
    details.scrollTop = 0;
    updateCue(details);
  }
