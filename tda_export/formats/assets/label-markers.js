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
