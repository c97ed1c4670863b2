"""Every page of the built site in headless Chromium at 1280 x 900, served from 127.0.0.1 only.

Each page must make no request that leaves 127.0.0.1, log no console error, typeset its math,
load every image (with alt text) and pass these checks:

- demos: every kernel-free demo changes its picture when its control moves, with no kernel;
- honest controls: a probe works every visible control (buttons, sliders, menus, toggles) and
  fails when one changes nothing on the page, unless it sits in a widget marked as needing a
  kernel (``data-nnkit-needs-kernel``: a still rendering whose controls are disabled and whose
  launch links point at the page's own Binder and Colab addresses);
- accessibility: axe-core (npm, pinned in assets/package-lock.json) finds no critical or serious
  violation, except the theme's own ones listed with their reason in ``axe_known.json``;
- keyboard: the page's first demo is reached from a skip link within three Tab presses, and
  focus rings reach 3:1 against the page in light and dark mode;
- dark mode: the text of outputs, demos and kernel widgets keeps a 4.5:1 contrast (axe);
- screenshots of the page in light and dark mode go to ``_build/screenshots/desktop-*`` (its first
  screen; the whole page with ``--screenshots full``, as ``make test-browser`` takes them).

An exercise page (in either edition) also keeps its solutions collapsed and hands out the
learner's workbook from its launch and download buttons.

A page of the Chinese edition (zh/) gets the loading, math, image, keyboard and axe checks, the
phone-width layout checks of test_phone.py and its light screenshots; its demos, controls and
dark-mode styles are its English twin's, which that page's run works through
(tests/test_i18n.py checks that every page has its twin).
"""

import json
import re
from pathlib import Path

import pytest
from conftest import PHONE
from test_phone import check_layout

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "assets" / "node_modules" / "axe-core" / "axe.min.js"
KNOWN = json.loads((Path(__file__).with_name("axe_known.json")).read_text(encoding="utf-8"))["known"]
SAMPLED = 2  # copy buttons, cell-source toggles, sidebar expanders: one handler each, 2 tried per page


def test_page(open_tab, server, page):
    tab = open_tab(page, permissions=("clipboard-read", "clipboard-write"))
    t = tab.page
    assert not tab.outside, f"{page}: requests left 127.0.0.1: {tab.outside[:5]}"
    assert not tab.errors, f"{page}: console errors: {tab.errors[:5]}"
    text = t.inner_text("article") if t.query_selector("article") else t.inner_text("body")
    raw = re.findall(r"\\\(|\\\[|\$\$|(?<![\w$])\$[^$\s][^$]*\$", text)
    assert not raw, f"{page}: math left untypeset: {raw[:3]}"
    if t.query_selector(".math"):
        assert t.query_selector("mjx-container"), f"{page}: math present but MathJax did not render it"
    tab.load_all_images()
    images = t.evaluate("""() => Array.from(document.images).map(i => ({
        src: i.src.slice(0, 80), ok: i.complete && i.naturalWidth > 0, alt: i.getAttribute('alt')}))""")
    assert all(i["ok"] for i in images), f"{page}: images that did not load: {[i for i in images if not i['ok']]}"
    no_alt = [i["src"] for i in images if not (i["alt"] or "").strip()]
    assert not no_alt, f"{page}: images without alt text: {no_alt}"
    paths = [i for i in images if re.search(r"\.(png|svg|jpe?g)$|_build/|/tmp/", i["alt"] or "")]
    assert not paths, f"{page}: alt text that is a file name: {paths}"
    check_skip_link(tab, page)  # first: the keyboard starts from the top of a fresh page
    check_widget_manager_only_where_needed(t, page)
    check_kernel_widgets(t, page)
    check_demos(tab, page)
    check_axe(t, page)
    if re.fullmatch(r"(zh/)?exercises/ex[^/]*\.html", page):
        check_exercise_page(tab, page, server[0])
    tab.screenshot("desktop-light", page)
    if page.startswith("zh/"):
        # A Chinese page is its English twin's HTML with the text translated: the same demos,
        # controls and styles, which the English page's run works through in both modes. Its
        # own text can still break the layout: checked at phone width (test_phone.py taps the
        # header on a few Chinese pages).
        t.set_viewport_size(PHONE)
        check_layout(tab, page)
        tab.screenshot("phone-light", page)
        assert not tab.errors, f"{page}: console errors: {tab.errors[:5]}"
        return
    check_controls(tab, page)
    assert not tab.outside, f"{page}: working the controls made requests leave 127.0.0.1: {tab.outside[:5]}"
    tab.set_dark(True)
    t.wait_for_timeout(100)
    check_dark_contrast(t, page)
    check_focus_rings(tab, page, dark=True)
    tab.screenshot("desktop-dark", page)
    tab.set_dark(False)
    check_focus_rings(tab, page, dark=False)
    assert not tab.errors, f"{page}: console errors while working the page: {tab.errors[:5]}"


