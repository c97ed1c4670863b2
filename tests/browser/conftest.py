"""Fixtures of the browser check: the built site served from 127.0.0.1, and Debian's Chromium.

Every page is opened with every request that leaves 127.0.0.1 blocked and recorded, so a test
can assert that the site needs nothing from outside.
"""

import functools
import http.server
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SKIP = {"genindex.html", "search.html"}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SHOTS = ROOT / "_build" / "screenshots"


def site_dir(config) -> Path:
    return (ROOT / config.getoption("--site")).resolve()


def pages(site: Path):
    # Every edition's pages (the Chinese one under zh/), not the theme files under any _static/.
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if p.name not in SKIP
                  and not any(part.startswith("_") for part in p.relative_to(site).parts))


def pytest_generate_tests(metafunc):
    if "page" in metafunc.fixturenames:
        site = site_dir(metafunc.config)
        found = pages(site) if site.is_dir() else []
        select = getattr(metafunc.module, "select_pages", None)  # a module may run on fewer
        if found and select:
            found = select(found)
        metafunc.parametrize("page", found or ["<no site built>"])


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(pytestconfig):
    site = site_dir(pytestconfig)
    assert (site / "index.html").exists(), f"no built site at {site}: run `make book` first"
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", site
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    assert Path(CHROMIUM).exists(), "Debian's chromium is not installed (tools/ensure_chromium.sh)"
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield browser
        browser.close()


class Tab:
    """One page in its own browser context, with what it asked of the outside world and the
    errors it logged."""

    def __init__(self, browser, url, *, viewport=DESKTOP, phone=False, dark=False, permissions=(),
                 full_page=False):
        self.full_page = full_page
        options = {"viewport": viewport}
        if phone:
            options.update(is_mobile=True, has_touch=True, device_scale_factor=1)
        self.context = browser.new_context(**options)
        if permissions:
            parsed = urlparse(url)
            self.context.grant_permissions(list(permissions), origin=f"{parsed.scheme}://{parsed.netloc}")
        if dark:
            self.context.add_init_script("localStorage.setItem('mode', 'dark'); "
                                         "localStorage.setItem('theme', 'dark');")
        else:
            self.context.add_init_script("localStorage.setItem('mode', 'light'); "
                                         "localStorage.setItem('theme', 'light');")
        self.page = self.context.new_page()
        self.outside, self.errors = [], []
        host = urlparse(url).netloc

        def local(request_url):
            parsed = urlparse(request_url)
            return parsed.scheme in ("data", "blob", "about") or parsed.netloc == host

        def on_route(route):  # nothing may leave the machine: block it, and record it
            if local(route.request.url):
                route.continue_()
            else:
                self.outside.append(route.request.url)
                route.abort()

        self.page.route("**/*", on_route)
        # A failed load is reported again by the response handler below, with its address.
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error"
                     and not m.text.startswith("Failed to load resource") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("response", lambda r: self.errors.append(f"HTTP {r.status} for {r.url}")
                     if r.status >= 400 else None)
        self.page.goto(url, wait_until="load")
        for _ in range(3):  # index.html forwards to the first page: wait for where it lands
            try:
                # A page that forwards (index.html), or one still loading, is not the page yet. MathJax
                # loads after the first paint: wait for it where there is math, then for its typesetting.
                self.page.wait_for_function("() => document.readyState === 'complete'"
                                            " && !document.querySelector('meta[http-equiv=Refresh i]')"
                                            " && (!document.querySelector('.math') || "
                                            "(window.MathJax && MathJax.startup && MathJax.startup.promise))",
                                            timeout=45000)
                self.page.evaluate("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
                break
            except Exception:
                self.page.wait_for_load_state("load")
        self.page.wait_for_timeout(100)

    def close(self):
        self.context.close()

    def set_dark(self, dark: bool) -> None:
        mode = "dark" if dark else "light"
        self.page.evaluate("""(mode) => {
            localStorage.setItem('mode', mode); localStorage.setItem('theme', mode);
            document.documentElement.dataset.mode = mode;
            document.documentElement.dataset.theme = mode; }""", mode)

    def load_all_images(self) -> None:
        """Lazy images below the fold load now (every image must load; full-page screenshots)."""
        self.page.evaluate("""() => Promise.race([
            Promise.all(Array.from(document.images).map(img => {
                img.loading = 'eager';
                return img.complete ? null : new Promise(r => { img.onload = img.onerror = r; });
            })),
            new Promise(r => setTimeout(r, 5000))])""")

    def screenshot(self, folder: str, page: str) -> None:
        """The first screen of the page, or all of it with --screenshots full."""
        target = SHOTS / folder / (page.replace("/", "__").removesuffix(".html") + ".jpg")
        target.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(target), full_page=self.full_page, type="jpeg", quality=80)


@pytest.fixture
def open_tab(browser, server, pytestconfig):
    """open_tab(page, **options) -> Tab; closed after the test."""
    base, _ = server
    tabs = []
    full_page = pytestconfig.getoption("--screenshots") == "full"

    def opener(page, **options):
        tab = Tab(browser, f"{base}/{page}", full_page=full_page, **options)
        tabs.append(tab)
        return tab

    yield opener
    for tab in tabs:
        tab.close()
