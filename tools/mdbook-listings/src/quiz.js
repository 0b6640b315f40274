// Answers the book's quizzes in the page: no outside service, nothing stored or sent.
(function () {
  "use strict";
  function words(text) {
    return text.trim().split(/\s+/).join(" ");
  }
  // (No dollar signs here: the page's math renderer would take them for formulas.)
  function number(text) {
    var t = text.trim().replace(/\u2212/g, "-").replace(/%/g, "").trim();
    var m = t.match(/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/);
    return m && m[0].length === t.length ? parseFloat(t) : NaN;
  }
  function setUp(quiz) {
    var feedback = quiz.querySelector(".quiz-feedback");
    var reveal = quiz.querySelector(".quiz-answer");
    function say(right, wrongText) {
      feedback.textContent = right ? "Right." : wrongText;
      feedback.className = "quiz-feedback " + (right ? "quiz-right" : "quiz-wrong");
      if (right) {
        reveal.open = true;
      }
    }
    var answer = quiz.getAttribute("data-answer");
    quiz.querySelectorAll("input[type=radio]").forEach(function (radio) {
      radio.addEventListener("change", function () {
        say(radio.value === answer, "Not this one; try another.");
      });
    });
    var input = quiz.querySelector(".quiz-input");
    var button = quiz.querySelector(".quiz-check");
    if (!input || !button) {
      return;
    }
    function check() {
      if (quiz.getAttribute("data-kind") === "number") {
        var typed = number(input.value);
        if (isNaN(typed)) {
          say(false, "Type a number, such as 0.25.");
          return;
        }
        var tolerance = parseFloat(quiz.getAttribute("data-tolerance"));
        say(Math.abs(typed - parseFloat(answer)) <= tolerance * (1 + 1e-9),
          "Not quite; try again.");
      } else {
        say(words(input.value) === words(answer), "Not what it prints; try again.");
      }
    }
    button.addEventListener("click", check);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        check();
      }
    });
  }
  function start() {
    document.querySelectorAll(".quiz").forEach(setUp);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