# --- what a page loads ------------------------------------------------------------------------

def check_widget_manager_only_where_needed(t, page):
    views = t.evaluate("""() => document.querySelectorAll(
        'script[type="application/vnd.jupyter.widget-view+json"]').length""")
    manager = t.evaluate("() => !!document.querySelector('script[src*=\"embed-amd\"]')")
    assert manager == (views > 0), f"{page}: {views} live widget views but widget manager loaded: {manager}"
    if views:
        t.wait_for_selector(".jupyter-widgets", timeout=10000)
    scripts = t.evaluate("""() => Array.from(document.querySelectorAll('head script[src]'))
        .filter(s => !s.defer && !s.async).map(s => s.getAttribute('src'))""")
    blocking = [s for s in scripts if "documentation_options" not in s]
    assert not blocking, f"{page}: scripts that block the first paint: {blocking}"
    assert not t.evaluate("() => !!document.querySelector('script[src*=\"fontawesome\"]')"), \
        f"{page}: loads the 1.5 MB Font Awesome script"
    math = t.evaluate("() => !!document.querySelector('.math')")
    mathjax = t.evaluate("() => !!document.querySelector('script[src*=\"mathjax\"]') || "
                         "Array.from(document.scripts).some(s => s.text.includes('tex-mml-chtml'))")
    assert math == mathjax, f"{page}: math on the page: {math}, MathJax loaded: {mathjax}"


def check_kernel_widgets(t, page):
    """Kernel-only widgets: a still picture, disabled controls, and the page's own launch links."""
    widgets = t.query_selector_all("[data-nnkit-needs-kernel]")
    if not widgets:
        return
    # The Chinese edition (zh/) launches the same notebook as the English page.
    source = page.removeprefix("zh/").removesuffix(".html") + ".ipynb"
    for number, widget in enumerate(widgets):
        links = widget.evaluate("""w => Array.from(w.querySelectorAll('a[data-nnkit-launch]'))
            .map(a => [a.dataset.nnkitLaunch, a.href])""")
        kinds = dict(links)
        assert set(kinds) == {"binder", "colab"}, f"{page}: kernel widget {number} launch links: {links}"
        assert kinds["binder"].startswith("https://mybinder.org/v2/gh/") and kinds["binder"].endswith(source)
        assert kinds["colab"].startswith("https://colab.research.google.com/github/") \
            and kinds["colab"].endswith(source)
        header = t.evaluate("""() => Array.from(document.querySelectorAll('.dropdown-launch-buttons a'))
            .map(a => a.href)""")
        assert kinds["binder"] in header and kinds["colab"] in header, \
            f"{page}: widget launch links differ from the page's launch buttons {header}"
        live = widget.evaluate("""w => Array.from(w.querySelectorAll('input, select, button, textarea'))
            .filter(c => !c.disabled).length""")
        assert live == 0, f"{page}: kernel widget {number} has {live} controls that look live"
        # (the preset chooser shows its list of presets, named "ch3: ..." in both editions)
        assert widget.query_selector("img[alt]") or "ch3: " in widget.inner_text(), \
            f"{page}: kernel widget {number} shows no picture"


