// Site-side glue for the ipywidgets embed manager (loaded after RequireJS, before the manager).
(function () {
  // 1. The manager and the widget modules load their icon fonts from the folder their module
  //    seems to live in; by default that is the page's own folder. Point every module at this
  //    site's vendor folder instead (they are all defined inside embed-amd.js: nothing is fetched).
  var here = new URL(".", document.currentScript.src).href;
  require.config({ paths: {
    "@jupyter-widgets/html-manager/dist": here + "html-manager",
    "@jupyter-widgets/html-manager": here + "html-manager/html-manager",
    "@jupyter-widgets/base": here + "html-manager/base",
    "@jupyter-widgets/controls": here + "html-manager/controls",
    "@jupyter-widgets/output": here + "html-manager/output"
  } });

  // 2. The manager typesets widget labels with MathJax 2's `MathJax.Hub.Queue`, but the site
  //    runs MathJax 3, which has no Hub (a console error on every page with math and widgets).
  //    Give whichever object is `window.MathJax` a Hub whose Queue calls MathJax 3's typesetter;
  //    before MathJax 3 has loaded it does nothing (MathJax typesets the whole page on load).
  function addHub(mathjax) {
    if (mathjax && typeof mathjax === "object" && !mathjax.Hub) {
      mathjax.Hub = {
        Queue: function (command) {
          var element = command && command[2];
          var mj = window.MathJax;
          if (mj && mj.typesetPromise && element) { mj.typesetPromise([element]).catch(function () {}); }
        }
      };
    }
    return mathjax;
  }
  var current = addHub(window.MathJax);
  Object.defineProperty(window, "MathJax", {
    configurable: true,
    get: function () { return current; },
    set: function (value) { current = addHub(value); }  // MathJax 3 replaces the object on load
  });
})();
