"""The Simplified Chinese edition: message catalogues and the second build, from the same sources.

    python tools/i18n.py extract [--site S] # English messages -> locales/zh_CN/LC_MESSAGES/*.po
                                            # (and the texts code displays on the built English
                                            # site S -> .../generated/*.po)
    python tools/i18n.py config OUT         # write OUT/_config.yml for the Chinese edition
    python tools/i18n.py build [--path-output P]
        # build the Chinese edition with P's execution cache (no second execution) and copy it
        # to P/_build/html/zh/, beside the English site that `jupyter-book build` put there
    python tools/i18n.py status             # translated / untranslated / fuzzy, page by page
    python tools/i18n.py dump PAGE > F      # a page's messages as numbered blocks ("### N")
    python tools/i18n.py fill PAGE F        # the blocks of F, translated, into the page's .po

Both configurations are generated from `_config.yml` (``jupyter-book build --config FILE``
replaces `_config.yml` rather than merging with it, so a hand copy would drift). Extraction runs
``sphinx-build -b gettext`` on the Sphinx configuration that ``jupyter-book config sphinx`` writes,
with notebook execution off: only markdown (headings, paragraphs, list items, captions, alt
text) is extracted, never code or outputs. ``sphinx-intl update`` then merges the new messages
into the catalogues, keeping every translation whose English is unchanged and marking changed
ones fuzzy (the tests fail on fuzzy or empty entries).

Texts that code displays (the claim ledger and the presets, which code cells write as Markdown
tables; demos' captions, alt text and labels; the notes, labels and still pictures of kernel-only
widgets) are outputs, so Sphinx never extracts them. They come from the book's code: the
ledger's and the presets' texts from their registries (`generated_texts`), and every other one
from the string literals and f-strings of `nnbook` and of the chapters' code cells, as templates
whose fields stand for the values ("Learning rate {0}: after {1} steps ..."), kept for a page
when the English site's page shows a text that the template produces (`displayed_entries`, so
`extract` reads the built English site, `--site`). Each page's set becomes a catalogue
``generated/<page>.po`` that goes through the same update (and the same tests), and the Chinese
build puts the translations into the page's outputs (``_ext/book_i18n.py``), still from the
English execution cache.
"""

import argparse
import ast
import html
import html.parser
import json
import re
import shutil
import string
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "_ext"))  # the Chinese build's extension: its Translator

import book_i18n  # noqa: E402

LANGUAGE = "zh_CN"
LOCALES = ROOT / "locales"
CATALOGUES = LOCALES / LANGUAGE / "LC_MESSAGES"
PREFIX = "zh"  # the Chinese edition's folder inside the English site
GENERATED = "generated"  # LC_MESSAGES/generated/<page>.po: texts that code displays on a page
LEDGER, PLAYGROUND = "chapters/09_claim_ledger", "chapters/08_playground"
# A Markdown table row written as a string literal ("| a | b |"), and its rule ("|---|---|").
TABLE_ROW = re.compile(r"\|(?:[^|\n]+\|){2,}")
TABLE_RULE = re.compile(r"\|(?:\s*:?-+:?\s*\|)+")
BIN = Path(sys.executable).parent
# What _config.yml says in English outside the pages (title, author, footer), in Chinese.
TITLE = "搭建神经网络"
AUTHOR = "nnkit 教材的贡献者"
FOOTER = "<p>代码：MIT 许可。文字和图：CC BY 4.0。</p>\n"


def _absolute(config: dict) -> dict:
    """Paths in `_config.yml` are relative to the book; a configuration written elsewhere
    needs them absolute."""
    sphinx = config.setdefault("sphinx", {})
    sphinx["local_extensions"] = {name: str(ROOT / path)
                                  for name, path in (sphinx.get("local_extensions") or {}).items()}
    config["bibtex_bibfiles"] = [str(ROOT / path) for path in config.get("bibtex_bibfiles", [])]
    inner = sphinx.setdefault("config", {})
    if "html_extra_path" in inner:
        inner["html_extra_path"] = [str(ROOT / path) for path in inner["html_extra_path"]]
    inner["locale_dirs"] = [str(LOCALES)]
    # One catalogue per page (chapters/02_neuron.po), in both the extraction and the build.
    inner["gettext_compact"] = False
    inner["gettext_location"] = False
    inner["gettext_uuid"] = False
    return config


