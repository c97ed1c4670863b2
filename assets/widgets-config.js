// The ipywidgets embed manager loads its icon fonts from the folder its module seems to live in;
// by default that is the page's own folder. Point the module at this site's vendor folder instead.
(function () {
  var here = new URL(".", document.currentScript.src).href;
  require.config({ paths: { "@jupyter-widgets/html-manager/dist": here + "html-manager" } });
})();
