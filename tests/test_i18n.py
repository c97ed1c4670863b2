"""The Simplified Chinese edition (locales/zh_CN): complete, faithful to the markup, warning-free.

- Catalogues: no message of a page is untranslated or fuzzy (a fuzzy entry is one whose English
  changed since it was translated: Sphinx shows English for it, so it counts as untranslated).
- Markup: a translation keeps every {glue:text}, {numref}, {ref}, {doc}, {cite:...} target, math
  span ($...$) and inline code span that its English has (and adds none).
- Glossary (locales/zh_CN/GLOSSARY.md): every term is used, and the first use of a term in a page
  carries its English word in parentheses.
- Generated texts: what code displays (the claim ledger, the presets, demos' captions and alt
  text, widgets' notes and still pictures) has catalogues ``generated/<page>.po`` that hold every
  text `tools/i18n.py` reads from the registries (every claim's statement, what the source says,
  criterion and section, the verdicts, the column titles, the presets' texts) and every text or
  template of the code that the English page displays, translated, none fuzzy, nothing stale; a
  template's translation keeps its fields; a text that is also a page's message has the page's
  translation; the translator covers fixed texts, templates (values translated in turn) and parts
  between separators; the Chinese build's transform translates output text, alt text and raw
  HTML (demo frames, attributes) and keeps markup and code, and does nothing in the English
  edition.
- Built site (``--site``, as the browser check): the Chinese build logged no warning; no element
  of a Chinese page is marked untranslated (its English has no entry in the catalogue: run
  `make i18n` and translate); every page has a catalogue; every page of each edition links to its
  twin in the other; the Chinese page pastes the same glued numbers as the English one (the glue
  extension resolved every key inside translated messages); the generated tables are Chinese in
  the Chinese edition, except preset names and step counts, and English in the English one; no
  text that code displays is left English on a Chinese page.
"""

import collections
import html
import html.parser
import json
import os
import re
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from babel.messages.pofile import read_po
from docutils import nodes
from sphinx import addnodes

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))  # tools/i18n.py is a script, not a package
sys.path.insert(0, str(ROOT / "_ext"))  # the extension is a local Sphinx extension

import book_i18n  # noqa: E402
import i18n  # noqa: E402

LOCALE = ROOT / "locales" / "zh_CN"
CATALOGUES = LOCALE / "LC_MESSAGES"
POS = sorted(CATALOGUES.rglob("*.po"))
PAGES = [p.relative_to(CATALOGUES).with_suffix("").as_posix() for p in POS]
GENERATED = CATALOGUES / i18n.GENERATED
CJK = re.compile(r"[\u4e00-\u9fff]")


def messages(po: Path):
    with po.open("rb") as f:
        return [m for m in read_po(f) if m.id]


def test_every_page_has_a_catalogue():
    assert POS, "no catalogues: run `make i18n`"
    for page in ["intro", "references", "chapters/01_linear_to_neural",
                 "exercises/ex01_linear_to_neural"]:
        assert page in PAGES, f"no catalogue for {page}: run `make i18n`"


@pytest.mark.parametrize("po", POS, ids=PAGES)
def test_every_message_is_translated(po):
    msgs = messages(po)
    empty = [m.id for m in msgs if not m.string]
    fuzzy = [m.id for m in msgs if m.string and m.fuzzy]
    page = po.relative_to(CATALOGUES)
    assert not empty, (f"{page}: {len(empty)} of {len(msgs)} messages untranslated, first: "
                       f"{empty[0][:120]!r}")
    assert not fuzzy, (f"{page}: {len(fuzzy)} fuzzy messages (the English changed: update the "
                       f"translation, then drop the fuzzy flag), first: {fuzzy[0][:120]!r}")


# --- markup kept ------------------------------------------------------------------------------

ROLE = re.compile(r"\{(glue:text|numref|ref|doc|cite:[a-z]+|eq|term)\}`([^`]*)`")
MATH = re.compile(r"(?<![\\$])\$(?!\$)((?:[^$\\]|\\.)+?)\$")
CODE = re.compile(r"(?<![\}`])`([^`]+)`")


def _target(role: str, body: str) -> str:
    """The part of a role that must not change: a link's target (its title may be translated)."""
    if role.startswith(("ref", "numref", "doc")):
        found = re.search(r"<([^<>]+)>\s*$", body)
        return found.group(1) if found else body
    return body