PICTURE = "(demo) => { const i = demo.querySelector('figure img'); return i.src + ' ' + i.alt; }"


def check_demos(tab, page):
    """Every kernel-free demo shows another picture and caption when its control moves."""
    t = tab.page
    for number, demo in enumerate(t.query_selector_all(".nnkit-demo")):
        demo.scroll_into_view_if_needed()
        assert demo.get_attribute("data-inert") is None, f"{page}: demo {number} was never enabled"
        before = demo.evaluate(PICTURE)
        caption = demo.query_selector("figcaption").inner_text()
        slider = demo.query_selector("input[type=range]")
        select = demo.query_selector("select")
        buttons = demo.query_selector_all("button[data-index]")
        if slider:
            assert slider.evaluate("s => s.labels.length") == 1, f"{page}: demo {number} slider has no label"
            at_end = slider.evaluate("s => s.value === s.max")
            slider.focus()
            t.keyboard.press("ArrowLeft" if at_end else "ArrowRight")
            text = slider.get_attribute("aria-valuetext")
            shown = demo.query_selector("output").inner_text()
            assert text and shown in text and not text.strip().isdigit(), \
                f"{page}: demo {number} slider announces {text!r} for the value {shown!r}"
        elif select:
            current = select.evaluate("s => s.selectedIndex")
            select.select_option(index=1 if current == 0 else 0)
        elif len(buttons) > 1:
            target = next(b for b in buttons if b.get_attribute("aria-pressed") != "true")
            target.click()
            assert target.get_attribute("aria-pressed") == "true"
        else:
            raise AssertionError(f"{page}: demo {number} has no slider, menu or buttons")
        t.wait_for_function(f"([demo, before]) => ({PICTURE})(demo) !== before", arg=[demo, before],
                            timeout=5000)
        assert demo.query_selector("figcaption").inner_text() != caption or len(set(caption)) < 2, \
            f"{page}: demo {number}: the caption did not follow the picture"
        t.wait_for_function("(demo) => demo.querySelector('figure img').complete", arg=demo, timeout=5000)
        assert demo.evaluate("d => d.querySelector('figure img').naturalWidth") > 0, \
            f"{page}: demo {number}: the new picture did not load"


def check_skip_link(tab, page):
    """The first demo is reached within three Tab presses (via the skip link)."""
    t = tab.page
    if not t.query_selector(".nnkit-demo"):
        return
    for presses in range(1, 4):
        t.keyboard.press("Tab")
        if t.evaluate("() => !!document.activeElement.closest('.nnkit-demo')"):
            break
        if t.evaluate("() => !!document.activeElement.closest('.nnkit-skip-demo')"):
            t.keyboard.press("Enter")
            break
    inside = t.evaluate("() => !!document.activeElement.closest('.nnkit-demo')")
    assert inside, f"{page}: the first demo is not reached within {presses} Tab presses"
    first = t.evaluate("() => document.activeElement.closest('.nnkit-demo').id")
    assert first == t.evaluate("() => document.querySelector('.nnkit-demo').id")


# --- accessibility ----------------------------------------------------------------------------

def run_axe(t, context, options):
    if not t.evaluate("() => !!window.axe"):
        t.add_script_tag(path=str(AXE))
    return t.evaluate("([context, options]) => axe.run(context, options)", [context, options])


def known(rule, targets):
    return next((k for k in KNOWN if k["rule"] == rule and any(k["target"] in t for t in targets)), None)


