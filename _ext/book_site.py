"""Small Sphinx extension with the book's own adjustments to the generated pages.

- Templates (``_ext/templates/layout.html``): the theme's page without pydata's extra header bar
  (its hidden menu buttons were the ones both themes' scripts bound, so the visible ones did
  nothing), without the Font Awesome script and the search index on every page, and with a
  skip link to the page's first demo.
- Static files (``_ext/static``): the site's CSS and script (phones, scroll boxes with a cue,
  focus rings, dark mode for outputs and demos, click-to-enlarge figures, Thebe from the site).
- Each page keeps only the scripts it uses and its pictures as files (``book_site_pages``); the
  icons it uses come from a small generated stylesheet (``book_site_icons``).
- Each script is emitted once per page (sphinx-thebe registers its inline configuration again,
  and a second `const THEBE_JS_URL` is a console error).
- Exercise pages are built from the sources that hold the solutions, but their launch (Binder,
  Colab) and download buttons hand out the learner's workbook from `exercises/workbooks/` (in
  the Chinese edition, the Chinese workbook from `exercises/workbooks/zh/`).
- The repository URL is written once, in `_config.yml`; pages use it as `{{ repo_url }}`.
"""

import hashlib
import shutil
from pathlib import Path

import book_i18n
import book_site_icons
import book_site_pages
from sphinx.application import Sphinx

HERE = Path(__file__).resolve().parent

EXERCISES = "exercises/"
WORKBOOKS = "exercises/workbooks/"


def _dedupe_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        key = (str(script.filename or ""), script.attributes.get("body", ""))  # None and "" both mean inline
        if key in seen:
            continue
        seen.add(key)
        unique.append(script)
    scripts[:] = unique


def workbook_folder(config) -> str:
    """Where the workbooks of an edition are: the Chinese edition hands out the Chinese ones,
    in the folder the edition has on the site (exercises/workbooks/zh/)."""
    return WORKBOOKS + book_i18n.EDITIONS[book_i18n.edition(config)][0]


def _to_workbook(value, pagename, folder=WORKBOOKS):
    """Rewrite every link to an exercise source inside the header-button structure."""
    name = pagename.removeprefix(EXERCISES)
    if isinstance(value, str):
        return value.replace(f"{EXERCISES}{name}.ipynb", f"{folder}{name}.ipynb")
    if isinstance(value, list):
        return [_to_workbook(v, pagename, folder) for v in value]
    if isinstance(value, dict):
        return {k: _to_workbook(v, pagename, folder) for k, v in value.items()}
    return value


def _workbook_buttons(app, pagename, templatename, context, doctree):
    if not pagename.startswith(EXERCISES) or pagename.startswith(WORKBOOKS):
        return
    if "header_buttons" in context:
        context["header_buttons"] = _to_workbook(context["header_buttons"], pagename,
                                                 workbook_folder(app.config))


def _copy_workbooks(app, exception):
    """Put the workbooks where the rewritten download buttons point (`_sources/...`)."""
    if exception is not None or app.builder.format != "html":
        return
    folder = workbook_folder(app.config)
    source = Path(app.srcdir) / folder
    if not source.is_dir():
        return
    target = Path(app.outdir) / "_sources" / folder
    target.mkdir(parents=True, exist_ok=True)
    for workbook in source.glob("*.ipynb"):
        shutil.copyfile(workbook, target / workbook.name)


def _repository_substitution(app, config):
    """Offer `_config.yml`'s repository URL to the pages as the substitution {{ repo_url }}."""
    url = (config.html_theme_options or {}).get("repository_url")
    if url:
        config.myst_substitutions = {**(config.myst_substitutions or {}), "repo_url": url}


def _site_files(app, config):
    """Our templates first; and every page rewritten when this extension changes (its files'
    digest is an html-rebuild config value, which Sphinx compares with the last build's)."""
    config.templates_path = [str(HERE / "templates"), *config.templates_path]
    digest = hashlib.sha256()
    for path in sorted(HERE.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.read_bytes())
    config.book_site_digest = digest.hexdigest()[:16]


def _static_files(app):
    """Copy _ext/static into _static ourselves, on every build: Sphinx copies static files only
    when some page is out of date, and then keeps a changed file's old copy."""
    target = Path(app.outdir) / "_static"
    target.mkdir(parents=True, exist_ok=True)
    for source in (HERE / "static").iterdir():
        shutil.copyfile(source, target / source.name)


def _demo_script(app, exception):
    """``nnbook.static.SCRIPT``, served once per page that has demos."""
    if exception is not None or app.builder.format != "html":
        return
    from nnbook import static

    target = Path(app.outdir) / "_static" / "nnkit-demo.js"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(static.SCRIPT, encoding="utf-8")


def setup(app: Sphinx):
    app.add_config_value("book_site_digest", "", "html")
    app.connect("config-inited", _repository_substitution)
    app.connect("config-inited", _site_files)
    app.connect("builder-inited", _static_files)
    app.add_css_file("nnkit-icons.css")
    app.add_css_file("nnkit-site.css")
    app.add_js_file("nnkit-site.js", defer="defer")
    app.connect("html-page-context", _dedupe_scripts, priority=900)
    app.connect("html-page-context", _workbook_buttons, priority=900)
    app.connect("html-page-context", book_site_pages.on_page, priority=901)
    app.connect("build-finished", _demo_script)
    app.connect("build-finished", book_site_icons.write_icon_css)
    app.connect("build-finished", _copy_workbooks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
