(function () {
  "use strict";
  var container = document.getElementById("timeline");
  if (!window.TL) {
    container.textContent = "TimelineJS could not be loaded from " +
      container.getAttribute("data-script-path") + ".";
    return;
  }
  var scriptPath = new URL(container.getAttribute("data-script-path"), document.baseURI).href;
  window.timeline = tdaTimeline(scriptPath, function () {
    container.setAttribute("data-state", "ready");
  });
})();
