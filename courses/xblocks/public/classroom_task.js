function TdlClassroomTask(runtime, element) {
  var X = window.TdlXBlock;
  var button = element.querySelector("[data-action=start]");
  if (!button) return;
  button.addEventListener("click", function () {
    var plan = element.querySelector("textarea").value;
    X.call(runtime, element, "start", { plan: plan }).then(function (r) {
      if (r.error) { X.say(element, ".tdl-message", r.error, true); return; }
      X.markComplete(element);
      var link = element.querySelector("a.tdl-task-link");
      if (link && r.url) { link.href = r.url; link.hidden = false; }
    }).catch(function (error) { X.say(element, ".tdl-message", String(error), true); });
  });
}
