// The book site's own behaviour, loaded deferred on every page (see _ext/book_site.py).
// 1. Wide equations, tables and code scroll inside their box: overflowing boxes become
//    keyboard-focusable (so they can be scrolled without a mouse) and get a scroll cue (CSS).
// 2. Figures shrunk by a narrow window open at full size in a dialog when clicked.
// 3. The "skip to the first demo" link moves the keyboard focus onto the demo's control.
// 4. Live code (Thebe) is served by the site: its stylesheet and the scripts it fetches come
//    from vendor/, and every code cell keeps a copy button after Thebe takes it over.
(function () {
  "use strict";
  var root = new URL(document.documentElement.dataset.content_root || "./", location.href).href;
  var each = function (selector, fn) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), fn);
  };

  // 1. Scroll boxes ---------------------------------------------------------------------------
  function wrapTables() {
    each(".bd-article table", function (table) {
      if (table.closest(".pst-scrollable-table-container, .nnkit-scroll, .nnkit-kernel-widget")) { return; }
      var box = document.createElement("div");
      box.className = "nnkit-scroll";
      table.parentNode.insertBefore(box, table);
      box.appendChild(table);
    });
  }
  function markOverflow() {
    each(".bd-article div.math, .bd-article .nnkit-scroll, .bd-article .pst-scrollable-table-container, " +
         ".bd-article div.highlight pre", function (box) {
      var overflows = box.scrollWidth > box.clientWidth + 1;
      box.classList.toggle("nnkit-overflows", overflows);
      if (overflows && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("data-nnkit-tabindex", "");
      } else if (!overflows && box.hasAttribute("data-nnkit-tabindex")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("data-nnkit-tabindex");
      }
    });
  }

  // 2. Click to enlarge -----------------------------------------------------------------------
  var lightbox = null;
  function openLightbox(img) {
    if (!lightbox) {
      lightbox = document.createElement("dialog");
      lightbox.className = "nnkit-lightbox";
      lightbox.setAttribute("aria-label", "Enlarged figure");
      lightbox.innerHTML = '<button type="button" class="nnkit-lightbox__close">Close</button>' +
                           '<div class="nnkit-lightbox__view"></div>';
      lightbox.querySelector("button").addEventListener("click", function () { lightbox.close(); });
      lightbox.addEventListener("click", function (event) {
        if (event.target === lightbox) { lightbox.close(); }
      });
      document.body.appendChild(lightbox);
    }
    var view = lightbox.querySelector(".nnkit-lightbox__view");
    var big = document.createElement("img");
    big.src = img.currentSrc || img.src;
    big.alt = img.alt;
    view.replaceChildren(big);
    lightbox.showModal();
  }
  function offerEnlarge(img) {
    if (img.closest("a, button, .nnkit-demo") || img.getAttribute("data-nnkit-enlarge")) { return; }
    if (!(img.naturalWidth > img.clientWidth * 1.25 && img.clientWidth > 0)) { return; }
    img.setAttribute("data-nnkit-enlarge", "true");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "nnkit-enlarge";
    img.parentNode.insertBefore(button, img);
    button.appendChild(img);
    var hint = document.createElement("span");
    hint.className = "nnkit-enlarge__hint";
    hint.textContent = "Enlarge";
    button.appendChild(hint);
    button.addEventListener("click", function () { openLightbox(img); });
  }
  function watchImages() {
    each(".bd-article img", function (img) {
      if (img.complete) {
        offerEnlarge(img);
      } else {
        img.addEventListener("load", function () { offerEnlarge(img); });
      }
    });
  }

  // 3. Skip link to the first demo ------------------------------------------------------------
  function skipToDemo() {
    each(".nnkit-skip-demo a", function (link) {
      link.addEventListener("click", function (event) {
        var demo = document.getElementById(link.getAttribute("href").slice(1));
        var control = demo && demo.querySelector("input:not([disabled]), select:not([disabled]), button:not([disabled])");
        if (control) {
          event.preventDefault();
          demo.scrollIntoView({ block: "start" });
          control.focus();
        }
      });
    });
  }

  // 4. Thebe from the site --------------------------------------------------------------------
  var thebeReady = false;
  function prepareThebe() {
    if (thebeReady) { return; }
    thebeReady = true;
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = root + "vendor/thebe/thebe.css";
    document.head.appendChild(css);
    var config = document.createElement("script");
    config.type = "text/x-thebe-config";
    config.textContent = JSON.stringify({ mathjaxUrl: root + "vendor/thebe/mathjax-bridge.js" });
    document.head.appendChild(config);
    // Thebe fetches RequireJS from a CDN when an output needs it: give it the site's copy.
    var fetchOriginal = window.fetch;
    window.fetch = function (input, init) {
      var url = typeof input === "string" ? input : (input && input.url) || "";
      if (/\/require(\.min)?\.js$/.test(url) && url.indexOf(location.host) < 0) {
        input = root + "vendor/require.js";
      }
      return fetchOriginal.call(this, input, init);
    };
    new MutationObserver(addThebeCopyButtons).observe(document.body, { childList: true, subtree: true });
  }
  function addThebeCopyButtons() {
    each(".thebe-cell", function (cell) {
      if (cell.querySelector(".nnkit-thebe-copy")) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copybtn o-tooltip--left nnkit-thebe-copy";
      button.setAttribute("aria-label", "Copy this cell's code");
      button.setAttribute("data-tooltip", "Copy");
      button.textContent = "Copy";
      button.addEventListener("click", function () {
        var editor = cell.querySelector(".CodeMirror");
        var text = editor && editor.CodeMirror ? editor.CodeMirror.getValue()
          : (cell.querySelector(".thebe-input, pre") || cell).innerText;
        var done = function () {
          button.setAttribute("data-tooltip", "Copied!");
          button.textContent = "Copied";
          setTimeout(function () { button.setAttribute("data-tooltip", "Copy"); button.textContent = "Copy"; }, 2000);
        };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(done, done);
        } else {
          done();
        }
      });
      cell.insertBefore(button, cell.firstChild);
    });
  }
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest(".btn-launch-thebe, .thebe-launch-button")) { prepareThebe(); }
  }, true);

  // -------------------------------------------------------------------------------------------
  function start() {
    wrapTables();
    markOverflow();
    watchImages();
    skipToDemo();
    var resized = null;
    window.addEventListener("resize", function () {
      clearTimeout(resized);
      resized = setTimeout(function () { markOverflow(); watchImages(); }, 150);
    });
    // Equations change size once MathJax has typeset them (it loads after the first paint).
    document.addEventListener("nnkit:math", markOverflow);
    if (window.MathJax && window.MathJax.startup && window.MathJax.startup.promise) {
      window.MathJax.startup.promise.then(markOverflow);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