def english_config() -> dict:
    return yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))


def write_config(out: Path, *, language: str | None, cache: Path | None,
                 execute: str | None = None) -> Path:
    config = _absolute(english_config())
    if language:
        config["title"] = TITLE
        config["author"] = AUTHOR
        config.setdefault("html", {})["extra_footer"] = FOOTER
        config["sphinx"]["config"]["language"] = language
        # Every element whose English found no translation carries class "untranslated" in
        # the HTML (tests/test_i18n.py fails on it): catalogues that `make i18n` has not
        # updated after an English change show up there.
        config["sphinx"]["config"]["translation_progress_classes"] = "untranslated"
        # myst-nb's toggle of a hidden code cell ("Show code cell source"): the book hides
        # only inputs.
        config["sphinx"]["config"]["nb_code_prompt_show"] = "显示代码"
        config["sphinx"]["config"]["nb_code_prompt_hide"] = "隐藏代码"
    execution = config.setdefault("execute", {})
    if execute:
        execution["execute_notebooks"] = execute
    if cache:
        execution["cache"] = str(cache.resolve())
    out.mkdir(parents=True, exist_ok=True)
    target = out / "_config.yml"
    target.write_text("# Generated by tools/i18n.py from _config.yml: do not edit.\n"
                      + yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                      encoding="utf-8")
    return target


def run(cmd, **kwargs):
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT, **kwargs)


def extract(args) -> None:
    work = ROOT / "_build" / "i18n"
    shutil.rmtree(work / "gettext", ignore_errors=True)  # (parsed pages are kept in doctrees/)
    config = write_config(work, language=None, cache=None, execute="off")
    # `jupyter-book config sphinx` writes conf.py beside the configuration it is given.
    run([BIN / "jupyter-book", "config", "sphinx", ".", "--config", config])
    run([BIN / "sphinx-build", "-q", "-b", "gettext", "-c", work, "-d", work / "doctrees", ".",
         work / "gettext"],
        env=_env())
    add_figure_texts(work / "gettext")
    site = (ROOT / args.site).resolve()
    if not (site / "index.html").exists():
        raise SystemExit(f"no English site at {site}: the texts that code displays are read from "
                         f"its pages (`make i18n` builds it first)")
    add_generated_texts(work / "gettext", site)
    run([BIN / "sphinx-intl", "update", "-p", work / "gettext", "-l", LANGUAGE,
         "-d", LOCALES, "-w", "0"])
    # Messages whose English left the page are kept by sphinx-intl as obsolete entries; git
    # history keeps them too, so the catalogues hold only the current messages.
    for po in CATALOGUES.rglob("*.po"):
        catalog = _read(po)
        if catalog.obsolete:
            catalog.obsolete.clear()
            _write(po, catalog)
    reuse_page_translations()
    # Pages that left the book leave their catalogues behind: remove them.
    pots = {p.relative_to(work / "gettext").with_suffix(".po")
            for p in (work / "gettext").rglob("*.pot")}
    for po in CATALOGUES.rglob("*.po"):
        if po.relative_to(CATALOGUES) not in pots:
            print(f"removing {po.relative_to(ROOT)} (page no longer in the book)")
            po.unlink()


def add_figure_texts(gettext: Path) -> None:
    """Captions and alt text of figures made by code cells (``mystnb.figure.caption``,
    ``mystnb.image.alt`` in the cell's metadata) into the page's .pot.

    Without execution a code cell has no output, so the gettext build never sees these figures;
    the texts are read from the notebook instead, in the form Sphinx looks them up at build time
    (a caption's msgid is its text with newlines as spaces, an alt text's is the text itself)."""
    import json

    from babel.messages.pofile import read_po, write_po

    for pot in sorted(gettext.rglob("*.pot")):
        notebook = ROOT / pot.relative_to(gettext).with_suffix(".ipynb")
        if not notebook.exists():
            continue
        with pot.open("rb") as f:
            catalog = read_po(f)
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            meta = cell["metadata"].get("mystnb", {})
            caption = meta.get("figure", {}).get("caption")
            alt = meta.get("image", {}).get("alt")
            for text in (" ".join(str(caption).split("\n")).strip() if caption else None, alt):
                if text and text not in catalog:
                    catalog.add(text)
        with pot.open("wb") as f:
            write_po(f, catalog, width=0)


