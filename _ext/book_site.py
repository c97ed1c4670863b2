"""Small Sphinx extension with the book's own fixes to the generated pages.

- Each script is emitted once per page (sphinx-thebe registers its inline configuration again on
  incremental rebuilds, and a second `const THEBE_JS_URL` is a console error).
"""

from sphinx.application import Sphinx


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


def setup(app: Sphinx):
    app.connect("html-page-context", _dedupe_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