def spans(text: str) -> collections.Counter:
    found = collections.Counter()
    for role, body in ROLE.findall(text):
        if role.startswith("cite:"):  # a citation's keys; p and t may swap with the word order
            found.update(f"cite {key.strip()}" for key in body.split(","))
        else:
            found[f"{role} {_target(role, body)}"] += 1
    bare = ROLE.sub(" ", text)
    found.update(f"math {m}" for m in MATH.findall(bare))
    found.update(f"code {c}" for c in CODE.findall(MATH.sub(" ", bare)))
    return found


def test_spans_are_found():
    text = ("{glue:text}`k` and {numref}`Fig. %s <fig-a>` with $x_1$ and `np.dot` "
            "{cite:p}`a, b`")
    assert spans(text) == collections.Counter(
        ["glue:text k", "numref fig-a", "math x_1", "code np.dot", "cite a", "cite b"])
    assert spans("{numref}`图 %s <fig-a>`，$x_1$、`np.dot`、{cite:t}`b, a`、{glue:text}`k`") \
        == spans(text)


@pytest.mark.parametrize("po", POS, ids=PAGES)
def test_translations_keep_the_markup(po):
    bad = []
    for m in messages(po):
        if not m.string or m.fuzzy:
            continue
        source, target = spans(m.id), spans(m.string)
        if source != target:
            bad.append(f"{m.id[:70]!r}: lost {sorted((source - target).elements())}, "
                       f"added {sorted((target - source).elements())}")
    assert not bad, f"{po.relative_to(CATALOGUES)}: {len(bad)} messages changed markup: " + \
        "; ".join(bad[:3])


# --- glossary ---------------------------------------------------------------------------------