def generated_texts() -> dict[str, list[str]]:
    """The texts of the tables that code cells display, by page, in the order the page shows them.

    Each comes from where the notebook takes it: the column titles from the notebook's own code
    (`table_headers`), the ledger's rows from `nnbook.claims.REGISTRY` (statement, what the source
    says, criterion, the heading of the section that shows it) and the verdicts
    `claims.VERDICTS`, the presets' rows from `nnbook.presets.PRESETS` (how each differs from its
    figure, what to look at). Left out, so they stay English: what an experiment measured (text
    with the run's numbers, one template per claim), the source of a claim (bibliography keys and
    the note's section names, which name the English original), a preset's name (the name that
    code and prose use) and its number of steps.
    """
    from nnbook import claims, presets

    ledger = [*table_headers(LEDGER), *claims.VERDICTS]
    for c in claims.REGISTRY:
        ledger += [c.statement, c.says, c.criterion, c.section]
    playground = table_headers(PLAYGROUND)
    for p in presets.PRESETS:
        playground += [p.differs, p.look_for]
    return {page: list(dict.fromkeys(texts)) for page, texts in
            [(LEDGER, ledger), (PLAYGROUND, playground)]}


def table_headers(page: str) -> list[str]:
    """The column titles of the Markdown tables that a page's code cells write as string literals
    ("| claim | the source says |"), read from the notebook's code."""
    titles = []
    for cell in json.loads((ROOT / f"{page}.ipynb").read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        # IPython's magics and shell escapes are not Python: each becomes a `pass`.
        code = re.sub(r"^(\s*)[%!].*$", r"\1pass", "".join(cell["source"]), flags=re.M)
        for node in ast.walk(ast.parse(code)):
            text = node.value if isinstance(node, ast.Constant) else None
            if (isinstance(text, str) and TABLE_ROW.fullmatch(text)
                    and not TABLE_RULE.fullmatch(text)):
                titles += [title.strip() for title in text.strip("|").split("|")]
    return titles


# Where the texts that code displays come from: the book package (less the exercise checks,
# whose feedback stays English) and the chapters' code cells.
CODE = ("nnbook", "chapters")
WORD = re.compile(r"[A-Za-z]{2,}")
TAG = re.compile(r"<[^<>]*>")
ATTRIBUTE = re.compile(rf'\b({"|".join(book_i18n.READ_ATTRIBUTES)})="([^"]*)"')
STRAIGHT = str.maketrans("‘’“”", "''\"\"")


def _template(node) -> str | None:
    """A string expression of the code as a template: an f-string's values become fields
    "{0}", "{1}"..., a literal's braces are doubled; "a" + f"b" and "...".format(...) too."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value.replace("{", "{{").replace("}", "}}")
    if isinstance(node, ast.JoinedStr):
        parts, n = [], 0
        for value in node.values:
            if isinstance(value, ast.Constant):
                parts.append(value.value.replace("{", "{{").replace("}", "}}"))
            else:
                parts.append("{%d}" % n)
                n += 1
        return "".join(parts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _template(node.left), _template(node.right)
        if left is not None and right is not None:
            return _numbered(left + right)
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "format" and isinstance(node.func.value, ast.Constant)
            and isinstance(node.func.value.value, str)):
        return _numbered(node.func.value.value, named=True)
    return None


def _numbered(template: str, *, named: bool = False) -> str | None:
    """Fields renumbered 0, 1, 2... in order (a ``str.format`` string's named fields too)."""
    out, n = [], 0
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return None
    for literal, field, _, _ in parsed:
        out.append(literal.replace("{", "{{").replace("}", "}}"))
        if field is not None:
            if not named and not field.isdigit():
                return None
            out.append("{%d}" % n)
            n += 1
    return "".join(out)


def _pieces(template: str) -> list[str]:
    """A template's texts a reader meets: an HTML template's texts between tags and the values
    of its tags' alt, aria-label and aria-valuetext attributes (entities decoded, each with
    its fields renumbered); a plain template is its one piece."""
    # An f-string may hold part of a tag ('<img src="{0}'): that part is not text.
    template = re.sub(r'^[^<]*?"\s*/?>', "", re.sub(r"<[A-Za-z/][^>]*$", "", template))
    if not TAG.search(template):
        return [template]
    found = [value for tag in TAG.findall(template)
             for _, value in ATTRIBUTE.findall(tag)]
    found += TAG.split(template)
    found = [_numbered(html.unescape(piece).strip()) for piece in found
             if WORD.search(re.sub(r"\{\d+\}", "", piece))]
    return [f for f in found if f]


def code_templates() -> dict[str, str]:
    """Every text and template of the book's code that could be displayed (template -> where it
    is): string literals, f-strings and format strings with a word in their fixed text (an HTML
    template's pieces), outside docstrings and ``raise``. Most are never displayed;
    `displayed_entries` keeps those that a page shows."""
    found = {}
    sources = [(py, py.read_text(encoding="utf-8"))
               for py in sorted((ROOT / CODE[0]).rglob("*.py")) if "checks" not in py.parts]
    for notebook in sorted((ROOT / CODE[1]).glob("*.ipynb")):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                code = re.sub(r"^(\s*)[%!].*$", r"\1pass", "".join(cell["source"]), flags=re.M)
                sources.append((notebook, code))
    for path, code in sources:
        tree = ast.parse(code)
        skip = {id(n) for r in ast.walk(tree) if isinstance(r, ast.Raise) for n in ast.walk(r)}
        skip |= {id(part) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)
                 for value in n.values for part in ast.walk(value)}  # an f-string's own parts
        skip |= {id(n.body[0].value) for n in ast.walk(tree)
                 if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                 and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            template = None if id(node) in skip else _template(node)
            if template is None or re.search(r"\}\{", template):
                continue
            for piece in _pieces(template):
                # A literal "{label}" that code fills in later (describe.format(label=...)).
                later = re.sub(r"\{\{([A-Za-z_]\w*)\}\}", r"{\1}", piece)
                for text in dict.fromkeys([piece, _numbered(later, named=True) or piece]):
                    if WORD.search(re.sub(r"\{\d+\}", "", text)):
                        found.setdefault(text, str(path.relative_to(ROOT)))
    return found


class _OutputTexts(html.parser.HTMLParser):
    """The texts of a built page's cell outputs that a reader meets, as the Chinese build's
    ``book_i18n.translate_html`` finds them: text between tags (outside its SKIPPED_TAGS), its
    READ_ATTRIBUTES, and the FRAME_FIELDS of each demo frame."""

    def __init__(self):
        super().__init__()
        self.depth, self.skip, self.texts = 0, 0, []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div":
            if self.depth:
                self.depth += 1
            elif "cell_output" in (attrs.get("class") or "").split():
                self.depth = 1
        if not self.depth:
            return
        self.skip += tag in book_i18n.SKIPPED_TAGS
        self.texts += [attrs[a] for a in book_i18n.READ_ATTRIBUTES if attrs.get(a)]
        if attrs.get("data-frames"):
            for frame in json.loads(attrs["data-frames"]):
                self.texts += [frame[k] for k in book_i18n.FRAME_FIELDS
                               if isinstance(frame.get(k), str)]

    def handle_endtag(self, tag):
        if self.depth:
            self.skip -= tag in book_i18n.SKIPPED_TAGS
            self.depth -= tag == "div"

    def handle_data(self, data):
        if self.depth and not self.skip and data.strip():
            self.texts.append(data)


def displayed_texts(site: Path, page: str) -> list[str]:
    """The English texts of a page's cell outputs (`_OutputTexts`) with words in them, less those
    that Sphinx translates itself (a figure's caption or alt text from the cell's metadata).
    Quotes are straight, as in the code (Sphinx curls them after the translation)."""
    parser = _OutputTexts()
    parser.feed((site / f"{page}.html").read_text(encoding="utf-8"))
    po = CATALOGUES / f"{page}.po"
    own = {" ".join(m.id.split()) for m in _read(po) if m.id} if po.exists() else set()
    # Sphinx curls the quotes of output paragraphs after the Chinese build has translated them.
    texts = [t.translate(STRAIGHT) for t in parser.texts]
    return [t for t in dict.fromkeys(texts) if WORD.search(t) and " ".join(t.split()) not in own]


def displayed_entries(site: Path, pages=None) -> dict[str, list[str]]:
    """Page -> the code's texts and templates (`code_templates`) that its displayed texts use,
    as the Chinese build's translator finds them (`book_i18n.Translator`)."""
    candidates = code_templates()
    pages = pages or sorted(p.relative_to(site).with_suffix("").as_posix()
                            for folder in ("chapters", "exercises")
                            for p in (site / folder).glob("*.html"))
    found = {}
    for page in pages:
        translator = book_i18n.Translator({c: c for c in candidates})
        for text in displayed_texts(site, page):
            translator(text)
        if translator.used:
            found[page] = sorted(translator.used, key=list(candidates).index)
    return found


def add_generated_texts(gettext: Path, site: Path) -> None:
    """Each page's `generated_texts` and `displayed_entries` into
    ``gettext/generated/<page>.pot``, beside the pages' templates, so that ``sphinx-intl
    update`` merges them like the rest."""
    from babel.messages.catalog import Catalog

    entries = displayed_entries(site)
    texts = generated_texts()
    for page in sorted(set(texts) | set(entries)):
        catalog = Catalog()
        for text in dict.fromkeys([*texts.get(page, []), *entries.get(page, [])]):
            catalog.add(text, flags=["python-brace-format"] if book_i18n.template_fields(text)
                        else [])
        pot = gettext / GENERATED / f"{page}.pot"
        pot.parent.mkdir(parents=True, exist_ok=True)
        _write(pot, catalog)


def reuse_page_translations() -> None:
    """A generated text that is also a message of a page (a claim's section is a heading of its
    chapter) takes the page's translation (the first page's, if pages differ), so that one
    English text reads the same in both places; a generated text that another page's generated
    catalogue has translated (a widget's kernel note) takes that translation."""
    pages, generated = {}, {}  # English -> its translations in the pages' / generated catalogues
    for po in sorted(CATALOGUES.rglob("*.po")):
        found = generated if po.relative_to(CATALOGUES).parts[0] == GENERATED else pages
        for m in _read(po):
            if m.id and m.string and not m.fuzzy:
                found.setdefault(m.id, []).append(m.string)
    for po in sorted((CATALOGUES / GENERATED).rglob("*.po")):
        catalog = _read(po)
        changed = False
        for message in catalog:
            if message.id in pages and (message.string not in pages[message.id] or message.fuzzy):
                message.string = pages[message.id][0]
            elif message.id in generated and (not message.string or message.fuzzy):
                message.string = generated[message.id][0]
            else:
                continue
            message.flags.discard("fuzzy")
            changed = True
        if changed:
            _write(po, catalog)


def _read(po: Path):
    from babel.messages.pofile import read_po

    with po.open("rb") as f:
        return read_po(f)


def _write(po: Path, catalog) -> None:
    from babel.messages.pofile import write_po

    with po.open("wb") as f:
        write_po(f, catalog, width=0)


def _env():
    import os

    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "_ext"), env.get("PYTHONPATH")]))
    return env


