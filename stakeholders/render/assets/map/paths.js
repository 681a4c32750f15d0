  // ---- paths between two actors: those `stakeholders path A B` finds under the same filters and
  // date. The same search as questions/paths.py: one link per pair of actors shown, walked either
  // way; the shortest paths, or with "all" every simple path up to N hops, shortest first and in
  // actor id order; at most PATHS.limit of them. Python and the page share test vectors. ----
  var PATHS = DATA.paths;
  // The pairs of actors the relations ``list`` join (never an actor to itself): each actor's
  // neighbours (``next``), and the relations of each pair (``joining``, by ``pairKey``), in order.
  function linked(list) {
    var next = new Map(), joining = new Map();
    function link(u, v) { if (!next.has(u)) { next.set(u, new Set()); } next.get(u).add(v); }
    list.forEach(function (r) {
      if (r.source === r.target) { return; }
      link(r.source, r.target);
      link(r.target, r.source);
      var pair = pairKey(r.source, r.target);
      if (!joining.has(pair)) { joining.set(pair, []); }
      joining.get(pair).push(r);
    });
    return { next: next, joining: joining };
  }
  function shownLinks() { return linked(Array.from(visibleEdges, function (id) { return relations.get(id); })); }
  function pairKey(u, v) { return u < v ? u + "\n" + v : v + "\n" + u; }
  // Actor id sequences from ``a`` to ``b`` over the links ``next`` (``linked``), at most ``most`` of
  // them: the shortest, or with ``all`` every simple path of up to ``maxHops`` links (PATHS.max_hops
  // when not given).
  function findPaths(next, a, b, all, maxHops, most) {
    function around(id) { return next.get(id) || new Set(); }
    if (all && !maxHops) { maxHops = PATHS.max_hops; }
    if (maxHops) { maxHops = Math.min(maxHops, Math.max(visibleNodes.size - 1, 1)); }
    // Rings around the target: rings[d] holds the actors d links from it.
    var rings = [new Set([b])], seen = new Set([b]);
    while (rings[rings.length - 1].size && (!maxHops || rings.length <= maxHops)) {
      var ring = new Set();
      rings[rings.length - 1].forEach(function (u) { around(u).forEach(function (n) { if (!seen.has(n)) { ring.add(n); } }); });
      ring.forEach(function (n) { seen.add(n); });
      rings.push(ring);
    }
    if (!rings[rings.length - 1].size) { rings.pop(); }
    // within[k]: the actors 1 to k links from the target; past the last ring, the farthest set.
    var within = [new Set()];
    rings.slice(1).forEach(function (r) { within.push(new Set(Array.from(within[within.length - 1]).concat(Array.from(r)))); });
    while (within.length < (maxHops || 0)) { within.push(within[within.length - 1]); }
    var shortest = rings.findIndex(function (r, d) { return d > 0 && r.has(a); });
    if (shortest < 0) { return []; }
    var found = [];
    for (var hops = shortest; hops <= (all ? maxHops : shortest) && found.length < most; hops++) {
      ofLength(hops);
    }
    return found;
    function candidates(id, near) { return Array.from(around(id)).filter(function (n) { return near.has(n); }).sort(); }
    // Simple paths of exactly ``hops`` links, in id order; a partial path goes on only through actors
    // near enough to the target to finish in time.
    function ofLength(hops) {
      if (hops === 1) { if (around(a).has(b)) { found.push([a, b]); } return; }
      var path = [a], stack = [{ items: candidates(a, within[hops - 1]), at: 0 }];
      while (stack.length && found.length < most) {
        var top = stack[stack.length - 1];
        if (top.at >= top.items.length) { stack.pop(); path.pop(); continue; }
        var node = top.items[top.at++];
        if (path.indexOf(node) !== -1) { continue; }
        var left = hops - path.length;
        if (left === 1) {
          found.push(path.concat([node, b]));
        } else {
          path.push(node);
          stack.push({ items: candidates(node, within[left - 1]), at: 0 });
        }
      }
    }
  }
  // The path shown: {from, to, all, maxHops, paths: [[ids]], truncated, hops: Map pair -> relations}, or null.
  state.path = null;
  // ``keepView``: leave the camera where it is (a filter's change), else fit the paths.
  function showPath(from, to, all, maxHops, keepView) {
    if (!actors.has(from) || !actors.has(to)) {
      pathMessage("No path: " + (actors.has(from) ? to : from) + " is not an actor of this map.");
      return;
    }
    if (from === to) { pathMessage("No path: both ends are " + actors.get(from).name + "."); return; }
    var hidden = [from, to].filter(function (id) { return !visibleNodes.has(id); });
    var links = shownLinks();
    var paths = hidden.length ? [] : findPaths(links.next, from, to, all, maxHops, PATHS.limit + 1);
    dropOverlays();
    state.path = { from: from, to: to, all: Boolean(all), maxHops: all ? (maxHops || PATHS.max_hops) : null, paths: paths.slice(0, PATHS.limit), truncated: paths.length > PATHS.limit, joining: links.joining };
    unselect();
    fadeAround();
    var kept = pathKept();
    if (kept && !keepView) { fitView(Array.from(kept.nodes), true); }
    showPathDetails(hidden);
    remember();
  }
  // The actors and relations of the paths shown, or null.
  function pathKept() {
    if (!state.path || !state.path.paths.length) { return null; }
    var nodes = new Set(), edges = new Set();
    state.path.paths.forEach(function (chain) {
      chain.forEach(function (id) { nodes.add(id); });
      for (var k = 1; k < chain.length; k++) {
        (state.path.joining.get(pairKey(chain[k - 1], chain[k])) || []).forEach(function (r) { edges.add(r.id); });
      }
    });
    return { nodes: nodes, edges: edges };
  }
  function clearPath() {
    if (!state.path) { return; }
    state.path = null;
    fadeAround();
  }
  function pathMessage(text) {
    clearPath();
    inDetails = null;
    clear(details);
    details.appendChild(el("p", text, "path-message"));
    updateCue(details);
  }
  function showPathDetails(hidden) {
    var p = state.path, name = function (id) { return actors.get(id).name; };
    inDetails = null;
    clear(details);
    var between = "between " + name(p.from) + " and " + name(p.to);
    if (!p.paths.length) {
      var why = hidden.length
        ? hidden.map(name).join(" and ") + (hidden.length > 1 ? " are" : " is") + " left out by the filters"
        : "no path " + between + (p.all ? " within " + p.maxHops + " hops" : "");
      details.appendChild(el("h2", "No path"));
      details.appendChild(el("p", why + ".", "path-message"));
      updateCue(details);
      return;
    }
    var hops = p.paths[0].length - 1;
    details.appendChild(el("h2", p.all
      ? count(p.paths.length) + " path" + (p.paths.length > 1 ? "s " : " ") + between + ", up to " + p.maxHops + " hops"
      : count(p.paths.length) + " shortest path" + (p.paths.length > 1 ? "s " : " ") + between + ", " + hops + " hop" + (hops > 1 ? "s" : "")));
    if (p.truncated) { details.appendChild(el("p", "The first " + PATHS.limit + "; there are more.", "meta")); }
    var mediate = el("button", "Who could mediate between them?", "link");
    mediate.type = "button";
    mediate.addEventListener("click", function () { showMediators(p.from, p.to); });
    details.appendChild(mediate);
    var list = el("ol", null, "paths");
    p.paths.forEach(function (chain) {
      var item = el("li");
      item.appendChild(el("p", chain.map(name).join(" → "), "path-actors"));
      var steps = el("ul");
      for (var k = 1; k < chain.length; k++) {
        (p.joining.get(pairKey(chain[k - 1], chain[k])) || []).forEach(function (r) {
          var step = el("li");
          var button = el("button", name(chain[k - 1]) + " " + arrow(r, chain[k - 1]) + " " + name(chain[k]), "link");
          button.type = "button";
          button.addEventListener("click", function () { select({ nodes: [], edges: [r.id] }); });
          step.appendChild(button);
          step.appendChild(el("span", " "));
          step.appendChild(dateNode("span", r, ""));
          if (r.evidence.length) { step.appendChild(el("q", r.evidence[0].quote)); }
          steps.appendChild(step);
        });
      }
      item.appendChild(steps);
      list.appendChild(item);
    });
    details.appendChild(list);
    details.scrollTop = 0;
    updateCue(details);
  }
  // The form under an actor's details: a path from it to another actor.
  function pathForm(from) {
    var form = el("form", null, "path-form");
    form.setAttribute("autocomplete", "off");
    form.appendChild(el("label", "Path to "));
    var to = document.createElement("input");
    to.type = "search";
    to.setAttribute("list", "actor-names");
    to.setAttribute("aria-label", "Path from " + actors.get(from).name + " to the actor named");
    to.className = "path-to";
    form.appendChild(to);
    var all = document.createElement("input");
    all.type = "checkbox";
    all.className = "path-all";
    var allLabel = el("label");
    allLabel.appendChild(all);
    allLabel.appendChild(el("span", " all up to "));
    var hops = document.createElement("select");
    hops.className = "path-hops";
    hops.setAttribute("aria-label", "Longest path, in hops");
    [2, 3, 4, 5, 6].forEach(function (n) { var o = el("option", String(n)); o.value = String(n); o.selected = n === PATHS.max_hops; hops.appendChild(o); });
    allLabel.appendChild(hops);
    allLabel.appendChild(el("span", " hops"));
    var go = el("button", "Show");
    go.type = "submit";
    form.appendChild(go);
    form.appendChild(allLabel);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var found = findActor(to.value);
      if (found.length !== 1) { pathMessage(found.length ? "“" + to.value + "” names several actors: " + found.map(function (id) { return actors.get(id).name; }).join(", ") + "." : "No actor is named “" + to.value + "”."); return; }
      showPath(from, found[0], all.checked, Number(hops.value));
    });
    return form;
  }
