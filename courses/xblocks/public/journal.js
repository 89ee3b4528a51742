function TdlJournal(runtime, element) {
  var X = window.TdlXBlock;
  var text = element.querySelector("textarea");
  function save(submit) {
    X.call(runtime, element, "save_entry", { entry: text.value, submit: submit }).then(function (r) {
      if (r.error) { X.say(element, ".tdl-message", r.error, true); return; }
      X.say(element, ".tdl-message", r.message, false);
      if (r.complete) X.markComplete(element);
      var share = element.querySelector(".tdl-share");
      if (share && r.submitted) share.hidden = false;
    }).catch(function (error) { X.say(element, ".tdl-message", String(error), true); });
  }
  var draft = element.querySelector("[data-action=draft]");
  var submit = element.querySelector("[data-action=submit]");
  if (draft) draft.addEventListener("click", function () { save(false); });
  if (submit) submit.addEventListener("click", function () { save(true); });
  var select = element.querySelector("select[name=mentor]");
  var shareButton = element.querySelector("[data-action=share]");
  if (select && shareButton) shareButton.addEventListener("click", function () {
    X.call(runtime, element, "share", { mentor: select.value }).then(function (r) {
      X.say(element, ".tdl-share-message", r.error || r.message, !!r.error);
    });
  });
}
