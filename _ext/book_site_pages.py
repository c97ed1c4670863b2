"""What each built page carries: its pictures as files, its launch links, and only the scripts it uses.

Runs on Sphinx's ``html-page-context`` event, after the themes and myst-nb have filled the page's
context, and edits two things in it: the rendered article (``context["body"]``) and the list of
scripts (``context["script_files"]``).

Article:
- Every inline PNG (``data:image/png;base64,...``: the frames of ``nnbook.static`` demos, the
  still pictures of kernel-only widgets) becomes a file under ``_images/nnkit/`` named by its
  content hash, so a page's HTML stays small and a demo's frames are fetched when first shown.
- The per-demo copy of ``nnbook.static.SCRIPT`` is dropped; the page loads it once, deferred,
  as ``_static/nnkit-demo.js``.
- The launch links of kernel-only widgets (``data-nnkit-launch="binder"`` / ``"colab"``) get the
  page's own Binder and Colab addresses, taken from the theme's launch buttons; a page whose
  link cannot be filled fails the build.
- Content images load lazily and decode off the main thread.
- Accessibility repairs of markup the extensions write: code-cell toggles lose an aria-label that
  hid their visible words ("Show code cell source"); bibliography entries use the list-item role
  their list requires (docutils writes the deprecated ``doc-biblioentry``); the sidebar's
  expand buttons get a name ("Pages under <chapter>").

Scripts:
- the ipywidgets manager (RequireJS, its config, embed-amd.js) and the notebook's saved widget
  state only on pages that still render a live widget view (none do today: kernel-only widgets
  show their static rendering on the website);
- MathJax and its configuration only on pages with math, fetched after the first paint;
  sphinx-design's stylesheet only on pages that use its components;
- every other script with a source deferred (except ``documentation_options.js``, which inline
  scripts read at once), so nothing blocks the first paint;
- Thebe from the site's own copy (``vendor/thebe/``) rather than a CDN.
"""

import base64
import hashlib
import json
import posixpath
import re
from pathlib import Path

from sphinx.builders.html._assets import _JavaScript
from sphinx.errors import ExtensionError

IMAGES = "_images/nnkit"
DATA_PNG = re.compile(r"data:image/png;base64,([A-Za-z0-9+/=]+)")
DEMO_SCRIPT = re.compile(r'<script data-nnkit-demo-script="true">.*?</script>', re.S)
LAUNCH = re.compile(r'href="#launch-(binder|colab)" data-nnkit-launch="\1"')
CONTENT_IMG = re.compile(r"<img (?![^>]*\bloading=)")
DEMO_ID = re.compile(r'<div class="nnkit-demo" id="([\w-]+)"')
NAV_EXPANDER = re.compile(r'(<a [^>]*>([^<]*)</a>\s*<details[^>]*>\s*)<summary>')
REPAIRS = (('<summary aria-label="Toggle hidden content">', "<summary>"),
           ('role="doc-biblioentry"', 'role="listitem"'))
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_SCRIPTS = ("vendor/require.js", "vendor/widgets-config.js", "vendor/embed-amd.js")
THEBE_CDN = re.compile(r'const THEBE_JS_URL = "[^"]*"')
# MathJax (270 kB compressed) would share a slow line with the stylesheets the first paint waits
# for; start fetching it two frames after the page's first paint instead. "nnkit:math" tells the
# site's script that the equations are typeset (to measure which ones need a scroll box).
MATHJAX_AFTER_PAINT = """(function () {
  function load() {
    var script = document.createElement("script");
    script.src = URL;
    script.async = true;
    script.addEventListener("load", function () {
      window.MathJax.startup.promise.then(function () {
        document.dispatchEvent(new Event("nnkit:math"));
      });
    });
    document.head.appendChild(script);
  }
  function afterPaint() {
    requestAnimationFrame(function () { requestAnimationFrame(load); });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", afterPaint);
  } else {
    afterPaint();
  }
})();"""


def root_prefix(pagename: str) -> str:
    """The relative path from a page back to the site's root ("" or "../" per folder)."""
    return "../" * pagename.count("/")


def externalize_pngs(body: str, outdir: Path, prefix: str) -> str:
    """Write each inline PNG of ``body`` to ``_images/nnkit/<hash>.png`` and link it instead."""
    folder = outdir / IMAGES
    folder.mkdir(parents=True, exist_ok=True)

    def to_file(match):
        data = base64.b64decode(match.group(1))
        name = hashlib.sha256(data).hexdigest()[:20] + ".png"
        target = folder / name
        if not target.exists():
            target.write_bytes(data)
        return f"{prefix}{IMAGES}/{name}"

    return DATA_PNG.sub(to_file, body)


