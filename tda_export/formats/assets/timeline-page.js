(function () {
  "use strict";
  var container = document.getElementById("timeline");
  if (!window.TL) {
    container.textContent = "TimelineJS could not be loaded from " +
      container.getAttribute("data-script-path") + ".";
    return;
  }
  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  var scriptPath = new URL(container.getAttribute("data-script-path"), document.baseURI).href;
  window.timeline = new TL.Timeline("timeline", data, TIMELINE_OPTIONS);
  window.timeline.on("ready", function () {
    tdaLabelMarkers(data);
    container.setAttribute("data-state", "ready");
  });
})();
