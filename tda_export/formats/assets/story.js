/* tda-export story: TimelineJS and the map, linked both ways. */
(function () {
  "use strict";
  var container = document.getElementById("timeline");
  if (!window.TL || !window.tdaMap) {
    container.textContent = "TimelineJS or Leaflet could not be loaded from the folders beside this page.";
    return;
  }
  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  var scriptPath = new URL(container.getAttribute("data-script-path"), document.baseURI).href;
  var timeline = window.timeline = new TL.Timeline("timeline", data, TIMELINE_OPTIONS);
  var app = document.getElementById("tda-app");
  timeline.on("change", function (e) {
    if (!window.tdaMap.frame(e.unique_id)) {
      window.tdaMap.close();
      app.removeAttribute("data-framed");
    }
  });
  window.tdaMap.onselect = function (id) { timeline.goToId(id); };
  timeline.on("ready", function () {
    tdaLabelMarkers(data);
    container.setAttribute("data-state", "ready");
    var current = timeline.getCurrentSlide && timeline.getCurrentSlide();
    if (current && current.data && current.data.unique_id) {
      window.tdaMap.frame(current.data.unique_id);
    }
  });
})();
