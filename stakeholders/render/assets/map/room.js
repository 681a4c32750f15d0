  // ---- room on screen: label boxes and lines, in grids of cells to find overlaps among thousands quickly ----
  function Boxes(cell) { this.cell = cell; this.cells = new Map(); }
  Boxes.prototype.each = function (box, visit) {
    var c = this.cell;
    for (var i = Math.floor(box.l / c); i <= Math.floor(box.r / c); i++) {
      for (var j = Math.floor(box.t / c); j <= Math.floor(box.b / c); j++) {
        if (visit(i * 65536 + j) === true) { return true; }
      }
    }
    return false;
  };
  Boxes.prototype.add = function (box) {
    var cells = this.cells;
    this.each(box, function (key) {
      if (!cells.has(key)) { cells.set(key, []); }
      cells.get(key).push(box);
    });
  };
  Boxes.prototype.hits = function (box) {
    var cells = this.cells;
    return this.each(box, function (key) {
      var there = cells.get(key);
      if (!there) { return false; }
      for (var k = 0; k < there.length; k++) {
        var o = there[k];
        if (o.l < box.r && box.l < o.r && o.t < box.b && box.t < o.b) { return true; }
      }
      return false;
    });
  };
  // The part of the segment from a to b inside the box, or null (Liang and Barsky's clipping:
  // the segment's stretch [t0, t1] between the four sides' crossings).
  function clip(box, a, b) {
    var dx = b.x - a.x, dy = b.y - a.y, t0 = 0, t1 = 1;
    var sides = [[-dx, a.x - box.l], [dx, box.r - a.x], [-dy, a.y - box.t], [dy, box.b - a.y]];
    for (var k = 0; k < 4; k++) {
      var p = sides[k][0], q = sides[k][1];
      if (p === 0) {
        if (q < 0) { return null; }
      } else if (p < 0) {
        t0 = Math.max(t0, q / p);
      } else {
        t1 = Math.min(t1, q / p);
      }
      if (t0 > t1) { return null; }
    }
    return [{ x: a.x + dx * t0, y: a.y + dy * t0 }, { x: a.x + dx * t1, y: a.y + dy * t1 }];
  }
  function crossesBox(box, a, b) { return clip(box, a, b) !== null; }
  // Lines drawn on screen, each a polyline of segments owned by one edge, filed under every cell
  // it passes through: a label that a line crosses reads as that line's, or as no line's.
  // Only the part inside ``view`` is filed: a line from an actor in view to one far outside it
  // would cost a step every half cell of its whole length.
  function Lines(cell, view) { this.cell = cell; this.view = view; this.cells = new Map(); }
  Lines.prototype.add = function (owner, points) {
    var c = this.cell, cells = this.cells;
    for (var k = 1; k < points.length; k++) {
      var part = clip(this.view, points[k - 1], points[k]);
      if (!part) { continue; }
      var a = part[0], b = part[1], segment = { owner: owner, a: a, b: b }, last = null;
      // Cells met every cell's width along the segment: any point of it lies within half a cell
      // of one, so in that cell or the next, and ``cross`` looks one cell beyond the box.
      var steps = Math.ceil(Math.hypot(b.x - a.x, b.y - a.y) / c);
      for (var s = 0; s <= steps; s++) {
        var x = a.x + (b.x - a.x) * s / Math.max(steps, 1), y = a.y + (b.y - a.y) * s / Math.max(steps, 1);
        var key = Math.floor(x / c) * 65536 + Math.floor(y / c);
        if (key === last) { continue; }
        last = key;
        if (!cells.has(key)) { cells.set(key, []); }
        cells.get(key).push(segment);
      }
    }
  };
  // Whether a line other than those of the edge ``except`` crosses the box.
  Lines.prototype.cross = function (box, except) {
    var c = this.cell, cells = this.cells;
    for (var i = Math.floor(box.l / c) - 1; i <= Math.floor(box.r / c) + 1; i++) {
      for (var j = Math.floor(box.t / c) - 1; j <= Math.floor(box.b / c) + 1; j++) {
        var there = cells.get(i * 65536 + j);
        if (!there) { continue; }
        for (var k = 0; k < there.length; k++) {
          var segment = there[k];
          if (segment.owner !== except && crossesBox(box, segment.a, segment.b)) { return true; }
        }
      }
    }
    return false;
  };