def build(args) -> None:
    base = (ROOT / args.path_output).resolve()
    english_html = base / "_build" / "html"
    out = base / "_build" / PREFIX  # beside the English build's own _build/html
    config = write_config(out, language=LANGUAGE, cache=base / "_build" / ".jupyter_cache",
                          execute="cache")
    start = time.perf_counter()
    cmd = [BIN / "jupyter-book", "build", ".", "--config", config, "--path-output", out,
           *args.sphinx_args]
    print("+", " ".join(str(c) for c in cmd), flush=True)
    # The log is kept (out/build.log): tests/test_i18n.py fails on any warning in it.
    with (out / "build.log").open("w", encoding="utf-8") as log:
        proc = subprocess.Popen([str(c) for c in cmd], cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, encoding="utf-8",
                                errors="replace")
        for line in proc.stdout:
            sys.stdout.write(line)
            log.write(line)
        if proc.wait():
            raise SystemExit(f"the Chinese edition's build failed (log: {out / 'build.log'})")
    seconds = time.perf_counter() - start
    target = english_html / PREFIX
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(out / "_build" / "html", target)
    print(f"Chinese edition built in {seconds:.0f} s, copied to {target.relative_to(ROOT)}")


def status(args) -> None:
    from babel.messages.pofile import read_po

    totals = [0, 0, 0]
    for po in sorted(CATALOGUES.rglob("*.po")):
        with po.open("rb") as f:
            catalog = read_po(f)
        msgs = [m for m in catalog if m.id]
        done = sum(1 for m in msgs if m.string and not m.fuzzy)
        fuzzy = sum(1 for m in msgs if m.fuzzy)
        totals[0] += done
        totals[1] += len(msgs)
        totals[2] += fuzzy
        print(f"{po.relative_to(CATALOGUES)}: {done}/{len(msgs)} translated, {fuzzy} fuzzy")
    print(f"total: {totals[0]}/{totals[1]} translated, {totals[2]} fuzzy")


