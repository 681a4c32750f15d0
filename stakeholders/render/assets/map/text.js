  // ---- small DOM helpers: text only, never markup ----
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    node.dir = "auto";
    return node;
  }
  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }
  function safeLink(url, text) {
    if (typeof url === "string" && /^https?:\/\/[^\s"'<>]+$/i.test(url)) {
      var a = el("a", text);
      a.href = url;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      return a;
    }
    return el("span", text);
  }
  // The rule of stakeholders.names.normalize, checked against it on shared cases by the tests:
  // marks dropped, case folded (toLowerCase plus the two folds it lacks), anything but a letter or a digit a space.
  function fold(text) {
    return String(text).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/ß/g, "ss").replace(/ς/g, "σ")
      .replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }

  // ---- finding an actor by name: the steps of stakeholders.names.NameIndex, checked on one table of cases ----
  var byId = new Map(), byFoldedId = new Map(), byName = new Map();
  actors.forEach(function (a) {
    byId.set(a.id, a.id);
    if (!byFoldedId.has(fold(a.id))) { byFoldedId.set(fold(a.id), a.id); }
    [a.name].concat(a.aliases).forEach(function (label) {
      var ids = byName.get(fold(label)) || [];
      if (ids.indexOf(a.id) === -1) { ids.push(a.id); }
      byName.set(fold(label), ids);
    });
  });
  function coverage(query, words, whole) {
    for (var i = 0; i + query.length <= words.length; i++) {
      var all = query.every(function (q, j) { return whole ? words[i + j] === q : words[i + j].indexOf(q) === 0; });
      if (all) { return query.length / words.length; }
    }
    return 0;
  }
  // The actors a name designates: one, several (ambiguous, best first) or none.
  function findActor(name) {
    if (byId.has(name)) { return [name]; }
    var key = fold(name);
    if (byFoldedId.has(key)) { return [byFoldedId.get(key)]; }
    if (byName.has(key)) { return byName.get(key).slice(); }
    var labels = [];
    byFoldedId.forEach(function (id, label) { labels.push([label.split(" "), [id]]); });
    byName.forEach(function (ids, label) { labels.push([label.split(" "), ids]); });
    var query = key.split(" ");
    for (var pass = 0; pass < 2; pass++) {
      var best = new Map();
      labels.forEach(function (entry) {
        var share = coverage(query, entry[0], pass === 0);
        if (share) { entry[1].forEach(function (id) { best.set(id, Math.max(best.get(id) || 0, share)); }); }
      });
      if (best.size) {
        var ranked = Array.from(best.keys()).sort(function (x, y) {
          var nx = actors.get(x).name.toLowerCase(), ny = actors.get(y).name.toLowerCase();
          return best.get(y) - best.get(x) || (nx < ny ? -1 : nx > ny ? 1 : 0) || (x < y ? -1 : x > y ? 1 : 0);
        });
        var top = best.get(ranked[0]);
        return ranked.filter(function (id) { return best.get(id) === top; }).length === 1 ? ranked.slice(0, 1) : ranked;
      }
    }
    return [];
  }

