  // ---- the list view: what the map shows, as two sortable tables a keyboard and a screen reader
  // can walk (the canvas is a picture to them). Enter or a click opens an actor or relation in the
  // details panel and on the map; Esc closes the list. Built when first opened, and again whenever
  // a filter changes what is shown while it is open. ----
  var ROWS_AT_ONCE = 200;  // rows added at a time: 20,000 relations as table rows would stall the page
  var listPanel = document.getElementById("list");
  var listToggle = document.getElementById("list-toggle");
  var listSorts = { actors: { key: "name", down: false }, relations: { key: "kind", down: false } };
  var listFilter = "";
  var LIST_COLUMNS = {
    actors: [
      ["name", "Name", function (a) { return a.name; }],
      ["type", "Type", function (a) { return a.type; }],
      ["relations", "Relations", function (a) { return (ownRelations.get(a.id) || []).filter(function (r) { return visibleEdges.has(r.id); }).length; }]
    ],
    relations: [
      ["kind", "Kind", function (r) { return r.label; }],
      ["from", "From", function (r) { return actors.get(r.source).name; }],
      ["to", "To", function (r) { return actors.get(r.target).name; }],
      ["when", "When", function (r) { return dates(r); }],
      ["status", "Status", function (r) { return r.status || ""; }]
    ]
  };
  function listRows(which) {
    var items = which === "actors"
      ? Array.from(visibleNodes).map(function (id) { return actors.get(id); })
      : Array.from(visibleEdges).map(function (id) { return relations.get(id); });
    var columns = LIST_COLUMNS[which];
    var wanted = fold(listFilter);
    var rows = items.map(function (item) { return { item: item, cells: columns.map(function (c) { return c[2](item); }) }; });
    if (wanted) {
      rows = rows.filter(function (row) {
        var words = which === "actors" ? row.cells.concat(row.item.aliases) : row.cells;
        return words.some(function (cell) { return fold(String(cell)).indexOf(wanted) !== -1; });
      });
    }
    var sort = listSorts[which], at = columns.findIndex(function (c) { return c[0] === sort.key; });
    rows.sort(function (x, y) {
      var a = x.cells[at], b = y.cells[at];
      var order = typeof a === "number" ? a - b : String(a).localeCompare(String(b));
      return (sort.down ? -order : order) || (x.item.id < y.item.id ? -1 : 1);
    });
    return rows;
  }
  function openItem(which, id) {
    closeList(false);
    select(which === "actors" ? { nodes: [id], edges: [] } : { nodes: [], edges: [id] });
    unfoldSheet();
    var heading = details.querySelector("h2");
    if (heading) { heading.tabIndex = -1; heading.focus(); }
  }
  function listTable(which, title) {
    var rows = listRows(which);
    var section = el("section", null, "list-part");
    section.appendChild(el("h2", title + " (" + count(rows.length) + ")"));
    var table = document.createElement("table");
    var head = table.createTHead().insertRow();
    LIST_COLUMNS[which].forEach(function (column) {
      var th = document.createElement("th");
      th.scope = "col";
      var sort = listSorts[which];
      th.setAttribute("aria-sort", sort.key === column[0] ? (sort.down ? "descending" : "ascending") : "none");
      var button = el("button", column[1] + (sort.key === column[0] ? (sort.down ? " ▾" : " ▴") : ""), "link");
      button.type = "button";
      button.title = "Sort by " + column[1].toLowerCase();
      button.dataset.sort = which + "-" + column[0];
      button.addEventListener("click", function () {
        // Counts sort biggest first; names and dates from A and from the earliest.
        listSorts[which] = { key: column[0], down: sort.key === column[0] ? !sort.down : column[0] === "relations" };
        fillList(which + "-" + column[0]);
      });
      th.appendChild(button);
      head.appendChild(th);
    });
    var body = table.createTBody();
    function more(upTo) {
      rows.slice(body.rows.length, upTo).forEach(function (row) {
        var tr = body.insertRow();
        tr.tabIndex = 0;
        tr.dataset.id = row.item.id;
        row.cells.forEach(function (cell) { tr.insertCell().textContent = typeof cell === "number" ? count(cell) : cell; });
        tr.addEventListener("click", function () { openItem(which, row.item.id); });
        tr.addEventListener("keydown", function (event) {
          if (event.key === "Enter") { event.preventDefault(); openItem(which, row.item.id); }
        });
      });
    }
    more(ROWS_AT_ONCE);
    section.appendChild(table);
    if (rows.length > ROWS_AT_ONCE) {
      var button = el("button", "", "more");
      button.type = "button";
      var label = function () { button.textContent = "Show more (" + count(body.rows.length) + " of " + count(rows.length) + ")"; };
      label();
      button.addEventListener("click", function () {
        more(body.rows.length + ROWS_AT_ONCE);
        label();
        if (body.rows.length >= rows.length) { button.remove(); }
      });
      section.appendChild(button);
    }
    return section;
  }
  // ``keep``: the id of the control to give the focus back to (the list is made again).
  function fillList(keep) {
    var top = listPanel.scrollTop;
    clear(listPanel);
    var search = document.createElement("input");
    search.type = "search";
    search.id = "list-filter";
    search.placeholder = "Filter the list…";
    search.setAttribute("aria-label", "Filter the list by name, type, kind or date");
    search.value = listFilter;
    search.addEventListener("input", function () { listFilter = search.value; fillList("list-filter"); });
    listPanel.appendChild(search);
    listPanel.appendChild(el("p", "Enter or a click opens an actor or a relation; Esc closes the list.", "hint"));
    listPanel.appendChild(listTable("actors", "Actors"));
    listPanel.appendChild(listTable("relations", "Relations"));
    listPanel.scrollTop = top;
    var again = keep === "list-filter" ? search : keep ? listPanel.querySelector("[data-sort='" + keep + "']") : null;
    if (again) { again.focus(); if (again === search) { search.setSelectionRange(search.value.length, search.value.length); } }
    updateCue(listPanel);
  }
  function listOpen() { return !listPanel.hidden; }
  function openList() {
    listPanel.hidden = false;
    details.hidden = true;
    legendPanel.hidden = true;
    listToggle.setAttribute("aria-expanded", "true");
    listToggle.textContent = "Close list";
    unfoldSheet();
    fillList(null);
    document.getElementById("list-filter").focus();
  }
  // ``refocus``: give the focus back to the button that opened the list.
  function closeList(refocus) {
    if (!listOpen()) { return; }
    listPanel.hidden = true;
    details.hidden = false;
    legendPanel.hidden = false;
    listToggle.setAttribute("aria-expanded", "false");
    listToggle.textContent = "List";
    if (refocus) { listToggle.focus(); }
  }
  function buildList() {
    watchCue(listPanel);
    listToggle.addEventListener("click", function () { if (listOpen()) { closeList(true); } else { openList(); } });
    listPanel.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); event.stopPropagation(); closeList(true); }
    });
  }
