  // ---- stories: a walk through the map, step by step. A step sets the date, makes its actors and
  // relations stand out (the rest fades) and moves the camera onto them; ← and → step, Esc leaves;
  // the URL says which story and step (#story=ID&step=2). ----
  var STORIES = new Map((DATA.stories || []).map(function (s) { return [s.id, s]; }));
  state.story = null;  // {id, step (0-based)}
  function storyKept() {
    if (!state.story) { return null; }
    var step = STORIES.get(state.story.id).steps[state.story.step];
    return withEnds(step.relations, step.focus);
  }
  // Show step ``index`` (0-based) of story ``id``; false when there is no such story or step.
  function showStep(id, index) {
    var story = STORIES.get(id);
    if (!story || !(index >= 0 && index < story.steps.length)) { return false; }
    var step = story.steps[index];
    var wasReady = viewsReady;
    viewsReady = false;  // one view for the whole step, remembered once
    try {
      dropOverlays();
      unselect();
      state.story = { id: id, step: index };
      chooseDay(step.day);
      fadeAround();
      var kept = storyKept();
      var onMap = Array.from(kept.nodes).filter(function (n) { return visibleNodes.has(n); });
      fitView(onMap.length ? onMap : Array.from(visibleNodes), true);
      showStoryPanel();
    } finally {
      viewsReady = wasReady;
    }
    remember();
    return true;
  }
  function storyButton(text, label, onClick) {
    var button = el("button", text);
    button.type = "button";
    if (label) { button.setAttribute("aria-label", label); }
    button.addEventListener("click", onClick);
    return button;
  }
  function showStoryPanel() {
    var story = STORIES.get(state.story.id), index = state.story.step, step = story.steps[index];
    inDetails = null;
    clear(details);
    var panel = el("section", null, "story");
    panel.setAttribute("aria-label", "Story: " + story.title);
    panel.appendChild(el("p", story.title + " · step " + (index + 1) + " of " + story.steps.length, "story-title"));
    var heading = el("h2", step.title);
    heading.tabIndex = -1;
    panel.appendChild(heading);
    if (step.as_of) { panel.appendChild(el("p", "As of " + step.as_of, "meta")); }
    if (step.text) { panel.appendChild(el("p", step.text)); }
    var moves = el("div", null, "story-moves");
    var back = storyButton("‹ Previous", "Previous step", function () { showStep(story.id, index - 1); });
    back.disabled = index === 0;
    var next = storyButton("Next ›", "Next step", function () { showStep(story.id, index + 1); });
    next.disabled = index === story.steps.length - 1;
    moves.appendChild(back);
    moves.appendChild(next);
    moves.appendChild(storyButton("Leave the story", null, function () { letGo(); showIntro(); }));
    panel.appendChild(moves);
    // The relations of the step, each with its first quote: a story is told on its evidence.
    var own = step.relations.map(function (id) { return relations.get(id); });
    if (own.length) {
      var list = el("ul", null, "story-relations");
      own.forEach(function (r) {
        var item = el("li");
        var button = el("button", actors.get(r.source).name + " " + arrow(r, r.source) + " " + actors.get(r.target).name, "link");
        button.type = "button";
        button.addEventListener("click", function () { select({ nodes: [], edges: [r.id] }); });
        item.appendChild(button);
        if (r.evidence.length) { item.appendChild(el("q", r.evidence[0].quote)); }
        list.appendChild(item);
      });
      panel.appendChild(list);
    }
    var steps = el("ol", null, "story-steps");
    story.steps.forEach(function (s, k) {
      var item = el("li");
      var button = storyButton(s.title, null, function () { showStep(story.id, k); });
      button.className = "link";
      if (k === index) { button.setAttribute("aria-current", "step"); }
      item.appendChild(button);
      steps.appendChild(item);
    });
    panel.appendChild(steps);
    details.appendChild(panel);
    details.scrollTop = 0;
    updateCue(details);
    heading.focus({ preventScroll: true });
  }
  // The stories of the map, to choose one (under "About this map").
  function storyList() {
    if (!STORIES.size) { return null; }
    var box = el("section", null, "story-list");
    box.appendChild(el("h3", "Stories"));
    var list = el("ul");
    STORIES.forEach(function (story) {
      var item = el("li");
      var button = storyButton(story.title + " (" + story.steps.length + " steps)", null, function () { showStep(story.id, 0); });
      button.className = "link";
      item.appendChild(button);
      if (story.description) { item.appendChild(el("p", story.description, "meta")); }
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }
  function buildStories() {
    document.addEventListener("keydown", function (event) {
      if (!state.story || event.target.closest("input, select, textarea")) { return; }
      if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
        event.preventDefault();
        showStep(state.story.id, state.story.step + (event.key === "ArrowRight" ? 1 : -1));
      }
    });
  }
