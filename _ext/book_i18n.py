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
- Texts that code displays. The claim ledger, the presets, the demos' captions and alt text, the
  notes and still pictures of kernel-only widgets are cell outputs, which Sphinx does not
  translate, and the Chinese build reuses the English outputs. ``tools/i18n.py extract`` writes
  their texts into ``generated/<page>.po``: fixed strings, and templates read from the f-strings
  of the book's code, with ``{0}``, ``{1}``... where the code puts a value ("Learning rate {0}:
  after {1} steps"). In the Chinese edition a ``Translator`` gives each text of a cell's output
  its translation: the text itself, a template that matches it whole (the values, translated
  in turn where they are texts, go into the translation's fields), or else each of its parts
  between separators (". ", "; ", " · ", ": "). It reaches the text nodes of the output's
  paragraphs (bold, links and citations around them keep working; code is left alone), the alt
  text of its images, and in raw HTML (demos, widgets' still pictures) the text between tags,
  the alt, aria-label and aria-valuetext attributes and each demo frame's label, caption, alt
  text and value text.
- The language link. The English edition sits at the site's root and the Chinese one under
  ``zh/`` (``tools/i18n.py build``); each page's header links to its twin, written in the other
  language, with ``lang`` and ``hreflang`` set so that screen readers pronounce it correctly.
"""

import html
import json
import re
import string
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


def template_fields(template: str) -> list[str]:
    """The fields of a template ("{0}", "{1}"...), in order; [] for a fixed text."""
    return [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]


def template_regex(template: str) -> re.Pattern:
    """A template as a regular expression: its fixed text literally, each field any text."""
    parts = []
    for literal, field, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if field is not None:
            parts.append("(.+?)")
    return re.compile("".join(parts), re.DOTALL)


class Translator:
    """English -> translation for the texts code displays: fixed texts, and templates whose
    fields stand for the values code puts in ("{0} hidden units" -> "{0} 个隐藏单元").

    ``translator(text)`` is the translation, or None when nothing covers the text: the text
    itself (less the separators around it), a template that matches it whole, longest fixed
    text first (each value is translated in turn where it can be), or else its parts between
    ``SEPARATORS``, when at least one part is covered. ``used`` collects the English of every
    entry that took part (``tools/i18n.py`` uses it to choose a page's entries).
    """

    SEPARATORS = re.compile(r"((?<=\.) |; | · |: )")  # a full stop stays with its sentence

    def __init__(self, table: dict[str, str]):
        self.exact, self.templates, self.used = {}, [], set()
        for english, translated in table.items():
            if template_fields(english):
                self.templates.append((template_regex(english), english, translated))
            else:
                self.exact[english.replace("{{", "{").replace("}}", "}")] = (english, translated)
        self.templates.sort(key=lambda t: -len(re.sub(r"\{\d+\}", "", t[1])))

    def __call__(self, text: str) -> str | None:
        spaced = re.fullmatch(r"(\s*)(.*?)(\s*)", text, re.DOTALL).groups()
        splits = [spaced, FIELD.fullmatch(text).groups()]
        for whole in (True, False):
            for before, core, after in splits:
                found = core and (self._whole(core) if whole else self._parts(core))
                if found:
                    return before + found + after
        return None

    def _whole(self, core: str) -> str | None:
        if core in self.exact:
            english, translated = self.exact[core]
            self.used.add(english)
            return translated.replace("{{", "{").replace("}}", "}")
        for regex, english, translated in self.templates:
            match = regex.fullmatch(core)
            if match:
                self.used.add(english)
                values = [self(value) or value for value in match.groups()]
                return translated.format(*values)
        return None

    def _parts(self, core: str) -> str | None:
        parts = self.SEPARATORS.split(core)
        if len(parts) == 1:
            return None
        done = [self(part) if k % 2 == 0 else None for k, part in enumerate(parts)]
        if all(d is None for d in done):
            return None
        return "".join(d if d is not None else p for d, p in zip(done, parts))


# Raw HTML that code displays: the text between tags (outside the SKIPPED_TAGS), the attributes
# a reader hears (READ_ATTRIBUTES), and a demo's frames (a JSON list in its data-frames
# attribute, FRAME_FIELDS of each). tools/i18n.py reads the English site with the same lists.
SKIPPED_TAGS = ("script", "style", "pre", "code")
READ_ATTRIBUTES = ("alt", "aria-label", "aria-valuetext")
FRAME_FIELDS = ("label", "caption", "alt", "valuetext")
HTML_SKIP = re.compile(rf"(<({'|'.join(SKIPPED_TAGS)})\b.*?</\2>)", re.DOTALL | re.IGNORECASE)
HTML_TEXT = re.compile(r"(?<=>)([^<>]+)(?=<)")
HTML_ATTRIBUTE = re.compile(rf'\b({"|".join(READ_ATTRIBUTES)}|data-frames)="([^"]*)"')


def translate_html(markup: str, translate) -> str:
    """``markup`` with every text a reader meets translated by ``translate`` (None: unchanged)."""
    def text(value: str) -> str:
        plain = html.unescape(value)
        found = translate(plain) if plain.strip() else None
        return value if found is None else html.escape(found, quote=False)

    def attribute(match) -> str:
        name, value = match.group(1), html.unescape(match.group(2))
        if name == "data-frames":
            frames = json.loads(value)
            for frame in frames:
                for key in FRAME_FIELDS:
                    if isinstance(frame.get(key), str):
                        frame[key] = translate(frame[key]) or frame[key]
            value = json.dumps(frames, ensure_ascii=False)
        else:
            value = translate(value) or value
        return f'{name}="{html.escape(value, quote=True)}"'

    blocks = []  # the skipped blocks, each replaced by a placeholder tag meanwhile

    def stash(match) -> str:
        blocks.append(match.group(0))
        return f"<nnkit-skipped {len(blocks) - 1}>"

    masked = HTML_ATTRIBUTE.sub(attribute, HTML_SKIP.sub(stash, markup))
    masked = HTML_TEXT.sub(lambda m: text(m.group(1)), masked)
    return re.sub(r"<nnkit-skipped (\d+)>", lambda m: blocks[int(m.group(1))], masked)


def translate_outputs(tree: nodes.Node, translate) -> int:
    """Translate what cell outputs show: the text nodes of their paragraphs (a paragraph with a
    translated text is marked translated; code, ``literal``, is left alone), their images' alt
    text and their raw HTML. ``translate`` is a ``Translator`` or a dict of fixed texts.
    Returns how many texts changed."""
    if isinstance(translate, dict):
        translate = Translator(translate)
    changed = 0
    for output in tree.findall(_is_output):
        for paragraph in output.findall(nodes.paragraph):
            found = 0
            for text in list(paragraph.findall(nodes.Text)):
                if isinstance(text.parent, nodes.literal):
                    continue
                translated = translate(str(text))
                if translated is not None:
                    text.parent.replace(text, nodes.Text(translated))
                    found += 1
            if found:
                paragraph["translated"] = True
            changed += found
        for image in output.findall(nodes.image):
            translated = translate(image.get("alt", "")) if image.get("alt") else None
            if translated is not None:
                image["alt"] = translated
                changed += 1
        for raw in list(output.findall(nodes.raw)):
            if raw.get("format") != "html":
                continue
            markup = raw.astext()
            translated = translate_html(markup, translate)
            if translated != markup:
                raw.parent.replace(raw, nodes.raw("", translated, format="html"))
                changed += 1
    return changed


class TranslateGeneratedTexts(SphinxTransform):
    """In the Chinese edition, the texts that code displays, from ``generated/<page>.po``."""

    default_priority = 30  # after Sphinx's own translation (20, 25), before smart quotes (750)

    def apply(self, **kwargs) -> None:
        # Sphinx also runs transforms on each translated message: those have no outputs.
        if not any(True for _ in self.document.findall(_is_output)):
            return
        po = generated_catalogue(self.app.srcdir, self.config, self.env.docname)
        if po is not None:
            self.env.note_dependency(str(po))
            translate_outputs(self.document, Translator(translations(po)))


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