def check_axe(t, page):
    # Syntax-highlighted code (thousands of spans, the theme's Pygments colours) is left to
    # test_code_colours, on one page: it would double the time of every page's run.
    result = run_axe(t, {"exclude": [["div.highlight"]]}, {"resultTypes": ["violations"]})
    bad = []
    for violation in result["violations"]:
        if violation["impact"] not in ("critical", "serious"):
            continue
        for node in violation["nodes"]:
            targets = [str(x) for x in node["target"]]
            if known(violation["id"], targets):
                continue
            bad.append(f"{violation['id']} ({violation['impact']}) at {targets}: {node['failureSummary'][:160]}")
    assert not bad, f"{page}: {len(bad)} critical or serious accessibility violations:\n" + "\n".join(bad[:12])


def check_dark_contrast(t, page):
    selectors = [".bd-article .cell_output", ".nnkit-demo", ".nnkit-kernel-widget", ".bd-article .admonition"]
    present = [s for s in selectors if t.query_selector(s)]
    if not present:
        return
    result = run_axe(t, {"include": [[s] for s in present]},
                     {"runOnly": ["color-contrast"], "resultTypes": ["violations"]})
    bad = [f"{[str(x) for x in n['target']]}: {n['failureSummary'][:200]}"
           for v in result["violations"] for n in v["nodes"]]
    assert not bad, f"{page}: dark-mode text below 4.5:1 in outputs and widgets:\n" + "\n".join(bad[:10])


def luminance(rgb):
    def channel(c):
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


RING = """(el) => {
    const parse = c => (c.match(/[\\d.]+/g) || []).map(Number);
    const style = getComputedStyle(el);
    let node = el.parentElement, bg = [255, 255, 255];
    while (node) {
        const c = parse(getComputedStyle(node).backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) { bg = c.slice(0, 3); break; }
        node = node.parentElement;
    }
    return {style: style.outlineStyle, width: parseFloat(style.outlineWidth),
            color: parse(style.outlineColor), bg};
}"""


def check_focus_rings(tab, page, *, dark):
    """Keyboard focus on a demo control and on a header button draws a ring of 3:1 or more."""
    t = tab.page
    targets = [s for s in (".nnkit-demo input, .nnkit-demo button, .nnkit-demo select",
                           ".bd-header-article button.primary-toggle") if t.query_selector(s)]
    for selector in targets:
        element = t.query_selector(selector)
        element.scroll_into_view_if_needed()
        t.evaluate("() => document.activeElement && document.activeElement.blur()")
        element.focus()
        t.keyboard.press("Shift+Tab")
        t.keyboard.press("Tab")
        ring = t.evaluate(RING, t.evaluate_handle("() => document.activeElement"))
        assert ring["style"] != "none" and ring["width"] >= 2, \
            f"{page}: no visible focus ring on {selector} ({'dark' if dark else 'light'}): {ring}"
        ratio = contrast(ring["color"], ring["bg"])
        assert ratio >= 3, f"{page}: focus ring on {selector} has contrast {ratio:.2f}:1 " \
                           f"({'dark' if dark else 'light'} mode)"


# --- the control probe ------------------------------------------------------------------------

LIST_CONTROLS = """() => {
    const selector = 'button, input, select, textarea, summary, [role=button], [role=slider], '
                   + '[role=tab], [role=switch], [role=checkbox], [role=radio]';
    const seen = new Set(), out = [];
    document.querySelectorAll(selector).forEach((el, i) => {
        if (seen.has(el)) return;
        seen.add(el);
        const r = el.getBoundingClientRect();
        if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true}) || r.width < 2 || r.height < 2) return;
        el.setAttribute('data-probe', String(i));
        const group = el.classList.contains('copybtn') ? 'copy'
            : (el.tagName === 'SUMMARY' && el.closest('.bd-sidebar')) ? 'nav-expander'
            : (el.tagName === 'SUMMARY' && el.closest('details.hide, details.toggle-details, .cell')) ? 'cell-toggle' : '';
        out.push({id: String(i), tag: el.tagName.toLowerCase(), type: el.type || '',
                  role: el.getAttribute('role') || '', group,
                  disabled: !!(el.disabled || el.getAttribute('aria-disabled') === 'true' || el.closest('fieldset[disabled]')),
                  kernel: !!el.closest('[data-nnkit-needs-kernel]'),
                  pressed: el.getAttribute('aria-pressed') === 'true',
                  name: (el.getAttribute('aria-label') || el.innerText || el.title || el.name || '').trim().slice(0, 50)});
    });
    return out;
}"""