def glossary():
    rows = []
    for line in (LOCALE / "GLOSSARY.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and re.search(r"[\u4e00-\u9fff]", cells[0]) and cells[1] != "English":
            rows.append((cells[0], cells[1]))
    return rows


TERMS = glossary()


def test_glossary_has_the_source_notes_terms():
    chinese = {zh for zh, _ in TERMS}
    for term in ["神经元", "激活函数", "全连接层", "隐藏层", "反向传播", "正则化", "过拟合", "权重",
                 "偏置", "参数", "决策边界"]:
        assert term in chinese, f"GLOSSARY.md lacks {term}"


def _first_use(text: str, term: str) -> int:
    """Position of the first use of term that is not part of a longer glossary term."""
    longer_terms = [zh for zh, _ in TERMS if term in zh and zh != term]
    for longer in sorted(longer_terms, key=len, reverse=True):
        text = text.replace(longer, "\0" * len(longer))
    return text.find(term)


def _is_heading(message) -> bool:
    return "。" not in message.string and len(message.string) < 30


def translated_pages():
    return [po for po in POS if all(m.string and not m.fuzzy for m in messages(po))]


def test_every_glossary_term_is_used():
    text = "\n".join(m.string for po in POS for m in messages(po))
    if not all(m.string for po in POS for m in messages(po)):
        pytest.skip("not every page is translated yet (test_every_message_is_translated fails)")
    unused = [zh for zh, _ in TERMS if _first_use(text, zh) < 0]
    assert not unused, f"glossary terms no translation uses: {unused}"


@pytest.mark.parametrize("po", POS, ids=PAGES)
def test_first_use_of_a_term_gives_the_english(po):
    msgs = [m for m in messages(po) if m.string and not m.fuzzy]
    missing = []
    for zh, en in TERMS:
        for m in msgs:
            # A link's title names a chapter and a bold lead-in names an exercise: neither
            # introduces the term.
            text = re.sub(r"^\*\*[^*]+\*\*", " ", ROLE.sub(" ", m.string))
            pos = _first_use(text, zh)
            if pos < 0:
                continue
            if _is_heading(m):
                continue  # a heading names the term; the paragraph after it introduces it
            after = text[pos + len(zh):pos + len(zh) + len(en) + 40].lower()
            if not re.match(r"\**\s*[（(][^）)]*" + re.escape(en.lower().split()[0]), after):
                missing.append(f"{zh} ({en}) in {text[max(0, pos - 10):pos + 30]!r}")
            break
    assert not missing, \
        f"{po.relative_to(CATALOGUES)}: first use without the English: {missing[:5]}"


# --- texts that code displays ---------------------------------------------------------------

def _generated(page: str) -> dict:
    po = GENERATED / f"{page}.po"
    assert po.exists(), f"no catalogue {po.relative_to(ROOT)}: run `make i18n`"
    return {m.id: m for m in messages(po)}


def test_generated_catalogues_hold_the_registry_translated():
    from nnbook import claims, presets

    wanted = {i18n.LEDGER: [*claims.VERDICTS, *i18n.table_headers(i18n.LEDGER)]
              + [text for c in claims.REGISTRY
                 for text in (c.statement, c.says, c.criterion, c.section)],
              i18n.PLAYGROUND: i18n.table_headers(i18n.PLAYGROUND)
              + [text for p in presets.PRESETS for text in (p.differs, p.look_for)]}
    assert len(i18n.table_headers(i18n.LEDGER)) == 5
    assert len(i18n.table_headers(i18n.PLAYGROUND)) == 5
    for page, texts in wanted.items():
        found = _generated(page)
        missing = [t for t in texts if t not in found]
        assert not missing, (f"{page}: {len(missing)} texts not in the catalogue (run "
                             f"`make i18n`), first: {missing[0]!r}")
        bad = [t for t in texts if not found[t].string or found[t].fuzzy]
        assert not bad, f"{page}: {len(bad)} texts untranslated or fuzzy, first: {bad[0]!r}"


@pytest.mark.parametrize("po", sorted(GENERATED.rglob("*.po")),
                         ids=lambda po: po.relative_to(GENERATED).with_suffix("").as_posix())
def test_generated_translations_keep_the_fields(po):
    """A template's translation uses its fields ({0}, {1}...) and no others, and formats; only
    an English plural ending ("layer{1}" with "s" or "") may be left out."""
    bad = []
    for m in messages(po):
        if not m.string:
            continue  # test_every_message_is_translated
        fields, used = book_i18n.template_fields(m.id), book_i18n.template_fields(m.string)
        plural = {f for f in fields if re.search(r"[a-z]\{%s\}(?![\w{])" % f, m.id)}
        if not set(used) <= set(fields) or set(fields) - set(used) - plural:
            bad.append(f"{m.id[:60]!r}: fields {sorted(set(fields))}, "
                       f"translation {sorted(set(used))}")
            continue
        try:
            m.string.format(*(f"<{k}>" for k in range(len(fields))))
        except (IndexError, KeyError, ValueError) as error:
            bad.append(f"{m.id[:60]!r}: the translation does not format ({error})")
    assert not bad, f"{po.relative_to(CATALOGUES)}: {len(bad)} translations: {bad[:3]}"


def test_code_templates_are_read_from_the_code():
    found = i18n.code_templates()
    # an f-string's values become fields; a literal's braces are doubled; docstrings and
    # error messages are not displayed texts
    assert "Learning rate {0}: after {1} steps of full-batch gradient descent, {2} of the {3} " \
        "hidden ReLUs of the first seed's network are dead (black squares) and its training " \
        "accuracy is {4}." in found or any(t.startswith("Learning rate {0}: after {1} steps")
                                           for t in found)
    # an HTML template gives its texts between tags and its aria-label
    assert "Runs with a Python kernel:" in found and "{0} (needs a Python kernel)" in found
    assert not any(t.startswith("<") for t in found)
    assert not any("must be" in t and "got {" in t for t in found), "an error message"
    assert not any(t.startswith("A kernel-free picture switcher") for t in found), "a docstring"


def test_the_translator_covers_fixed_texts_templates_and_parts():
    translate = book_i18n.Translator({
        "{0} hidden units": "{0} 个隐藏单元", "Runs with a Python kernel:": "需要 Python 内核：",
        "hidden units": "隐藏单元", "Still picture of the {0}.": "{0}的静态图。",
        "activation explorer": "激活函数探索器", "{0} hidden layer{1}": "{0} 个隐藏层",
        "a {{literal}} brace {0}": "字面 {{literal}} 括号 {0}"})
    assert translate("3 hidden units") == "3 个隐藏单元"
    assert translate(" Runs with a Python kernel: ") == " 需要 Python 内核： "
    assert translate("2 hidden layers") == "2 个隐藏层"
    # a value that is itself a text is translated in turn; parts between separators
    assert translate("Still picture of the activation explorer.") == "激活函数探索器的静态图。"
    assert translate("hidden units: 2") == "隐藏单元: 2"
    assert translate("Still picture of the activation explorer. 3 hidden units; x") == \
        "激活函数探索器的静态图。 3 个隐藏单元; x"
    assert translate("a {literal} brace 5") == "字面 {literal} 括号 5"
    assert translate("nothing known here") is None and translate("") is None
    assert "{0} hidden units" in translate.used and "a {{literal}} brace {0}" in translate.used


def test_html_from_code_is_translated_outside_code():
    translate = book_i18n.Translator({"{0} hidden units": "{0} 个隐藏单元",
                                      "hidden units": "隐藏单元", "pause": "暂停"})
    frames = json.dumps([{"label": "2", "src": "a.png", "alt": "2 hidden units",
                          "caption": "2 hidden units", "valuetext": "hidden units: 2"}])
    markup = (f'<div data-frames="{html.escape(frames, quote=True)}"><label>hidden units</label>'
              f'<img alt="2 hidden units" src="a.png"><button aria-label="pause">pause</button>'
              f'<code>pause</code><script>var s = "2 hidden units";</script>'
              f'<figcaption>2 hidden units &amp; more</figcaption>'
              f'<p><code>x</code> &middot; 3 hidden units</p></div>')
    out = book_i18n.translate_html(markup, translate)
    frame = json.loads(html.unescape(re.search(r'data-frames="([^"]*)"', out).group(1)))[0]
    assert frame == {"label": "2", "src": "a.png", "alt": "2 个隐藏单元",
                     "caption": "2 个隐藏单元", "valuetext": "隐藏单元: 2"}
    assert '<label>隐藏单元</label>' in out and 'alt="2 个隐藏单元"' in out
    assert 'aria-label="暂停">暂停</button>' in out
    assert "<code>pause</code>" in out and 'var s = "2 hidden units";' in out
    assert "<figcaption>2 hidden units &amp; more</figcaption>" in out  # nothing covers it
    assert "<p><code>x</code> · 3 个隐藏单元</p>" in out  # text after code


def test_generated_texts_share_the_pages_translations():
    pages = collections.defaultdict(set)  # English -> its translations on the pages
    for po in POS:
        if GENERATED not in po.parents:
            for m in messages(po):
                pages[m.id].add(m.string)
    differ = [f"{m.id!r}: {m.string!r} here, {sorted(pages[m.id])} on its page"
              for po in GENERATED.rglob("*.po") for m in messages(po)
              if m.id in pages and m.string not in pages[m.id]]
    assert not differ, f"one English text, two translations (run `make i18n`): {differ[:3]}"


def _output(*children) -> nodes.container:
    return nodes.container("", *children, classes=["cell_output"])


def test_the_transform_translates_output_text_and_keeps_markup():
    table = {"the source says": "来源的说法", "says this": "这样说", "reproduced": "已重现",
             "a criterion": "一个判据", "A section": "一节"}
    cite = addnodes.pending_xref("", nodes.inline("", "ledger-key"), reftarget="ledger-key",
                                 refdomain="cite")
    link = nodes.reference("", "A section", refuri="page.html#a-section")
    says = nodes.paragraph("", "", nodes.Text("says this ("), cite, nodes.Text(", 'Intro')"))
    verdict = nodes.paragraph("", "", nodes.strong("", "reproduced"), nodes.Text(": a criterion"))
    code = nodes.paragraph("", "", nodes.literal("", "reproduced"))
    prose = nodes.paragraph("", "reproduced")
    tree = nodes.section("", prose, _output(nodes.paragraph("", "the source says"), says,
                                            verdict, nodes.paragraph("", "", link), code))
    assert book_i18n.translate_outputs(tree, table) == 5
    assert says.astext() == "这样说 (ledger-key, 'Intro')"
    assert says[1] is cite and cite["reftarget"] == "ledger-key"
    assert isinstance(verdict[0], nodes.strong) and verdict.astext() == "已重现: 一个判据"
    assert link.astext() == "一节" and link["refuri"] == "page.html#a-section"
    assert says["translated"] and verdict["translated"]
    assert code.astext() == "reproduced" and prose.astext() == "reproduced"  # code, prose alone


def test_the_transform_leaves_the_english_edition_alone():
    def config(language):
        return SimpleNamespace(language=language, locale_dirs=["locales"])

    page = i18n.LEDGER
    assert book_i18n.generated_catalogue(ROOT, config("en"), page) is None
    assert book_i18n.generated_catalogue(ROOT, config(None), page) is None
    po = book_i18n.generated_catalogue(ROOT, config("zh_CN"), page)
    assert po == GENERATED / f"{page}.po"
    assert len(book_i18n.translations(po)) >= len(i18n.generated_texts()[page])
    assert book_i18n.generated_catalogue(ROOT, config("zh_CN"), "intro") is None


# --- the built site ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site(pytestconfig):
    site = (ROOT / pytestconfig.getoption("--site")).resolve()
    if not (site / "zh" / "index.html").exists():
        if os.environ.get("CI"):
            pytest.fail(f"no Chinese edition at {site / 'zh'} (make book-check builds it)")
        pytest.skip(f"no Chinese edition built at {site / 'zh'} (run `make book`)")
    return site


def _html_pages(root: Path):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")
                  if not p.relative_to(root).parts[0].startswith(("_", "zh"))
                  and p.name not in {"genindex.html", "search.html"})


