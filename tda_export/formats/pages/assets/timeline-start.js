/* tda-export: starts TimelineJS on the page's data (timeline.html, story.html).
   Slide ids are data: a link's #event-<id> opens a slide only when it names one, and
   TimelineJS's own ids are translated both ways (it renames a slide whose id is a name
   every object has, such as "constructor", to "constructor-1"). */
function tdaTimeline(scriptPath, onReady) {
  "use strict";
  // No web font (nothing fetched from elsewhere); each slide at #event-<id> (a link to one
  // event opens it); lower markers, so more rows of them fit where events crowd together.
  var options = {script_path: scriptPath, font: null, hash_bookmark: true,
                 marker_height_min: 24, marker_padding: 3};
  var data = JSON.parse(document.getElementById("timeline-data").textContent);
  var ours = data.events.map(function (slide) { return slide.unique_id; });
  var known = new Set(ours);
  if (data.title) { known.add(data.title.unique_id); }
  var toOurs = new Map(), toTheirs = new Map();
  function ourId(id) { return toOurs.has(id) ? toOurs.get(id) : id; }
  function theirId(id) { return toTheirs.has(id) ? toTheirs.get(id) : id; }
  function hashId() {
    var m = /^#event-(.+)$/.exec(location.hash);
    return m ? m[1] : null;
  }
  function mendLink() {  // before TimelineJS reads the address: only our slides, by its ids
    var id = hashId();
    if (location.hash && (id === null || !known.has(id))) {
      history.replaceState(null, "", location.pathname + location.search);
    } else if (id !== null && theirId(id) !== id) {
      history.replaceState(null, "", "#event-" + theirId(id));
    }
  }
  function showOurs() {  // the address names our id, whatever TimelineJS wrote there
    var id = hashId();
    if (id !== null && ourId(id) !== id) { history.replaceState(null, "", "#event-" + ourId(id)); }
  }
  var wanted = hashId();
  mendLink();
  window.addEventListener("hashchange", mendLink);  // runs before TimelineJS's own listener
  var timeline = new TL.Timeline("timeline", data, options);
  timeline.on("hash_updated", showOurs);
  timeline.on("change", showOurs);  // goToId (a link followed) leaves its id in the address
  timeline.on("ready", function () {
    data.events.forEach(function (slide, i) {  // TimelineJS has set its ids on our slides
      toOurs.set(slide.unique_id, ours[i]);
      toTheirs.set(ours[i], slide.unique_id);
    });
    tdaLabelMarkers(data);
    if (wanted !== null && known.has(wanted) && theirId(wanted) !== wanted) {
      timeline.goToId(theirId(wanted));
    }
    showOurs();
    onReady(timeline, ourId, theirId);
  });
  return timeline;
}
function tdaLabelMarkers(data) {
  "use strict";
  data.events.forEach(function (slide) {
    var marker = document.getElementById(slide.unique_id + "-marker");
    var headline = marker && marker.querySelector(".tl-headline");
    if (headline && slide.label) {
      headline.textContent = slide.label;
    }
  });
}
