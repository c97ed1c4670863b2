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
- Tables that code displays. The claim ledger and the playground's presets are Markdown that a
  code cell displays, so they are cell outputs, which Sphinx does not translate, and the Chinese
  build reuses the English outputs. Their texts come from a bounded set of strings that
  ``tools/i18n.py extract`` writes into ``generated/<page>.po``; in the Chinese edition, a text
  node of a paragraph in a cell's output whose text is one of them (less the separators the
  table puts around it: ": " before a criterion, " (" before a citation) takes its translation.
  Only the text changes, so bold, links and citations around it keep working; computed text
  (what an experiment measured) finds no entry and stays English.
- The language link. The English edition sits at the site's root and the Chinese one under
  ``zh/`` (``tools/i18n.py build``); each page's header links to its twin, written in the other
  language, with ``lang`` and ``hreflang`` set so that screen readers pronounce it correctly.
"""

import re
from pathlib import Path

from babel.messages.pofile import read_po
from docutils import nodes
from myst_nb.ext.glue.roles import PasteTextRole
from myst_nb.ext.glue.utils import PendingGlueReference
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

# Edition -> (folder inside the site, name of the language in that language, BCP 47 tag).
EDITIONS = {"en": ("", "English", "en"), "zh_CN": ("zh/", "中文", "zh-CN")}
LINK_TEMPLATE = "nnkit-language-link.html"  # in _ext/templates
GENERATED = "generated"  # <locale dir>/<language>/LC_MESSAGES/generated/<page>.po
# A text node of a table cell: separators, the text itself, separators.
FIELD = re.compile(r"([\s:(]*)(.*?)([\s:(]*)", re.DOTALL)


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


def generated_catalogue(srcdir, config, docname: str) -> Path | None:
    """The catalogue of the texts that code displays on a page, in the edition's language; None
    for the English edition or a page without one."""
    if edition(config) == "en":
        return None
    for folder in config.locale_dirs:
        po = Path(srcdir, folder, config.language, "LC_MESSAGES", GENERATED, f"{docname}.po")
        if po.exists():
            return po
    return None


def translations(po: Path) -> dict[str, str]:
    """English -> translation for every translated message of a catalogue that is not fuzzy."""
    with po.open("rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id and m.string and not m.fuzzy}


def _is_output(node) -> bool:
    return isinstance(node, nodes.container) and "cell_output" in node["classes"]


def translate_outputs(tree: nodes.Node, table: dict[str, str]) -> int:
    """Translate the text nodes of the paragraphs in cell outputs whose text, less the separators
    around it, is in ``table``; a paragraph with a translated text is marked translated. Code
    (``literal``) is left alone. Returns how many text nodes changed."""
    changed = 0
    for output in tree.findall(_is_output):
        for paragraph in output.findall(nodes.paragraph):
            found = 0
            for text in list(paragraph.findall(nodes.Text)):
                before, core, after = FIELD.fullmatch(str(text)).groups()
                if core in table and not isinstance(text.parent, nodes.literal):
                    text.parent.replace(text, nodes.Text(before + table[core] + after))
                    found += 1
            if found:
                paragraph["translated"] = True
            changed += found
    return changed


class TranslateGeneratedTexts(SphinxTransform):
    """In the Chinese edition, the tables that code displays, from ``generated/<page>.po``."""

    default_priority = 30  # after Sphinx's own translation (20, 25), before smart quotes (750)

    def apply(self, **kwargs) -> None:
        # Sphinx also runs transforms on each translated message: those have no outputs.
        if not any(True for _ in self.document.findall(_is_output)):
            return
        po = generated_catalogue(self.app.srcdir, self.config, self.env.docname)
        if po is not None:
            self.env.note_dependency(str(po))
            translate_outputs(self.document, translations(po))


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
    app.add_transform(TranslateGeneratedTexts)
    app.connect("config-inited", _header_item)
    app.connect("doctree-read", _keep_english_slugs)
    app.connect("html-page-context", _language_link)
    app.add_css_file("nnkit-i18n.css")
    return {"parallel_read_safe": True, "parallel_write_safe": True}

