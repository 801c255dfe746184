// The ess-graph map page: draws the network with vis-network, lets the layout settle then stops
// it, and wires the search, the legend filters, the territory and sector choices and the
// neighbourhood highlight. Every text from the data reaches the page through textContent or
// vis-network's plain-text labels, never as HTML.
(function () {
  "use strict";
  var read = function (id) { return JSON.parse(document.getElementById(id).textContent); };
  var page = read("ess-map-page");
  var words = page.words;
  var rawNodes = read("ess-map-nodes");
  var rawEdges = read("ess-map-edges");
  var options = read("ess-map-options");
  var QUIET = {location: true};
  var FADED_NODE = "#eeeeee", FADED_LABEL = "#c8c8c8";

  // A tooltip or details card from the plain-text title: first line as the heading.
  function card(text) {
    var box = document.createElement("div");
    String(text || "").split("\n").forEach(function (line, i) {
      var div = document.createElement("div");
      div.className = i === 0 ? "card-title" : "card-line";
      div.textContent = line;
      box.appendChild(div);
    });
    return box;
  }

  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  var byId = new Map(rawNodes.map(function (n) { return [n.id, n]; }));
  var folded = new Map(rawNodes.map(function (n) { return [n.id, fold(n.label)]; }));
  var incident = new Map(rawNodes.map(function (n) { return [n.id, []]; }));
  rawEdges.forEach(function (e) { incident.get(e.from).push(e); incident.get(e.to).push(e); });

  var nodes = new vis.DataSet(rawNodes.map(function (n) { return Object.assign({}, n, {title: card(n.title)}); }));
  var edges = new vis.DataSet(rawEdges.map(function (e) { return Object.assign({}, e, {title: card(e.title)}); }));
  var container = document.getElementById("map");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);

  var state = {settled: false, settleMs: null, layoutMs: null, selected: null, query: "", matches: []};
  var created = performance.now();

  function settle() {
    if (state.settled) { return; }
    network.setOptions({physics: {enabled: false}});
    state.settled = true;
    state.layoutMs = performance.now() - created;
    state.settleMs = performance.now();
    document.getElementById("loading").classList.add("done");
  }
  if (page.layout === "simulated" && rawNodes.length > 1) {
    network.on("stabilizationProgress", function (p) {
      document.getElementById("loading-done").style.width = Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", settle);
  } else {
    network.once("afterDrawing", function () { network.fit(); settle(); });
  }

  // ---- filters -------------------------------------------------------------------------------
  function checked(name) {
    var set = new Set();
    document.querySelectorAll('input[name="' + name + '"]').forEach(function (box) {
      if (box.checked) { set.add(box.value); }
    });
    return set;
  }

  // Nodes holding `key` in `attribute`, with the nodes they are directly linked to (not by location).
  function withDirectLinks(candidates, attribute, key, relations) {
    var kept = new Set();
    candidates.forEach(function (id) { if ((byId.get(id)[attribute] || []).indexOf(key) >= 0) { kept.add(id); } });
    var core = Array.from(kept);
    core.forEach(function (id) {
      incident.get(id).forEach(function (e) {
        var other = e.from === id ? e.to : e.from;
        if (!QUIET[e.kind] && relations.has(e.kind) && candidates.has(other)) { kept.add(other); }
      });
    });
    return kept;
  }

  function visibleSets() {
    var kinds = checked("kind"), relations = checked("relation"), groups = checked("group");
    var shown = new Set();
    rawNodes.forEach(function (n) {
      if (kinds.has(n.kind) && (!page.overlay || groups.has(n.group_key))) { shown.add(n.id); }
    });
    var territory = document.getElementById("territory").value;
    var sector = document.getElementById("sector").value;
    if (territory) { shown = withDirectLinks(shown, "territories", territory, relations); }
    if (sector) { shown = withDirectLinks(shown, "sectors", sector, relations); }
    var shownEdges = new Set();
    rawEdges.forEach(function (e) {
      if (relations.has(e.kind) && shown.has(e.from) && shown.has(e.to)) { shownEdges.add(e.id); }
    });
    var allRelations = document.querySelectorAll('input[name="relation"]:not(:checked)').length === 0;
    if (!allRelations) {
      shown.forEach(function (id) {
        var links = incident.get(id);
        if (links.length && !links.some(function (e) { return shownEdges.has(e.id); }) && id !== state.selected) {
          shown.delete(id);
        }
      });
    }
    return {nodes: shown, edges: shownEdges};
  }

  // ---- drawing state -------------------------------------------------------------------------
  var drawn = {nodes: new Map(), edges: new Map()};

  function render() {
    var visible = visibleSets();
    var lit = null;
    if (state.selected && visible.nodes.has(state.selected)) {
      lit = new Set([state.selected]);
      incident.get(state.selected).forEach(function (e) {
        if (visible.edges.has(e.id)) { lit.add(e.from); lit.add(e.to); }
      });
    } else if (state.query) {
      lit = new Set(state.matches);
    }
    var nodeUpdates = [];
    rawNodes.forEach(function (n) {
      var hidden = !visible.nodes.has(n.id), dim = !hidden && lit !== null && !lit.has(n.id);
      var key = (hidden ? "h" : "") + (dim ? "d" : "");
      if ((drawn.nodes.get(n.id) || "") === key) { return; }
      drawn.nodes.set(n.id, key);
      nodeUpdates.push({id: n.id, hidden: hidden, color: dim ? FADED_NODE : n.color,
                        font: {color: dim ? FADED_LABEL : (n.font || options.nodes.font).color}});
    });
    var edgeUpdates = [];
    rawEdges.forEach(function (e) {
      var hidden = !visible.edges.has(e.id);
      var dim = !hidden && lit !== null && (state.selected ? !(e.from === state.selected || e.to === state.selected)
                                                           : !(lit.has(e.from) || lit.has(e.to)));
      var key = (hidden ? "h" : "") + (dim ? "d" : "");
      if ((drawn.edges.get(e.id) || "") === key) { return; }
      drawn.edges.set(e.id, key);
      edgeUpdates.push({id: e.id, hidden: hidden, color: {color: e.color, highlight: e.color, hover: e.color,
                                                          opacity: dim ? 0.15 : 1}});
    });
    if (nodeUpdates.length) { nodes.update(nodeUpdates); }
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
    document.getElementById("counts").textContent = visible.nodes.size + " / " + rawNodes.length + " " + words.nodes +
      " · " + visible.edges.size + " / " + rawEdges.length + " " + words.links + " " + words.shown;
    return visible;
  }

  // ---- selection and search ------------------------------------------------------------------
  function select(id, move) {
    state.selected = id;
    var details = document.getElementById("selection-details");
    details.textContent = "";
    if (id === null) {
      network.unselectAll();
      document.getElementById("selection").hidden = true;
    } else {
      details.appendChild(card(byId.get(id).title));
      document.getElementById("selection").hidden = false;
      network.selectNodes([id]);
      if (move) { network.focus(id, {scale: Math.max(network.getScale(), 1.0), animation: {duration: 400}}); }
    }
    render();
  }

  function search(text) {
    state.query = fold(text.trim());
    var visible = visibleSets().nodes;
    state.matches = state.query ? rawNodes.filter(function (n) {
      return visible.has(n.id) && folded.get(n.id).indexOf(state.query) >= 0;
    }).map(function (n) { return n.id; }) : [];
    state.matches.sort(function (a, b) { return folded.get(a).localeCompare(folded.get(b)); });
    var list = document.getElementById("search-results");
    list.textContent = "";
    state.matches.slice(0, 30).forEach(function (id) {
      var item = document.createElement("li");
      item.textContent = byId.get(id).label;
      item.tabIndex = 0;
      item.addEventListener("click", function () { select(id, true); });
      item.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { select(id, true); } });
      list.appendChild(item);
    });
    document.getElementById("search-count").textContent = state.query ? state.matches.length + " " + words.matches : "";
    if (state.selected !== null) { select(null, false); } else { render(); }
    return state.matches.slice();
  }

  var searchBox = document.getElementById("search");
  searchBox.addEventListener("input", function () { search(searchBox.value); });
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter" && state.matches.length) { select(state.matches[0], true); }
    if (ev.key === "Escape") { searchBox.value = ""; search(""); }
  });

  network.on("click", function (params) {
    if (params.nodes.length) { select(params.nodes[0], false); }
    else if (!params.edges.length) { select(null, false); }
  });

  document.querySelectorAll('#panel input[type="checkbox"], #panel select').forEach(function (control) {
    control.addEventListener("change", function () { render(); if (state.query) { search(searchBox.value); } });
  });

  document.getElementById("reset").addEventListener("click", function () {
    document.querySelectorAll('#panel input[type="checkbox"]').forEach(function (box) { box.checked = true; });
    document.querySelectorAll("#panel select").forEach(function (choice) { choice.value = ""; });
    searchBox.value = "";
    state.query = "";
    state.matches = [];
    document.getElementById("search-results").textContent = "";
    document.getElementById("search-count").textContent = "";
    select(null, false);
    network.fit({animation: {duration: 300}});
  });

  render();

  // For scripts and tests driving the page (the e2e tests, the benchmark).
  window.essMap = {
    network: network, nodes: nodes, edges: edges, state: state, select: select, search: search, render: render,
    visibleCounts: function () {
      return {nodes: nodes.get({filter: function (n) { return !n.hidden; }}).length,
              edges: edges.get({filter: function (e) { return !e.hidden; }}).length};
    }
  };
})();
