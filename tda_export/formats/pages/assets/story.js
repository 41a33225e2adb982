/* tda-export story: TimelineJS and the map, linked both ways. */
(function () {
  "use strict";
  var container = document.getElementById("timeline");
  if (!window.TL || !window.tdaMap) {
    container.textContent = "TimelineJS or Leaflet could not be loaded.";
    return;
  }
  var scriptPath = new URL(container.getAttribute("data-script-path"), document.baseURI).href;
  var app = document.getElementById("tda-app");
  var ourId = function (id) { return id; }, theirId = ourId;
  var timeline = window.timeline = tdaTimeline(scriptPath, function (tl, ours, theirs) {
    ourId = ours;
    theirId = theirs;
    container.setAttribute("data-state", "ready");
    var current = timeline.getCurrentSlide && timeline.getCurrentSlide();
    show(current && current.data ? current.data.unique_id : null);
  });
  function show(id) {  // an event's places, or all the data (the title slide)
    if (id === null || !window.tdaMap.frame(ourId(id))) {
      window.tdaMap.close();
      window.tdaMap.showAll();
      app.removeAttribute("data-framed");
    }
  }
  timeline.on("change", function (e) { show(e.unique_id); });
  window.tdaMap.onselect = function (id) { timeline.goToId(theirId(id)); };
})();