def test_chinese_build_logged_no_warning(site):
    log = site.parent / "zh" / "build.log"  # tools/i18n.py build keeps it there
    assert log.exists(), f"no log of the Chinese build at {log}"
    text = re.sub(r"\x1b\[[0-9;]*m", "", log.read_text(encoding="utf-8"))
    warned = re.compile(r"\b(WARNING|ERROR|CRITICAL):")
    warnings = [line for line in text.splitlines() if warned.search(line)]
    assert not warnings, f"the Chinese build warned {len(warnings)} times: {warnings[:5]}"


LINK = re.compile(r'<a class="btn nnkit-language-link" href="([^"]+)" lang="([^"]+)"')
PASTED = re.compile(r'<span class="pasted-text">([^<]*)</span>')


def test_each_page_links_to_its_twin(site):
    english = _html_pages(site)
    chinese = _html_pages(site / "zh")
    assert english == chinese, f"pages in one edition only: {set(english) ^ set(chinese)}"
    for page in english:
        if page == "index.html":  # the redirect to the first page
            continue
        for here, there, lang in [(site / page, site / "zh" / page, "zh-CN"),
                                  (site / "zh" / page, site / page, "en")]:
            found = LINK.search(here.read_text(encoding="utf-8"))
            assert found, f"{here.relative_to(site)}: no link to the other language"
            href, tag = found.groups()
            assert tag == lang, f"{here.relative_to(site)}: link marked lang={tag}, not {lang}"
            assert (here.parent / href).resolve() == there.resolve(), \
                f"{here.relative_to(site)}: link {href} does not lead to {there.relative_to(site)}"


