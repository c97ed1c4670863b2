// Thebe typesets the math in live outputs with a MathJax 2 typesetter, which loads this file (the
// site points Thebe's mathjaxUrl here, see _ext/static/nnkit-site.js) and then calls MathJax.Hub.
// The site runs MathJax 3 on pages with math; forward each typeset request to it.
(function () {
  "use strict";
  var mj = window.MathJax = window.MathJax || {};
  if (mj.Hub) { return; }
  mj.Hub = {
    Config: function () {},
    Configured: function () {},
    Queue: function (command) {
      var element = command && command[2];
      var current = window.MathJax;
      if (element && current && current.typesetPromise) { current.typesetPromise([element]).catch(function () {}); }
    }
  };
})();