def launch_urls(header_buttons, theme_options) -> dict:
    """The page's Binder and Colab addresses, found among the theme's launch buttons."""
    hosts = {"binder": (theme_options.get("launch_buttons") or {}).get("binderhub_url", "https://mybinder.org"),
             "colab": (theme_options.get("launch_buttons") or {}).get("colab_url", "https://colab.research.google.com")}
    found = {}

    def walk(value):
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str):
            for kind, host in hosts.items():
                if host and value.startswith(host.rstrip("/") + "/") and value.endswith(".ipynb"):
                    found.setdefault(kind, value)

    walk(header_buttons)
    return found


def rewrite_body(app, pagename: str, context: dict) -> dict:
    """Edit the page's article in place; return what the page turned out to need."""
    body = context.get("body") or ""
    prefix = root_prefix(pagename)
    needs = {"demos": 'class="nnkit-demo"' in body,
             "math": 'class="math' in body,
             "widgets": WIDGET_VIEW in body,
             "design": 'class="sd-' in body or " sd-" in body}
    if "data:image/png;base64," in body:
        body = externalize_pngs(body, Path(app.outdir), prefix)
    body = DEMO_SCRIPT.sub("", body)
    if LAUNCH.search(body):
        urls = launch_urls(context.get("header_buttons", []), app.config.html_theme_options or {})

        def fill(match):
            kind = match.group(1)
            if kind not in urls:
                raise ExtensionError(f"{pagename}: a kernel-only widget needs the page's {kind} launch "
                                     f"address, but the theme made no {kind} launch button "
                                     f"(launch_buttons in _config.yml)")
            return f'href="{urls[kind]}" data-nnkit-launch="{kind}" target="_blank" rel="noopener"'

        body = LAUNCH.sub(fill, body)
    body = CONTENT_IMG.sub('<img loading="lazy" decoding="async" ', body)
    for old, new in REPAIRS:
        body = body.replace(old, new)
    context["body"] = body
    first = DEMO_ID.search(body)
    context["nnkit_first_demo"] = first.group(1) if first else ""
    return needs


def _is(script, *names) -> bool:
    return any(str(script.filename or "").endswith(name) for name in names)


def page_scripts(app, pagename: str, context: dict, needs: dict) -> None:
    """Keep the scripts this page needs, deferred; load Thebe from the site."""
    scripts = context.get("script_files")
    if scripts is None:
        return
    mathjax = app.config.mathjax_path
    kept = []
    for script in scripts:
        attrs = dict(script.attributes)
        body = attrs.get("body", "")
        if not needs["widgets"] and (_is(script, *WIDGET_SCRIPTS)
                                     or attrs.get("type") == "application/vnd.jupyter.widget-state+json"):
            continue
        if not needs["math"] and (_is(script, mathjax) or body.startswith("window.MathJax")):
            continue
        if _is(script, mathjax):  # fetched once the page has painted (see MATHJAX_AFTER_PAINT)
            url = root_prefix(pagename) + posixpath.normpath(str(script.filename)).split("?")[0]
            kept.append(_JavaScript(None, priority=script.priority,
                                    body=MATHJAX_AFTER_PAINT.replace("URL", json.dumps(url))))
            continue
        if not needs["design"] and _is(script, "design-tabs.js"):
            continue
        if "THEBE_JS_URL" in body:
            attrs["body"] = THEBE_CDN.sub(f'const THEBE_JS_URL = "{prefix_url(pagename)}"', body)
        if script.filename and not ({"defer", "async"} & set(attrs)) \
                and not _is(script, "documentation_options.js"):
            attrs["defer"] = "defer"
        kept.append(_JavaScript(script.filename, priority=script.priority, **attrs))
    if needs["demos"]:
        kept.append(_JavaScript("_static/nnkit-demo.js", defer="defer"))
    scripts[:] = kept
    css = context.get("css_files")
    if css is not None and not needs["design"]:  # sphinx-design's 55 kB, for pages that use it
        css[:] = [c for c in css if not str(c.filename or "").endswith("sphinx-design.min.css")]


def prefix_url(pagename: str) -> str:
    return f"{root_prefix(pagename)}vendor/thebe/index.js"


def name_nav_expanders(toctree):
    """Give each sidebar expand button (a <summary> holding only an icon) a name.

    pydata's ``generate_toctree_html`` returns a string or a BeautifulSoup tree; both are handled.
    """
    if isinstance(toctree, str):
        return NAV_EXPANDER.sub(lambda m: f'{m.group(1)}<summary aria-label="Pages under '
                                          f'{m.group(2).strip()}">', toctree)
    for summary in toctree.find_all("summary"):
        item = summary.find_parent("li")
        link = item.find("a") if item is not None else None
        if link is not None and not summary.get_text(strip=True) and not summary.get("aria-label"):
            summary["aria-label"] = f"Pages under {link.get_text(strip=True)}"
    return toctree


def on_page(app, pagename, templatename, context, doctree):
    if app.builder.format != "html":
        return
    needs = rewrite_body(app, pagename, context)
    page_scripts(app, pagename, context, needs)
    toctree = context.get("generate_toctree_html")
    if callable(toctree):
        context["generate_toctree_html"] = lambda *args, **kwargs: name_nav_expanders(toctree(*args, **kwargs))
