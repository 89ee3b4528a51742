function TdlVideo(runtime, element) {
  var X = window.TdlXBlock;
  var state = JSON.parse(element.querySelector("script.tdl-state").textContent);
  var video = element.querySelector("video");
  var answered = {};
  state.answered.forEach(function (id) { answered[id] = true; });
  function show(id) {
    var box = element.querySelector('[data-question="' + id + '"]');
    if (box) box.hidden = false;
  }
  element.querySelectorAll("form.tdl-video-question").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var id = form.getAttribute("data-question");
      var chosen = form.querySelector("input:checked");
      if (!chosen) return;
      X.call(runtime, element, "answer", { question: id, choice: chosen.value }).then(function (r) {
        var box = form.querySelector(".tdl-feedback");
        box.textContent = r.error || (r.verdict + " " + r.feedback);
        if (!r.error) answered[id] = true;
        if (r.complete) X.markComplete(element);
        if (video && video.paused && !r.error) video.play();
      });
    });
  });
  if (video) {
    var last = 0;
    video.addEventListener("timeupdate", function () {
      state.questions.forEach(function (q) {
        if (!answered[q.id] && video.currentTime >= q.at && video.currentTime - q.at < 1.5) {
          video.pause();
          show(q.id);
        }
      });
      if (video.currentTime - last >= 10 || video.ended) {
        last = video.currentTime;
        X.call(runtime, element, "progress", { position: video.currentTime, duration: video.duration })
          .then(function (r) { if (r.complete) X.markComplete(element); });
      }
    });
    video.addEventListener("ended", function () {
      X.call(runtime, element, "progress", { position: video.duration, duration: video.duration })
        .then(function (r) { if (r.complete) X.markComplete(element); });
    });
  } else {
    var read = element.querySelector("[data-action=read]");
    if (read) read.addEventListener("click", function () {
      state.questions.forEach(function (q) { show(q.id); });
      X.call(runtime, element, "read_transcript", {}).then(function (r) {
        read.hidden = true;
        if (r.complete) X.markComplete(element);
      });
    });
  }
}