WATCH = """async (el) => {
    el.scrollIntoView({block: 'center'});
    await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
    if (window.__probeObserver) window.__probeObserver.disconnect();
    window.__probeChanged = '';
    const ignored = (node) => node && node.nodeType === 1 && (node.classList.contains('tooltip')
        || node.closest('.tooltip, .bd-toc-nav, #pst-back-to-top'));
    const ignoredAttr = new Set(['aria-describedby', 'data-bs-original-title', 'title', 'data-probe']);
    window.__probeObserver = new MutationObserver((records) => {
        for (const r of records) {
            if (r.type === 'attributes' && (ignoredAttr.has(r.attributeName)
                || (r.attributeName === 'class' && (r.target === document.body || ignored(r.target))))) continue;
            if (ignored(r.target)) continue;
            if (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(n => ignored(n)
                || (n.nodeType === 3 && !n.textContent.trim()))) continue;
            window.__probeChanged = r.type + ' ' + (r.attributeName || '') + ' on ' + (r.target.className || r.target.nodeName);
            return;
        }
    });
    window.__probeObserver.observe(document.documentElement, {subtree: true, childList: true,
                                                             attributes: true, characterData: true});
    const old = window.__probeFullscreen;
    if (!old) {
        window.__probeFullscreen = true;
        document.addEventListener('fullscreenchange', () => { window.__probeChanged = 'fullscreen'; });
    }
}"""

RESTORE = """() => {
    window.__probeObserver.disconnect();
    document.querySelectorAll('dialog[open]').forEach(d => d.close());
    if (document.fullscreenElement) document.exitFullscreen();
    document.querySelector('#pst-primary-sidebar')?.classList.remove('pst-sidebar-hidden');
    for (const key of ['mode', 'theme']) {
        localStorage.setItem(key, 'light');
        document.documentElement.dataset[key] = 'light';
    }
    const open = document.querySelector('.dropdown-menu.show');
    return !!open;   // a menu still open: the caller presses Escape
}"""


def plan(controls):
    """Which controls to work: all of them, but only a sample of each repeated kind (copy buttons,
    code-cell toggles, sidebar expanders share one handler); pressed toggle buttons last."""
    counts, chosen = {}, []
    for c in controls:
        if c["group"]:
            counts[c["group"]] = counts.get(c["group"], 0) + 1
            if counts[c["group"]] > SAMPLED:
                continue
        chosen.append(c)
    return [c for c in chosen if not c["pressed"]] + [c for c in chosen if c["pressed"]]


def act(t, el, c):
    if c["tag"] == "input" and c["type"] == "range" or c["role"] == "slider":
        at_end = el.evaluate("s => String(s.value ?? s.getAttribute('aria-valuenow')) === "
                             "String(s.max ?? s.getAttribute('aria-valuemax'))")
        el.focus()
        t.keyboard.press("ArrowLeft" if at_end else "ArrowRight")
    elif c["tag"] == "select":
        current = el.evaluate("s => s.selectedIndex")
        el.select_option(index=1 if current == 0 else 0)
    elif c["tag"] in ("input", "textarea") and c["type"] not in ("checkbox", "radio", "button", "submit"):
        el.fill("3, 2")
        el.press("Enter")
    else:
        el.click(timeout=10000)


