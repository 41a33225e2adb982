/* tda-export map: draws the embedded records with Leaflet; writes fact text with textContent only.
   Every key taken from the data or from the address is looked up in a Map, never as a property. */
(function () {
  "use strict";
  var app = document.getElementById("tda-app");
  var data = JSON.parse(document.getElementById("tda-map-data").textContent);
  var story = app.getAttribute("data-mode") === "story";
  var $ = function (id) { return document.getElementById(id); };
  $("tda-title").textContent = data.title;
  $("tda-selection").textContent = data.selection ? "Selection: " + data.selection + "." : "";
  var unplaced = data.unplaced || [];
  if (unplaced.length) {  // kept, but no place to draw them at
    $("tda-unplaced").textContent = "Not on the map, as the sources give no place: " +
      unplaced.map(function (e) { return e.title + " (" + e.date + ")"; }).join("; ") + ".";
    $("tda-unplaced").hidden = false;
  }
  if (!window.L) {
    $("tda-map").textContent = "Leaflet could not be loaded.";
    app.setAttribute("data-state", "error");
    return;
  }
  var DAY = 86400000;
  function dayNumber(iso) { return Math.round(Date.parse(iso + "T00:00:00Z") / DAY); }
  function isoDay(n) { return new Date(n * DAY).toISOString().slice(0, 10); }
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];
  function dayWords(iso) {
    var d = new Date(iso + "T00:00:00Z");
    return d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  var map = L.map("tda-map", { zoomSnap: 0.25, minZoom: 0, maxZoom: 12, keyboard: true,
    worldCopyJump: false });
  map.setView([15, -75], 3, { animate: false });  // for now: a map without a view adds layers slowly
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Boundaries: Natural Earth. Data: tda-export fact base");
  map.createPane("tda-base").style.zIndex = 200;
  map.createPane("tda-areas").style.zIndex = 400;
  map.createPane("tda-uncertainty").style.zIndex = 450;
  map.createPane("tda-points").style.zIndex = 600;
  var baseRenderer = L.canvas({ pane: "tda-base", padding: 0.5 });
  var features = data.features;
  // Thousands of SVG elements are slow to draw: above CANVAS_ABOVE, points and areas go on a canvas
  var CANVAS_ABOVE = 2000;
  var drawn = features.filter(function (f) { return f.layer !== "places"; }).length;
  var Renderer = drawn > CANVAS_ABOVE ? L.canvas : L.svg;
  app.setAttribute("data-renderer", drawn > CANVAS_ABOVE ? "canvas" : "svg");
  var areaRenderer = Renderer({ pane: "tda-areas" });
  var pointRenderer = Renderer({ pane: "tda-points" });
  var ringRenderer = L.svg({ pane: "tda-uncertainty" });

  function latlngs(coordinates) { return L.GeoJSON.coordsToLatLngs(coordinates, 2); }
  function own(object) { return new Map(Object.keys(object).map(function (k) { return [k, object[k]]; })); }
  var areas = own(data.areas), areaLatLngs = new Map(), areaBounds = new Map();
  var groupColours = own(data.group_colours), statusColours = own(data.status_colours);
  data.base.countries.forEach(function (c) {
    L.polygon(latlngs(c.coordinates), { renderer: baseRenderer, interactive: false,
      color: "#8a8a8a", weight: 1, fillColor: "#f4f1ea", fillOpacity: 1 }).addTo(map);
  });
  data.base.states.forEach(function (s) {
    L.polygon(latlngs(s.coordinates), { renderer: baseRenderer, interactive: false,
      color: "#b9b9b9", weight: 0.6, fill: false }).addTo(map);
  });

  var byId = new Map();
  features.forEach(function (f) {
    if (!byId.has(f.id)) { byId.set(f.id, []); }
    byId.get(f.id).push(f);
  });
  function recordsOf(id) { return byId.get(id) || []; }

  function areaOf(code) {  // an area's latlngs, made once however many records it draws
    if (!areaLatLngs.has(code)) { areaLatLngs.set(code, latlngs(areas.get(code) || [])); }
    return areaLatLngs.get(code);
  }
  function boundsOf(code) {
    if (!areaBounds.has(code)) { areaBounds.set(code, L.latLngBounds(areaOf(code))); }
    return areaBounds.get(code);
  }
  function areaLayer(f, style) {
    style.renderer = style.renderer || areaRenderer;
    if (f.area) { return L.polygon(areaOf(f.area), style); }
    return L.circle([f.point[1], f.point[0]], L.extend({ radius: f.radius }, style));
  }
  function colourOf(f) {
    return f.layer === "events" ? groupColours.get(f.group) : statusColours.get(f.status);
  }
  function ringOf(f) {  // an event's uncertainty area, made when first shown
    if (!f.ring) {
      f.ring = areaLayer(f, { renderer: ringRenderer, color: "#1a1a1a", weight: 2,
        dashArray: "6 4", fillColor: colourOf(f), fillOpacity: 0.12, interactive: false,
        className: "tda-uncertainty" });
    }
    return f.ring;
  }
  features.forEach(function (f) {
    if (f.layer === "presence") {
      f.shape = areaLayer(f, { color: colourOf(f), weight: 1.5, fillColor: colourOf(f),
        fillOpacity: 0.25, className: "tda-presence tda-status-" + f.status });
    } else if (f.layer === "events") {
      var c = colourOf(f);
      f.shape = L.circleMarker([f.point[1], f.point[0]], f.precise
        ? { renderer: pointRenderer, radius: 7, color: "#1a1a1a", weight: 1.5, fillColor: c,
            fillOpacity: 1, className: "tda-event tda-precise" }
        : { renderer: pointRenderer, radius: 8, color: c, weight: 3.5, dashArray: "4 3",
            fill: true, fillOpacity: 0, className: "tda-event tda-imprecise" });
      f.shape.on("mouseover", function () { ringOf(f).addTo(map); });
      f.shape.on("mouseout", function () { if (selected !== f.id && f.ring) { f.ring.remove(); } });
    } else {
      f.shape = L.circleMarker([f.point[1], f.point[0]], { renderer: pointRenderer, radius: 4,
        color: "#333", weight: 1, fillColor: "#fff", fillOpacity: 1, className: "tda-place" });
      f.shape.bindTooltip(function () { return el("span", null, f.name); },
        { permanent: true, direction: "right", className: "tda-place-label" });
    }
    f.shape.on("add", function () {
      var path = f.shape.getElement && f.shape.getElement();
      if (path) { path.setAttribute("data-id", f.id); path.setAttribute("data-layer", f.layer); }
    });
    // Leaflet sets a string tooltip as HTML: give it an element, whose text is set as text
    if (f.layer !== "places") { f.shape.bindTooltip(function () { return el("span", null, f.name); }); }
    f.shape.on("click", function () { select(f.id, true); });
  });

  // -- time -----------------------------------------------------------------------------------
  var slider = $("tda-slider"), allBox = $("tda-all"), placesBox = $("tda-places");
  var first = data.span ? dayNumber(data.span[0]) : 0;
  var last = data.span ? dayNumber(data.span[1]) : 0;
  slider.min = String(first);
  slider.max = String(last);
  slider.value = String(first);
  var state = { all: true, day: data.span ? data.span[0] : null, places: false };

  function shownOn(f, day) {
    if (f.layer === "places") { return state.places; }
    if (day === null) { return true; }
    return (f.start === null || f.start <= day) && (f.end === null || f.end >= day);
  }
  var drawing = false;  // the features go on the map once it is framed (projected once)
  function draw() {
    features.forEach(function (f) {
      if (f.visible) {
        if (!map.hasLayer(f.shape)) { f.shape.addTo(map); }
      } else {
        f.shape.remove();
        if (f.ring) { f.ring.remove(); }
      }
    });
  }
  function update() {
    var day = state.all ? null : state.day;
    var events = new Map(), presence = 0, undated = 0;
    features.forEach(function (f) {
      f.visible = shownOn(f, day);
      if (f.visible && f.layer === "events") { events.set(f.id, f); }
      if (f.visible && f.layer === "presence") { presence += 1; }
      if (f.layer === "presence" && f.start === null && f.end === null) {
        // no period from the sources: on a chosen day it is drawn, but dashed and faint,
        // so that a presence told in 2023 does not read as one in 2005
        if (day !== null) { undated += 1; }
        f.shape.setStyle(day === null ? { dashArray: null, opacity: 1, fillOpacity: 0.25 }
          : { dashArray: "5 4", opacity: 0.6, fillOpacity: 0.06 });
      }
    });
    if (drawing) { draw(); }
    $("tda-day").textContent = state.all ? "All dates" : dayWords(state.day);
    slider.setAttribute("aria-valuetext", state.all ? "All dates" : dayWords(state.day));
    var ids = Array.from(events.keys()).sort(function (a, b) {
      var x = events.get(a), y = events.get(b);
      var kx = (x.start || x.end) + a, ky = (y.start || y.end) + b;
      return kx < ky ? -1 : kx > ky ? 1 : 0;
    });
    var n = ids.length;
    $("tda-count").textContent = n + (n === 1 ? " event" : " events") + " and " + presence +
      (presence === 1 ? " presence area" : " presence areas") + " shown" +
      (state.all ? ", all dates" : " on " + dayWords(state.day) + (undated ?
        " (" + undated + " undated by the sources, drawn dashed on every day)" : ""));
    listed = ids.map(function (id) { return events.get(id); });
    $("tda-list").textContent = "";
    listMore(LIST_PAGE);
    app.setAttribute("data-visible", String(n));
    app.setAttribute("data-presence", String(presence));
    if (selected !== null && !recordsOf(selected).some(function (f) { return f.visible; })) {
      close();
    }
  }
  // The list holds the events shown, LIST_PAGE at a time (a long list is a button away)
  var LIST_PAGE = 500, listed = [], more = $("tda-more");
  function listMore(count) {
    var list = $("tda-list"), from = list.children.length;
    listed.slice(from, from + count).forEach(function (f) {
      var li = el("li"), button = el("button", null, f.name);
      button.type = "button";
      button.setAttribute("data-id", f.id);
      button.addEventListener("click", function () { select(f.id, true); });
      li.appendChild(button);
      var claim = f.status && f.status !== "reported" ? f.status + ", " : "";  // as the label
      li.appendChild(el("span", "tda-when",
        " \u2014 " + claim + f.date + ", " + f.places.join("; ")));
      list.appendChild(li);
    });
    var left = listed.length - list.children.length;
    more.hidden = left <= 0;
    more.textContent = "Show " + Math.min(left, LIST_PAGE) + " more of " + left;
  }
  more.addEventListener("click", function () { listMore(LIST_PAGE); });
  function setDay(iso) {
    state.all = false;
    allBox.checked = false;
    state.day = iso;
    slider.value = String(dayNumber(iso));
    update();
  }
  slider.addEventListener("input", function () {
    state.all = false;
    allBox.checked = false;
    state.day = isoDay(Number(slider.value));
    update();
  });
  allBox.addEventListener("change", function () { state.all = allBox.checked; stop(); update(); });
  placesBox.addEventListener("change", function () { state.places = placesBox.checked; update(); });

  var timer = null, play = $("tda-play");
  function stop() {
    if (timer !== null) { clearInterval(timer); timer = null; }
    play.textContent = "Play";
    play.setAttribute("aria-pressed", "false");
  }
  play.addEventListener("click", function () {
    if (timer !== null) { stop(); return; }
    var step = Math.max(1, Math.round((last - first) / 120));
    var now = state.all || Number(slider.value) >= last ? first : Number(slider.value);
    setDay(isoDay(now));
    play.textContent = "Pause";
    play.setAttribute("aria-pressed", "true");
    timer = setInterval(function () {
      now = Math.min(last, now + step);
      setDay(isoDay(now));
      if (now >= last) { stop(); }
    }, 250);
  });
  if (!data.span) { slider.disabled = true; play.disabled = true; }

  // -- legend ---------------------------------------------------------------------------------
  var legend = $("tda-legend");
  function legendItem(swatch, words) {
    var item = el("span");
    item.appendChild(swatch);
    item.appendChild(document.createTextNode(words));
    legend.appendChild(item);
  }
  legend.appendChild(el("strong", null, "Events:"));
  groupColours.forEach(function (colour, g) {
    var s = el("span", "tda-swatch tda-dot");
    s.style.background = colour;
    legendItem(s, g);
  });
  legendItem(el("span", "tda-swatch tda-ring"), "place known only roughly (select it to see the area)");
  legend.appendChild(el("strong", null, "Presence:"));
  statusColours.forEach(function (colour, st) {
    var s = el("span", "tda-swatch");
    s.style.background = colour + "59";  // 35%: an area (25%) and a little overlap
    s.style.borderColor = colour;
    s.style.borderWidth = "2px";
    legendItem(s, st);
  });
  legendItem(el("span", "tda-swatch tda-undated"), "dashed on a chosen day: undated");

  // -- selection and the panel ---------------------------------------------------------------
  var panel = $("tda-panel"), selected = null, returnFocus = null;
  function citation(c) {
    var fig = el("figure"), quote = el("blockquote", null, "\u201c" + c.quote + "\u201d");
    var cap = el("figcaption");
    cap.appendChild(document.createTextNode("\u2014 " + (c.publisher ? c.publisher + ", " : "")));
    var title;
    if (c.url && /^https?:\/\//.test(c.url)) {
      title = el("a", null, c.title);
      title.href = c.url;
      title.target = "_blank";
      title.rel = "noopener noreferrer";
    } else {
      title = el("cite", null, c.title);
    }
    cap.appendChild(title);
    if (c.published) { cap.appendChild(el("span", null, " (" + c.published + ")")); }
    if (c.attribution) { fig.appendChild(el("p", "tda-attribution", c.attribution + ":")); }
    fig.appendChild(quote);
    fig.appendChild(cap);
    if (c.note) { fig.appendChild(el("p", "tda-meta", "Note on this citation: " + c.note)); }
    return fig;
  }
  function fill(f, all) {
    panel.textContent = "";
    var close_ = el("button", "tda-button tda-close", "Close");
    close_.type = "button";
    close_.setAttribute("aria-label", "Close the panel");
    close_.addEventListener("click", close);
    panel.appendChild(close_);
    panel.appendChild(el("h2", null, f.layer === "presence" ? "Presence in " + f.name : f.name));
    if (f.date) {
      panel.appendChild(el("p", "tda-date", f.date));
      panel.appendChild(el("p", "tda-how", "Date: " + f.date_how + "."));
    } else if (f.layer === "presence") {
      panel.appendChild(el("p", "tda-how", "The sources give no dates."));
    }
    if (f.status_words) {
      var words = f.status_words.charAt(0).toUpperCase() + f.status_words.slice(1);
      panel.appendChild(el("p", "tda-status", words + (f.category ? " \u00b7 " + f.category : "")));
    }
    if (f.summary) { panel.appendChild(el("p", null, f.summary)); }
    (f.corrections || []).forEach(function (c) { panel.appendChild(el("p", "tda-correction", c)); });
    if (f.activities) { panel.appendChild(el("p", "tda-meta", "Activities: " + f.activities + ".")); }
    all.forEach(function (g) {
      panel.appendChild(el("p", "tda-meta", "Where: " + g.place + " (" + g.precision_words + ")."));
    });
    if (f.actors && f.actors.length) {
      panel.appendChild(el("p", "tda-meta", "Actors: " + f.actors.join("; ") + "."));
    }
    if (f.note) { panel.appendChild(el("p", "tda-meta", "Note: " + f.note)); }
    panel.appendChild(el("h3", null, f.citations.length === 1 ? "Source" : "Sources"));
    f.citations.forEach(function (c) { panel.appendChild(citation(c)); });
  }
  function mark(f, on) {  // SVG: a class (a thicker stroke, a dark halo); canvas: the stroke
    var path = f.shape.getElement && f.shape.getElement();
    if (path) {
      L.DomUtil[on ? "addClass" : "removeClass"](path, "tda-selected");
    } else {
      f.weight = f.weight || f.shape.options.weight;
      f.shape.setStyle({ weight: on ? f.weight + 3 : f.weight });
    }
    if (on && f.shape.bringToFront && map.hasLayer(f.shape)) { f.shape.bringToFront(); }
  }
  function clearHighlight() {
    if (selected === null) { return; }
    recordsOf(selected).forEach(function (f) {
      mark(f, false);
      if (f.ring) { f.ring.remove(); }
    });
  }
  function close() {
    clearHighlight();
    selected = null;
    panel.hidden = true;
    panel.textContent = "";
    app.removeAttribute("data-selected");
    map.invalidateSize();
    if (returnFocus && document.body.contains(returnFocus)) { returnFocus.focus(); }
    returnFocus = null;
  }
  function highlight(id) {
    clearHighlight();
    selected = id;
    var all = recordsOf(id);
    all.forEach(function (f) {
      if (f.layer === "events") { ringOf(f).addTo(map); }
      mark(f, true);
    });
    app.setAttribute("data-selected", id);
    return all;
  }
  function frame(id) {
    var all = recordsOf(id).filter(function (f) { return f.layer !== "places"; });
    if (!all.length) { return false; }
    var bounds = L.latLngBounds([]);
    all.forEach(function (f) {
      var area = f.layer === "events" ? ringOf(f) : f.shape;
      if (!map.hasLayer(area)) { area.addTo(map); }
      bounds.extend(area.getBounds());
    });
    highlight(id);
    view = { frame: bounds };
    fitView();
    app.setAttribute("data-framed", id);
    return true;
  }
  function select(id, fromUser) {
    var all = recordsOf(id).filter(function (f) { return f.layer !== "places"; });
    if (!all.length) { return; }
    if (story) {
      highlight(id);
      if (fromUser && api.onselect) { api.onselect(id); }
      return;
    }
    highlight(id);
    fill(all[0], all);
    panel.hidden = false;
    map.invalidateSize();
    if (fromUser) {
      if (document.activeElement && document.activeElement !== panel &&
          !panel.contains(document.activeElement)) { returnFocus = document.activeElement; }
      panel.focus();
    }
  }
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && selected !== null && !story) { close(); }
  });

  // -- the view: all the data, or one record, framed again whenever the map is resized -------
  // (an article's iframe is often sized after the page has run); the reader's own moves stay
  var everything = L.latLngBounds([]);
  features.forEach(function (f) {
    if (f.layer === "places") { return; }
    if (f.layer === "presence" && f.area) {
      everything.extend(boundsOf(f.area));
    } else if (f.layer === "presence" && f.radius) {
      var dLat = f.radius / 111320, dLon = dLat / Math.max(0.01, Math.cos(f.point[1] * Math.PI / 180));
      everything.extend([[f.point[1] - dLat, f.point[0] - dLon], [f.point[1] + dLat, f.point[0] + dLon]]);
    } else {
      everything.extend([f.point[1], f.point[0]]);
    }
  });
  var view = { frame: everything.isValid() ? everything : null }, size = null;
  function fitView() {
    var box = map.getContainer();
    map.invalidateSize({ animate: false, pan: false });  // Leaflet keeps the size it last read
    size = box.clientWidth + "x" + box.clientHeight;
    app.setAttribute("data-size", size);
    if (view.frame === null) {
      map.setView([15, -75], 3, { animate: false });
    } else if (view.frame) {
      var padding = view.frame === everything ? [10, 10] : [24, 24];
      map.fitBounds(view.frame, { padding: padding, maxZoom: view.frame === everything ? 6 : 7,
        animate: false });
    }
  }
  function showAll() { view = { frame: everything.isValid() ? everything : null }; fitView(); }
  ["pointerdown", "wheel", "keydown"].forEach(function (type) {
    $("tda-map").addEventListener(type, function () { view = { frame: false }; });
  });
  new ResizeObserver(function () {
    var box = map.getContainer();
    if (box.clientWidth + "x" + box.clientHeight !== size) { fitView(); }
  }).observe(map.getContainer());

  // -- start ----------------------------------------------------------------------------------
  update();  // first: the list it fills takes room from the map
  fitView();
  drawing = true;
  draw();
  var api = { map: map, features: features, setDay: setDay, update: update, select: select,
    frame: frame, close: close, showAll: showAll, bounds: everything, onselect: null };
  window.tdaMap = api;
  // the address is data: #date= a day of the span, #select= the id of a record shown
  var hash = new URLSearchParams(location.hash.replace(/^#/, ""));
  var day = hash.get("date") || "", n = dayNumber(day);
  if (!story && /^\d{4}-\d{2}-\d{2}$/.test(day) && n >= first && n <= last &&
      isoDay(n) === day) { setDay(day); }
  var chosen = hash.get("select");
  if (!story && chosen !== null && byId.has(chosen)) { frame(chosen); select(chosen, false); }
  app.setAttribute("data-state", "ready");
})();
