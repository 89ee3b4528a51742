function TdlQuiz(runtime, element) {
  var X = window.TdlXBlock;
  var form = element.querySelector("form.tdl-quiz");
  if (!form || form.dataset.bound) return;
  form.dataset.bound = "1";
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var answers = {};
    form.querySelectorAll("fieldset[data-question]").forEach(function (fieldset) {
      var id = fieldset.getAttribute("data-question");
      answers[id] = Array.prototype.map.call(
        fieldset.querySelectorAll("input:checked"), function (input) { return input.value; });
    });
    X.call(runtime, element, "submit", { answers: answers }).then(function (result) {
      if (result.error) { X.say(element, ".tdl-message", result.error, true); return; }
      Object.keys(result.results).forEach(function (id) {
        var fieldset = form.querySelector('fieldset[data-question="' + id + '"]');
        var box = fieldset.querySelector(".tdl-feedback");
        var r = result.results[id];
        fieldset.classList.toggle("correct", r.correct);
        fieldset.classList.toggle("incorrect", !r.correct);
        box.textContent = "";
        var verdict = document.createElement("strong");
        verdict.textContent = r.verdict + " ";
        box.appendChild(verdict);
        r.feedback.forEach(function (text) {
          var p = document.createElement("span");
          p.textContent = text + " ";
          box.appendChild(p);
        });
      });
      X.say(element, ".tdl-message", result.summary, false);
      if (result.passed) X.markComplete(element);
    }).catch(function (error) { X.say(element, ".tdl-message", String(error), true); });
  });
}
