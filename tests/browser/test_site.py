"""Load every page of the built site in headless Chromium, served from 127.0.0.1 only.

Each page must make no request that leaves 127.0.0.1, log no console error, typeset its math,
load every image and render every widget. A screenshot of each page goes to
`_build/screenshots/`. Static demos (a slider linked to a stack of precomputed pictures) must
change their picture when the slider moves, with no kernel behind the page.
"""

import functools
import http.server
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SKIP = {"genindex.html", "search.html"}


def site_dir(config) -> Path:
    return (ROOT / config.getoption("--site")).resolve()


def pages(site: Path):
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if p.name not in SKIP and not p.relative_to(site).parts[0].startswith("_"))


def pytest_generate_tests(metafunc):
    if "page" in metafunc.fixturenames:
        site = site_dir(metafunc.config)
        found = pages(site) if site.is_dir() else []
        metafunc.parametrize("page", found or ["<no site built>"])


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(pytestconfig):
    site = site_dir(pytestconfig)
    assert (site / "index.html").exists(), f"no built site at {site}: run `make book` first"
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", site
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    assert Path(CHROMIUM).exists(), "Debian's chromium is not installed (tools/ensure_chromium.sh)"
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield browser
        browser.close()


def open_page(browser, url):
    """Open `url`; return (page, outside requests, console errors)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside, errors = [], []
    host = urlparse(url).netloc

    def on_request(request):
        parsed = urlparse(request.url)
        if parsed.scheme in ("data", "blob", "about") or parsed.netloc == host:
            return
        outside.append(request.url)

    def on_route(route):  # nothing may leave the machine: block it, and record it above
        if urlparse(route.request.url).netloc == host or urlparse(route.request.url).scheme in ("data", "blob"):
            route.continue_()
        else:
            route.abort()

    page.on("request", on_request)
    page.route("**/*", on_route)
    # A failed load is reported again by the response handler below, with its address.
    page.on("console", lambda m: errors.append(m.text) if m.type == "error"
            and not m.text.startswith("Failed to load resource") else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("response", lambda r: errors.append(f"HTTP {r.status} for {r.url}") if r.status >= 400 else None)
    page.goto(url, wait_until="networkidle")
    page.evaluate("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
    if page.query_selector('script[type="application/vnd.jupyter.widget-view+json"]'):
        page.wait_for_selector(".jupyter-widgets", timeout=15000)
    page.wait_for_timeout(300)
    return page, outside, errors


def test_page(server, browser, page):
    base, site = server
    tab, outside, errors = open_page(browser, f"{base}/{page}")
    try:
        assert not outside, f"{page}: requests left 127.0.0.1: {outside[:5]}"
        assert not errors, f"{page}: console errors: {errors[:5]}"
        text = tab.inner_text("article") if tab.query_selector("article") else tab.inner_text("body")
        raw = re.findall(r"\\\(|\\\[|\$\$|(?<![\w$])\$[^$\s][^$]*\$", text)
        assert not raw, f"{page}: math left untypeset: {raw[:3]}"
        if tab.query_selector(".math"):
            assert tab.query_selector("mjx-container"), f"{page}: math present but MathJax did not render it"
        broken = tab.evaluate("""() => Array.from(document.images)
            .filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src.slice(0, 80))""")
        assert not broken, f"{page}: images that did not load: {broken}"
        views = tab.evaluate("""() => document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]').length""")
        if views:
            tab.wait_for_selector(".jupyter-widgets", timeout=10000)
            rendered = tab.evaluate("""() => document.querySelectorAll('.jupyter-widgets.widget-container, .jupyter-widgets.widget-inline-hbox, .jupyter-widgets.widget-box, .jupyter-widgets').length""")
            assert rendered >= views, f"{page}: {views} widget views but only {rendered} rendered"
        check_static_demos(tab, page)
        shots = ROOT / "_build" / "screenshots"
        shots.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(shots / (page.replace("/", "__").removesuffix(".html") + ".png")), full_page=True)
    finally:
        tab.context.close()


VISIBLE_PICTURE = """(demo) => Array.from(demo.querySelectorAll('img'))
    .filter(i => i.offsetParent !== null).map(i => i.src).join(' ')"""


def check_static_demos(tab, page):
    """Every static demo (class nnkit-static-demo) shows another picture when its control moves."""
    demos = tab.query_selector_all(".nnkit-static-demo")
    for number, demo in enumerate(demos):
        demo.scroll_into_view_if_needed()
        before = demo.evaluate(VISIBLE_PICTURE)
        assert before, f"{page}: static demo {number} shows no picture"
        handle = demo.query_selector(".noUi-handle")
        select = demo.query_selector("select")
        buttons = demo.query_selector_all(".widget-toggle-button")
        if handle:
            handle.focus()
            tab.keyboard.press("ArrowRight")
        elif select:
            options = select.evaluate("s => Array.from(s.options).map(o => o.value)")
            select.select_option(options[1])
        elif len(buttons) > 1:
            buttons[1].click()
        else:
            raise AssertionError(f"{page}: static demo {number} has no slider, menu or toggle buttons")
        try:  # the browser switches the picture asynchronously; give it up to 5 s on a busy machine
            tab.wait_for_function(f"([demo, before]) => ({VISIBLE_PICTURE})(demo) !== before",
                                  arg=[demo, before], timeout=5000)
        except Exception:
            pass
        after = demo.evaluate(VISIBLE_PICTURE)
        assert after and after != before, f"{page}: static demo {number}: the picture did not change when its control moved"


def test_exercise_pages_hide_solutions_and_hand_out_workbooks(server, browser):
    """Solutions start collapsed; launch and download buttons give the workbook, not the source."""
    base, site = server
    exercise_pages = sorted(p.relative_to(site).as_posix() for p in (site / "exercises").glob("ex*.html"))
    assert exercise_pages, "the built site has no exercise pages"
    for page in exercise_pages:
        name = page.removeprefix("exercises/").removesuffix(".html")
        tab, _, _ = open_page(browser, f"{base}/{page}")
        try:
            solutions = tab.query_selector_all(".solution")
            assert solutions, f"{page}: no solutions found"
            for solution in solutions:
                hidden = solution.evaluate("""s => Array.from(s.querySelectorAll('.cell, pre')).every(e =>
                    !e.checkVisibility({opacityProperty: true, visibilityProperty: true})
                    || e.getBoundingClientRect().height === 0)""")
                assert hidden, f"{page}: a solution is visible before its toggle is clicked"
            links = tab.evaluate("() => Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
            notebook_links = [l for l in links if l.endswith(".ipynb")]
            assert any("mybinder.org" in l for l in notebook_links), f"{page}: no Binder button"
            assert any("colab.research.google.com" in l for l in notebook_links), f"{page}: no Colab button"
            for link in notebook_links:
                assert f"exercises/workbooks/{name}.ipynb" in link, f"{page}: button hands out {link}"
            download = [l for l in notebook_links if l.startswith(base)]
            assert download, f"{page}: no download button for the notebook"
            text = tab.request.get(download[0]).text()
            assert "### BEGIN SOLUTION" not in text and "NotImplementedError" in text, \
                f"{page}: the downloaded notebook is not the learner's workbook"
        finally:
            tab.context.close()
