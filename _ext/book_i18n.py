"""The book in two languages: glued numbers inside translated messages, and a link on every page
to the same page in the other edition.

- ``{glue:text}`` in a translated message. Sphinx parses each translated message as a document
  of its own, with no notebook attached, so myst-nb's role finds no glue data there and renders
  nothing (with a warning). In that case this role leaves a pending glue reference to the page's
  own notebook instead, which myst-nb's post-transform fills from the glue cache that the
  notebook's parse wrote to the build folder (``jupyter_execute/<page>.glue.json``).
- Heading anchors. MyST records a page's heading slugs (``page.ipynb#slug`` links) in the build
  environment when it finishes parsing a document, and a translated heading is parsed as a
  document of its own, so its Chinese slug replaced the page's English ones and links into the
  page broke. After the page is read, its own (English) slugs are put back.
- The language link. The English edition sits at the site's root and the Chinese one under
  ``zh/`` (``tools/i18n.py build``); each page's header links to its twin, written in the other
  language, with ``lang`` and ``hreflang`` set so that screen readers pronounce it correctly.
"""

from myst_nb.ext.glue.roles import PasteTextRole
from myst_nb.ext.glue.utils import PendingGlueReference
from sphinx.application import Sphinx

# Edition -> (folder inside the site, name of the language in that language, BCP 47 tag).
EDITIONS = {"en": ("", "English", "en"), "zh_CN": ("zh/", "中文", "zh-CN")}
LINK_TEMPLATE = "nnkit-language-link.html"  # in _ext/templates


class TranslatedPasteText(PasteTextRole):
    """``{glue:text}`` that also works inside a translated message."""

    def run(self):
        env = getattr(self.document.settings, "env", None)
        if "nb_renderer" in self.document or env is None or "::" in self.text:
            return super().run()
        key, _, fmt_spec = self.text.partition(":")
        ref = PendingGlueReference(refdoc=env.docname, key=key, inline=True, gtype="text",
                                   fmt_spec=fmt_spec or "s")
        ref.source, ref.line = self.source, self.line
        return [ref], []


def _keep_english_slugs(app, doctree):
    slugs = getattr(doctree, "myst_slugs", None)
    if slugs and app.env.docname in app.env.metadata:
        app.env.metadata[app.env.docname]["myst_slugs"] = slugs


def edition(config) -> str:
    return "zh_CN" if (config.language or "en").replace("-", "_") == "zh_CN" else "en"


def _language_link(app, pagename, templatename, context, doctree):
    here = edition(app.config)
    other = "en" if here == "zh_CN" else "zh_CN"
    folder, name, tag = EDITIONS[other]
    up = "../" * (pagename.count("/") + (1 if here == "zh_CN" else 0))
    context["nnkit_other_language"] = {"href": f"{up}{folder}{pagename}.html", "name": name,
                                       "lang": tag}


def _header_item(app, config):
    """The language link leads the article header's right-hand items (the theme's buttons)."""
    options = dict(config.html_theme_options or {})
    items = options.get("article_header_end") or ["article-header-buttons.html"]
    if isinstance(items, str):
        items = [item.strip() for item in items.split(",") if item.strip()]
    if LINK_TEMPLATE not in items:
        options["article_header_end"] = [LINK_TEMPLATE, *items]
    config.html_theme_options = options


def setup(app: Sphinx):
    app.add_role_to_domain("glue", "text", TranslatedPasteText(), override=True)
    app.connect("config-inited", _header_item)
    app.connect("doctree-read", _keep_english_slugs)
    app.connect("html-page-context", _language_link)
    app.add_css_file("nnkit-i18n.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}

