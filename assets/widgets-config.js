// Site-side glue for the ipywidgets embed manager (loaded after RequireJS, before the manager).
(function () {
  // 1. The manager loads its icon fonts from the folder its module seems to live in; by default
  //    that is the page's own folder. Point the module at this site's vendor folder instead.
  var here = new URL(".", document.currentScript.src).href;
  require.config({ paths: { "@jupyter-widgets/html-manager/dist": here + "html-manager" } });

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