def _catalogue(page: str):
    from babel.messages.pofile import read_po

    po = CATALOGUES / f"{page}.po"
    with po.open("rb") as f:
        return po, read_po(f)


def dump(args) -> None:
    """Numbered blocks, the English of each message; untranslated ones only with --todo."""
    _, catalog = _catalogue(args.page)
    for n, message in enumerate(m for m in catalog if m.id):
        if args.todo and message.string and not message.fuzzy:
            continue
        print(f"### {n}\n{message.id}\n")


def fill(args) -> None:
    """Write the blocks of a file ("### N" then the translation of message N, or "=" to keep
    the English) into the .po; a filled message loses its fuzzy flag."""
    from babel.messages.pofile import write_po

    po, catalog = _catalogue(args.page)
    found = [m for m in catalog if m.id]
    blocks = re.split(r"^### (\d+)\n", Path(args.file).read_text(encoding="utf-8"), flags=re.M)
    for number, text in zip(blocks[1::2], blocks[2::2]):
        message = found[int(number)]
        text = text.strip("\n")
        # "=" keeps the English (display math); a message's surrounding newlines are kept.
        message.string = message.id if text == "=" else (
            message.id[:len(message.id) - len(message.id.lstrip("\n"))] + text
            + message.id[len(message.id.rstrip("\n")):])
        message.flags.discard("fuzzy")
    with po.open("wb") as f:
        write_po(f, catalog, width=0, omit_header=False)
    print(f"{po.relative_to(ROOT)}: {len(blocks) // 2} messages written")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("extract", help="update the catalogues from the English sources")
    p.add_argument("--site", default="_build/html",
                   help="the built English site, whose pages show the texts that code displays")
    p = sub.add_parser("config", help="write the Chinese edition's _config.yml into a folder")
    p.add_argument("out", type=Path)
    p.add_argument("--cache", type=Path, default=ROOT / "_build" / ".jupyter_cache")
    p = sub.add_parser("build", help="build the Chinese edition into PATH/_build/html/zh")
    p.add_argument("--path-output", default=".",
                   help="the English build's --path-output (its execution cache is reused)")
    p.add_argument("sphinx_args", nargs="*", help="extra jupyter-book build options (after --)")
    sub.add_parser("status", help="how much of each page is translated")
    p = sub.add_parser("dump", help="a page's messages as numbered blocks")
    p.add_argument("page")
    p.add_argument("--todo", action="store_true", help="only untranslated or fuzzy messages")
    p = sub.add_parser("fill", help="write translated blocks into a page's catalogue")
    p.add_argument("page")
    p.add_argument("file")
    args = parser.parse_args(argv)
    if args.command == "extract":
        extract(args)
    elif args.command == "config":
        print(write_config(args.out, language=LANGUAGE, cache=args.cache, execute="cache"))
    elif args.command == "build":
        build(args)
    elif args.command == "dump":
        dump(args)
    elif args.command == "fill":
        fill(args)
    else:
        status(args)


if __name__ == "__main__":
    main()
