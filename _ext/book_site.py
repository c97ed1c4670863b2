"""Small Sphinx extension with the book's own adjustments to the generated pages.

- Each script is emitted once per page (sphinx-thebe registers its inline configuration again,
  and a second `const THEBE_JS_URL` is a console error).
- Exercise pages are built from the sources that hold the solutions, but their launch (Binder,
  Colab) and download buttons hand out the learner's workbook from `exercises/workbooks/`.
- The repository URL is written once, in `_config.yml`; pages use it as `{{ repo_url }}`.
"""

import shutil
from pathlib import Path

from sphinx.application import Sphinx

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


def _to_workbook(value, pagename):
    """Rewrite every link to an exercise source inside the header-button structure."""
    name = pagename.removeprefix(EXERCISES)
    if isinstance(value, str):
        return value.replace(f"{EXERCISES}{name}.ipynb", f"{WORKBOOKS}{name}.ipynb")
    if isinstance(value, list):
        return [_to_workbook(v, pagename) for v in value]
    if isinstance(value, dict):
        return {k: _to_workbook(v, pagename) for k, v in value.items()}
    return value


def _workbook_buttons(app, pagename, templatename, context, doctree):
    if not pagename.startswith(EXERCISES) or pagename.startswith(WORKBOOKS):
        return
    if "header_buttons" in context:
        context["header_buttons"] = _to_workbook(context["header_buttons"], pagename)


def _copy_workbooks(app, exception):
    """Put the workbooks where the rewritten download buttons point (`_sources/...`)."""
    if exception is not None or app.builder.format != "html":
        return
    source = Path(app.srcdir) / WORKBOOKS
    if not source.is_dir():
        return
    target = Path(app.outdir) / "_sources" / WORKBOOKS
    target.mkdir(parents=True, exist_ok=True)
    for workbook in source.glob("*.ipynb"):
        shutil.copyfile(workbook, target / workbook.name)


def _repository_substitution(app, config):
    """Offer `_config.yml`'s repository URL to the pages as the substitution {{ repo_url }}."""
    url = (config.html_theme_options or {}).get("repository_url")
    if url:
        config.myst_substitutions = {**(config.myst_substitutions or {}), "repo_url": url}


def setup(app: Sphinx):
    app.connect("config-inited", _repository_substitution)
    app.connect("html-page-context", _dedupe_scripts, priority=900)
    app.connect("html-page-context", _workbook_buttons, priority=900)
    app.connect("build-finished", _copy_workbooks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