def test_chinese_pages_paste_the_same_numbers(site):
    for page in _html_pages(site):
        english = collections.Counter(PASTED.findall((site / page).read_text(encoding="utf-8")))
        chinese = collections.Counter(
            PASTED.findall((site / "zh" / page).read_text(encoding="utf-8")))
        assert chinese == english, (
            f"{page}: glued values differ between the editions: English only "
            f"{sorted((english - chinese).elements())[:5]}, "
            f"Chinese only {sorted((chinese - english).elements())[:5]}")


class _Untranslated(html.parser.HTMLParser):
    """Elements marked untranslated, outside code-cell outputs (output stays English, except
    the tables that code displays, which test_generated_tables_are_chinese checks) and other than
    images (their alt text is a message of its own; the mark comes from the file name, never
    translated)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
            "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.stack, self.found, self.current = [], [], None

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        in_output = any(out for _, out in self.stack) or "cell_output" in classes
        if "untranslated" in classes and tag != "img" and not in_output and self.current is None:
            self.current = [tag, len(self.stack), ""]
        if tag not in self.VOID:
            self.stack.append((tag, in_output))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break
        if self.current and len(self.stack) <= self.current[1]:
            self.found.append(f"<{self.current[0]}> {' '.join(self.current[2].split())[:80]!r}")
            self.current = None

    def handle_data(self, data):
        if self.current:
            self.current[2] += data


def test_chinese_pages_have_no_untranslated_text(site):
    missing = []
    for page in _html_pages(site / "zh"):
        if page == "index.html":
            continue
        if page.removesuffix(".html") not in PAGES:
            missing.append(f"{page}: no catalogue")
            continue
        parser = _Untranslated()
        parser.feed((site / "zh" / page).read_text(encoding="utf-8"))
        missing += [f"{page}: {found}" for found in parser.found]
    assert not missing, (f"{len(missing)} untranslated elements in the Chinese edition (run "
                         f"`make i18n`, translate, rebuild): {missing[:5]}")


class _Tables(html.parser.HTMLParser):
    """The text of every cell of every table of a page: a list of tables of rows of cells."""

    def __init__(self):
        super().__init__()
        self.tables, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def tables(path: Path) -> list:
    parser = _Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tables


# Columns of the generated tables that stay English: a preset's name (the name code uses) and
# its number of steps.
STAYS_ENGLISH = {i18n.LEDGER: set(), i18n.PLAYGROUND: {0, 3}}


@pytest.mark.parametrize("page", sorted(STAYS_ENGLISH))
def test_generated_tables_are_chinese(site, page):
    headers = i18n.table_headers(page)
    english = tables(site / f"{page}.html")
    found = [i for i, table in enumerate(english) if table and table[0] == headers]
    assert found, f"{page}.html: no table headed {headers}"
    table = english[found[0]]
    assert not any(CJK.search(cell) for row in table for cell in row), \
        f"{page}.html: Chinese in the English edition's table"
    chinese = tables(site / "zh" / f"{page}.html")[found[0]]
    assert len(chinese) == len(table) > 2, f"zh/{page}.html: the table has other rows"
    # A formula ("dL/ds = p - onehot(y)") is its own translation.
    formulas = [m.id for m in _generated(page).values() if m.string == m.id]
    english_cells = [f"row {r}, column {c}: {cell[:60]!r}"
                     for r, row in enumerate(chinese) for c, cell in enumerate(row)
                     if c not in STAYS_ENGLISH[page] and not CJK.search(cell)
                     and i18n.WORD.search(cell)
                     and not (cell == table[r][c] and any(f in cell for f in formulas))]
    assert not english_cells, (f"zh/{page}.html: {len(english_cells)} table cells without "
                               f"Chinese (run `make i18n` and translate generated/{page}.po): "
                               f"{english_cells[:5]}")


def _site_pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).with_suffix("").as_posix()
                  for folder in ("chapters", "exercises") for p in (site / folder).glob("*.html"))


def test_generated_catalogues_match_the_english_site(site):
    """Every text and template of the code that an English page displays is in the page's
    generated catalogue, translated; the catalogue holds nothing else (run `make i18n`)."""
    entries = i18n.displayed_entries(site)
    registry = i18n.generated_texts()
    assert sum(len(e) for e in entries.values()) > 100, "the code's displayed texts not found"
    problems = []
    for page in _site_pages(site):
        wanted = entries.get(page, [])
        po = GENERATED / f"{page}.po"
        found = {m.id: m for m in messages(po)} if po.exists() else {}
        missing = [t for t in wanted if t not in found]
        untranslated = [t for t in wanted if t in found and (not found[t].string or found[t].fuzzy)]
        stale = set(found) - set(wanted) - set(registry.get(page, []))
        problems += [f"{page}: not in generated/{page}.po: {t[:70]!r}" for t in missing]
        problems += [f"{page}: untranslated or fuzzy: {t[:70]!r}" for t in untranslated]
        problems += [f"{page}: no longer displayed: {t[:70]!r}" for t in sorted(stale)]
    assert not problems, (f"{len(problems)} generated texts out of step with the English site "
                          f"(run `make i18n`, translate): {problems[:5]}")


def test_chinese_pages_translate_what_code_displays(site):
    """On a Chinese page, no text of a cell's output (text, alt text, labels, demo frames) is
    still the English that its generated catalogue translates."""
    english = []
    for page in _site_pages(site / "zh"):
        po = GENERATED / f"{page}.po"
        if not po.exists():
            continue
        translate = book_i18n.Translator(book_i18n.translations(po))
        parser = i18n._OutputTexts()
        parser.feed((site / "zh" / f"{page}.html").read_text(encoding="utf-8"))
        for text in dict.fromkeys(t.translate(i18n.STRAIGHT) for t in parser.texts):
            found = translate(text)
            if found is not None and found != text:
                english.append(f"{page}: {text[:80]!r}")
    assert not english, (f"{len(english)} texts that code displays are English on the Chinese "
                         f"pages: {english[:5]}")
