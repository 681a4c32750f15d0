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

  // What the details panel shows, so that a filter's change redraws it: its list marks what is hidden.
  var inDetails = null;  // ["actor" | "relation", id], or null for the introduction
  function refreshDetails() {
    if (inDetails === null) { return; }
    var top = details.scrollTop;
    (inDetails[0] === "actor" ? showActor : showRelation)(inDetails[1]);
    details.scrollTop = top;
  }
  function showActor(id) {
    var a = actors.get(id);
    inDetails = ["actor", id];
    clear(details);
    details.appendChild(el("h2", a.name));
    addChange(a);
    details.appendChild(el("p", [a.type, a.country, a.start || a.end ? dates(a) : null].filter(Boolean).join(" · "), "meta"));
    if (a.group) { details.appendChild(el("p", a.group, "meta")); }
    if (a.aliases.length) { details.appendChild(el("p", "Also: " + a.aliases.join(", "))); }
    if (a.tags.length) { details.appendChild(el("p", "Tags: " + a.tags.join(", "), "meta")); }
    if (a.description) { details.appendChild(el("p", a.description)); }
    if (a.positions.length) {
      // Where the actor stands on the map's issues, each position with its quotes (set as text, never as markup).
      details.appendChild(el("h3", "Positions"));
      var stands = el("ul");
      a.positions.forEach(function (p) {
        var when = p.start || p.end ? " (" + [p.start, p.end].filter(Boolean).join(" to ") + ")" : "";
        var item = el("li", p.issue + ": stance " + (p.stance > 0 ? "+" : "") + p.stance.toFixed(2) + ", salience " + p.salience.toFixed(2) + when);
        p.evidence.forEach(function (e) { item.appendChild(el("blockquote", e.said + " (" + e.source + ")")); });
        stands.appendChild(item);
      });
      details.appendChild(stands);
    }
    details.appendChild(pathForm(id));
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
    inDetails = ["relation", id];
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

  // What the map is about and where it comes from: shown first, and again from "About this map" (a
  // click on an actor or relation puts its details in the same panel).
  function showIntro() {
    inDetails = null;
    details.textContent = "";
    if (DATA.description) { details.appendChild(el("p", DATA.description)); }
    if (DATA.source_line) { details.appendChild(el("p", DATA.source_line, "source")); }
    details.appendChild(el("p", "Click an actor or a relation to see its details and evidence.", "hint"));
    var stories = storyList();
    if (stories) { details.appendChild(stories); }
    details.scrollTop = 0;
    updateCue(details);
  }
  // What stood out set aside (the paths, mediators or story step shown, what show() highlighted) for
  // what comes next, which fades the map once.
  function dropOverlays() {
    state.path = null;
    state.mediation = null;
    state.story = null;
    state.highlight = null;
  }
  function unselect() {
    network.unselectAll();
    state.selected = null;
    state.edge = null;
  }
  // Nothing selected any more: not on the map, not in the page's state, nothing faded, and the details
  // panel no longer an actor's or relation's that a filter's change would draw again.
  function letGo() {
    dropOverlays();
    unselect();
    document.getElementById("focus-button").disabled = true;
    inDetails = null;
    fadeAround();
    remember();
  }
  function select(selection) {
    dropOverlays();
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
    fadeAround();
    placeLabels();
    remember();
  }
  // What is not next to the selection fades, so its neighbourhood reads at once (on the 5,000-actor map a
  // hub's 4,000 relations otherwise stand out only by vis-network's thicker selected lines, a wall).
  // Set on vis-network's nodes and edges directly, like the labels and the filters.
  var FADED = DATA.faded;  // style.FADED, as pictures fade
  var faded = false;
  // The actors within ``depth`` relations of ``from``, either way, over the relations that ``passes``,
  // and those relations. Walked from each actor's own relations (``ownRelations``), so a hover on a
  // big map reads the neighbourhood only, not every relation shown.
  function around(from, depth, passes) {
    var nodes = new Set(from), edges = new Set(), frontier = Array.from(from);
    for (var d = 0; d < depth && frontier.length; d++) {
      var found = [];
      frontier.forEach(function (u) {
        (ownRelations.get(u) || []).forEach(function (r) {
          if (!passes(r)) { return; }
          var other = r.source === u ? r.target : r.source;
          edges.add(r.id);
          if (!nodes.has(other)) { nodes.add(other); found.push(other); }
        });
      });
      frontier = found;
    }
    return { nodes: nodes, edges: edges };
  }
  function isShown(r) { return visibleEdges.has(r.id); }
  // The relations ``edgeIds`` with their two ends, and the actors ``nodeIds``: what stands out.
  function withEnds(edgeIds, nodeIds) {
    var nodes = new Set(nodeIds);
    edgeIds.forEach(function (id) { var r = relations.get(id); nodes.add(r.source); nodes.add(r.target); });
    return { nodes: nodes, edges: new Set(edgeIds) };
  }
  // The neighbourhood depth of the fading: the focus control's (1 to 3).
  function fadeDepth() { return Number(document.getElementById("focus-depth").value) || 1; }
  // What stands out (the rest fades): a story's step, else the paths shown, else what show() asked
  // to highlight, else the actor hovered or the selection with its neighbourhood (to the focus
  // control's depth); null when nothing does.
  function keptSets() {
    var told = storyKept();
    if (told) { return told; }
    var onPath = pathKept() || mediationKept();
    if (onPath) { return onPath; }
    if (state.highlight) { return state.highlight; }
    var chosenNodes = network.getSelectedNodes(), chosenEdges = network.getSelectedEdges();
    if (state.hovered && visibleNodes.has(state.hovered)) { return around([state.hovered], fadeDepth(), isShown); }
    if (chosenNodes.length) { return around(chosenNodes, fadeDepth(), isShown); }
    if (chosenEdges.length) { return withEnds(chosenEdges, []); }
    return null;
  }
  function fadeAround() {
    var body = network.body;
    var kept = keptSets();
    if (kept === null && !faded) { return; }
    faded = kept !== null;
    Object.keys(body.nodes).forEach(function (id) { body.nodes[id].options.opacity = kept === null || kept.nodes.has(id) ? 1 : FADED; });
    Object.keys(body.edges).forEach(function (id) {
      body.edges[id].options.color.opacity = kept === null || kept.edges.has(id) ? ownOpacity.get(id) : FADED / 2;
    });
    body.emitter.emit("_requestRedraw");
  }
  // Each line's own opacity, given back when the fading ends: by status (a claim lighter), or a removed ghost's.
  var ownOpacity = new Map();
  edges.forEach(function (e) { ownOpacity.set(e.id, e.color && e.color.opacity !== undefined ? e.color.opacity : DATA.options.edges.color.opacity); });