def check_controls(tab, page):
    """Work every visible control; each must change something on the page, or be disabled inside
    a widget that says it needs a kernel."""
    t = tab.page
    url = t.url
    controls = t.evaluate(LIST_CONTROLS)
    dead, unexplained, worked = [], [], 0
    for c in plan(controls):
        el = t.query_selector(f'[data-probe="{c["id"]}"]')
        if el is None or not el.is_visible():
            continue
        if c["disabled"]:
            if not c["kernel"]:
                unexplained.append(f"{c['tag']} {c['name']!r}")
            continue
        el.evaluate(WATCH)
        try:
            act(t, el, c)
            t.wait_for_function("() => window.__probeChanged", timeout=1500, polling=50)
            worked += 1
        except Exception as err:  # a control that changed nothing (or could not be worked)
            if not c["kernel"]:
                dead.append(f"{c['tag']}{'[' + c['type'] + ']' if c['type'] else ''} "
                            f"{c['name']!r}: {' '.join(str(err).split())[:300]}")
        if t.evaluate(RESTORE):
            t.keyboard.press("Escape")
        if t.url.split("#")[0] != url.split("#")[0]:
            t.goto(url, wait_until="load")
    assert not unexplained, f"{page}: disabled controls outside a needs-a-kernel widget: {unexplained}"
    assert not dead, f"{page}: controls that change nothing ({len(dead)} of {worked + len(dead)}):\n" \
        + "\n".join(dead)


# --- exercises --------------------------------------------------------------------------------

def test_the_site_has_every_exercise_page(server):
    _, site = server
    sources = sorted(p.stem for p in (ROOT / "exercises").glob("ex*.ipynb"))
    assert sources, "no exercise sources"
    for edition in (site, site / "zh"):
        built = sorted(p.stem for p in (edition / "exercises").glob("ex*.html"))
        assert built == sources, f"{edition}: exercise pages {built}, sources {sources}"


def check_exercise_page(tab, page, base):
    """Solutions start collapsed; launch and download buttons give the workbook, not the source
    (the Chinese workbook on the Chinese page)."""
    t = tab.page
    name = page.removeprefix("zh/").removeprefix("exercises/").removesuffix(".html")
    folder = "exercises/workbooks/zh/" if page.startswith("zh/") else "exercises/workbooks/"
    solutions = t.query_selector_all(".solution")
    assert solutions, f"{page}: no solutions found"
    for solution in solutions:
        hidden = solution.evaluate("""s => Array.from(s.querySelectorAll('.cell, pre')).every(e =>
            !e.checkVisibility({opacityProperty: true, visibilityProperty: true})
            || e.getBoundingClientRect().height === 0)""")
        assert hidden, f"{page}: a solution is visible before its toggle is clicked"
    links = t.evaluate("() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
    notebook_links = [link for link in links if link.endswith(".ipynb")]
    assert any("mybinder.org" in link for link in notebook_links), f"{page}: no Binder button"
    assert any("colab.research.google.com" in link for link in notebook_links), \
        f"{page}: no Colab button"
    for link in notebook_links:
        assert f"{folder}{name}.ipynb" in link, f"{page}: button hands out {link}"
    download = [link for link in notebook_links if link.startswith(base)]
    assert download, f"{page}: no download button for the notebook"
    text = t.request.get(download[0]).text()
    assert "### BEGIN SOLUTION" not in text and "NotImplementedError" in text, \
        f"{page}: the downloaded notebook is not the learner's workbook"
    assert bool(re.search("[\u4e00-\u9fff]", text)) == page.startswith("zh/"), \
        f"{page}: the downloaded workbook is in the other edition's language"


def test_code_colours(open_tab):
    """The theme's syntax colours keep 4.5:1 in code cells, in light and dark mode (one page:
    every page uses the same Pygments styles)."""
    tab = open_tab("chapters/02_neuron.html")
    for dark in (False, True):
        tab.set_dark(dark)
        tab.page.wait_for_timeout(100)
        result = run_axe(tab.page, {"include": [["div.highlight"]]},
                         {"runOnly": ["color-contrast"], "resultTypes": ["violations"]})
        bad = [f"{n['target']}: {n['failureSummary'][:120]}" for v in result["violations"] for n in v["nodes"]]
        assert not bad, f"code colours below 4.5:1 ({'dark' if dark else 'light'} mode):\n" + "\n".join(bad[:8])

