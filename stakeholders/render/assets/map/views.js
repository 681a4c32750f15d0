  // ---- the view, in the URL and in window.stakeholdersMap: state() and show(). The hash names
  // what is shown (#actor=druze&as-of=2025-04-15, #relation=ID, #path=hts,israel&all=3); opening
  // the link shows it again, and Back and Forward walk the views. ----
  var viewsReady = false;  // no view is remembered while the page builds itself
  var written = null;      // the hash the page wrote last: its own change is not applied again
  function currentView() {
    var kept = network ? keptSets() : null;
    return {
      asOf: state.day,
      focus: state.selected,
      highlighted: { actors: kept ? Array.from(kept.nodes).sort() : [], relations: kept ? Array.from(kept.edges).sort() : [] },
      path: state.path ? [state.path.from, state.path.to] : null,
      mediators: state.mediation ? [state.mediation.a, state.mediation.b] : null,
      story: state.story ? state.story.id : null,
      step: state.story ? state.story.step + 1 : null
    };
  }
  function openingDay() { return DATA.dates && DATA.as_of && DATA.as_of >= DATA.dates.min && DATA.as_of <= DATA.dates.max ? DATA.as_of : null; }
  function hashOf() {
    var parts = [];
    if (state.story) {
      return "#story=" + encodeURIComponent(state.story.id) + "&step=" + (state.story.step + 1);
    }
    if (state.mediation) {
      parts.push("mediators=" + encodeURIComponent(state.mediation.a) + "," + encodeURIComponent(state.mediation.b));
    } else if (state.path) {
      parts.push("path=" + encodeURIComponent(state.path.from) + "," + encodeURIComponent(state.path.to));
      if (state.path.all) { parts.push("all=" + state.path.maxHops); }
    } else if (state.selected) {
      parts.push("actor=" + encodeURIComponent(state.selected));
    } else if (state.edge) {
      parts.push("relation=" + encodeURIComponent(state.edge));
    }
    if (state.day !== openingDay()) { parts.push("as-of=" + (state.day || "all")); }
    return parts.length ? "#" + parts.join("&") : "";
  }
  function remember() {
    if (!viewsReady) { return; }
    var hash = hashOf();
    if (hash === location.hash || (!hash && (location.hash === "" || location.hash === "#"))) { return; }
    written = hash || "#";
    location.hash = written;
  }
  // The last day of a period written YYYY, YYYY-MM or YYYY-MM-DD (the slider shows days), or null.
  function lastDay(text) {
    var m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text);
    if (!m) { return null; }
    var year = Number(m[1]), month = m[2] ? Number(m[2]) : 12, day = m[3] ? Number(m[3]) : new Date(Date.UTC(year, month, 0)).getUTCDate();
    var date = new Date(Date.UTC(year, month - 1, day));
    if (month < 1 || month > 12 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) { return null; }
    return date.toISOString().slice(0, 10);
  }
  function viewMessage(text) {
    var note = el("p", text, "view-message");
    note.setAttribute("role", "status");
    details.insertBefore(note, details.firstChild);
    updateCue(details);
  }
  // Show what ``wanted`` names ({asOf: day, "all" or null, focus, relation, path: [a, b], all: hops,
  // story, step}); what cannot be shown is said in a message, over the whole map.
  function applyView(wanted) {
    viewsReady = false;
    var problems = [];
    try {
      if (wanted.asOf !== undefined) {
        var day = wanted.asOf === null || wanted.asOf === "all" ? null : lastDay(String(wanted.asOf));
        if (wanted.asOf !== null && wanted.asOf !== "all" && day === null) {
          problems.push("“" + wanted.asOf + "” is not a date (YYYY-MM-DD, YYYY-MM or YYYY)");
        } else if (!chooseDay(day) && day !== null) {
          problems.push("this map has no dates");
        }
      }
      letGo();
      var told = false;
      if (wanted.story !== undefined && wanted.story !== null) {
        var story = STORIES.get(wanted.story), step = wanted.step === undefined || wanted.step === null ? 1 : Number(wanted.step);
        if (!story) {
          problems.push("this map has no story “" + wanted.story + "”");
        } else if (!(step >= 1 && step <= story.steps.length && Math.floor(step) === step)) {
          problems.push("the story “" + story.title + "” has no step " + wanted.step + " (it has " + story.steps.length + ")");
        } else {
          told = showStep(story.id, step - 1);
        }
      }
      if (told) {
        // the step set the date, what stands out and the camera
      } else if (wanted.mediators) {
        var missing = notActors("no mediators", wanted.mediators);
        if (missing) {
          problems.push(missing);
        } else {
          showMediators(wanted.mediators[0], wanted.mediators[1]);
        }
      } else if (wanted.path) {
        missing = notActors("no path", wanted.path);
        if (missing) {
          problems.push(missing);
        } else {
          showPath(wanted.path[0], wanted.path[1], Boolean(wanted.all), wanted.all ? Number(wanted.all) : null);
        }
      } else if (wanted.focus) {
        if (actors.has(wanted.focus)) { select({ nodes: [wanted.focus], edges: [] }); } else { problems.push("no actor “" + wanted.focus + "” in this map"); }
      } else if (wanted.relation) {
        if (relations.has(wanted.relation)) { select({ nodes: [], edges: [wanted.relation] }); } else { problems.push("no relation “" + wanted.relation + "” in this map"); }
      }
      if (!state.selected && !state.edge && !state.path && !state.story && !state.mediation) { showIntro(); }
      if (problems.length) { viewMessage("Showing the whole map: " + problems.join("; ") + "."); }
      placeLabelsSoon();
    } finally {
      viewsReady = true;
    }
    return problems;
  }
  // A hand-edited link may hold a "%" that starts no percent-encoding: kept as written, for the message to name.
  function decoded(text) {
    try { return decodeURIComponent(text); } catch (error) { return text; }
  }
  // What a link naming ids the map lacks shows: "no path: “x” is not an actor of this map"; null when all are.
  function notActors(what, ids) {
    var unknown = ids.filter(function (id) { return !actors.has(id); });
    if (!unknown.length) { return null; }
    return what + ": " + unknown.map(function (id) { return "“" + id + "”"; }).join(" and ") + (unknown.length > 1 ? " are not actors" : " is not an actor") + " of this map";
  }
  function viewFromHash(hash) {
    var wanted = { asOf: openingDay() };
    hash.replace(/^#/, "").split("&").forEach(function (part) {
      if (!part) { return; }
      // Each name of a pair is encoded on its own (``hashOf``): split, then decode each once.
      var at = part.indexOf("="), key = at < 0 ? part : part.slice(0, at), raw = at < 0 ? "" : part.slice(at + 1), value = decoded(raw);
      if (key === "as-of") { wanted.asOf = value; }
      if (key === "actor") { wanted.focus = value; }
      if (key === "relation") { wanted.relation = value; }
      if (key === "path") { wanted.path = raw.split(",").map(decoded); }
      if (key === "mediators") { wanted.mediators = raw.split(",").map(decoded).concat([""]).slice(0, 2); }
      if (key === "all") { wanted.all = value || PATHS.max_hops; }
      if (key === "story") { wanted.story = value; }
      if (key === "step") { wanted.step = value; }
    });
    if (wanted.path && wanted.path.length !== 2) { wanted.path = wanted.path.concat([""]).slice(0, 2); }
    return wanted;
  }
  // For people who embed the map, and for the tests: the view now, and showing one (the keys given).
  function show(partial) {
    var now = currentView(), wanted = { asOf: now.asOf };
    if (partial.asOf !== undefined) { wanted.asOf = partial.asOf; }
    if (partial.path !== undefined) { wanted.path = partial.path; wanted.all = partial.all; } else if (now.path) { wanted.path = now.path; }
    if (partial.focus !== undefined) { wanted.focus = partial.focus; if (partial.path === undefined) { wanted.path = null; } } else if (!wanted.path) { wanted.focus = now.focus; }
    if (partial.story !== undefined) { wanted.story = partial.story; wanted.step = partial.step; }
    if (partial.mediators !== undefined) { wanted.mediators = partial.mediators; wanted.path = null; } else if (now.mediators && partial.path === undefined && partial.focus === undefined) { wanted.mediators = now.mediators; }
    var problems = applyView(wanted);
    if (partial.highlighted) {
      // Actors and relations to make stand out, whatever else is shown: unknown ids are named.
      var h = partial.highlighted, nodes = new Set(), edgesWanted = new Set();
      (h.actors || []).forEach(function (id) { if (actors.has(id)) { nodes.add(id); } else { problems.push("no actor “" + id + "” in this map"); } });
      (h.relations || []).forEach(function (id) {
        if (!relations.has(id)) { problems.push("no relation “" + id + "” in this map"); return; }
        edgesWanted.add(id);
        nodes.add(relations.get(id).source);
        nodes.add(relations.get(id).target);
      });
      state.highlight = nodes.size ? { nodes: nodes, edges: edgesWanted } : null;
      fadeAround();
    }
    remember();
    return problems;
  }
  function buildViews() {
    window.addEventListener("hashchange", function () {
      if (location.hash === written || (written === "#" && location.hash === "")) { return; }
      written = location.hash;
      applyView(viewFromHash(location.hash));
    });
    var copy = document.getElementById("copy-link");
    copy.addEventListener("click", function () {
      remember();
      var link = location.href;
      function offer() {
        var field = document.createElement("input");
        field.value = link;
        field.readOnly = true;
        field.className = "link-field";
        field.setAttribute("aria-label", "Link to this view");
        details.insertBefore(field, details.firstChild);
        field.select();
      }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(link).then(function () { copy.textContent = "Link copied"; setTimeout(function () { copy.textContent = "Copy link"; }, 2000); }, offer);
      } else {
        offer();
      }
    });
    api.state = currentView;
    api.show = show;
  }
  // The view the URL names, once the map is drawn.
  function openView() {
    written = location.hash;
    if (location.hash && location.hash !== "#") {
      applyView(viewFromHash(location.hash));
    } else if (DATA.open_story) {
      applyView({ asOf: openingDay(), story: DATA.open_story, step: 1 });  // render --story
    }
    viewsReady = true;
  }
