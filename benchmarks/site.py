"""Page weight and first contentful paint of every built page on a slow phone connection.

Serves the built site from 127.0.0.1 with gzip (as GitHub Pages does), opens each page cold
(fresh browser context, empty cache) in headless Chromium with Chrome's own network emulation
(CDP ``Network.emulateNetworkConditions``: the slow-4G profile, 150 ms latency, 1.6 Mbit/s down,
750 kbit/s up) and prints, per page:

- requests and bytes transferred (compressed, as on the wire) until the page's load event;
- the same after scrolling to the end, when the lazily loaded pictures have come in too;
- first contentful paint (the Paint Timing API) and the load event, in seconds;
- each against the book's targets (at most 1.5 MB transferred, first paint within 3 s), as a ratio.

Usage: .venv/bin/python benchmarks/site.py [--site _build/html] [--pages chapters/02_neuron.html ...]
It is a measurement, not a test: it exits 0 whatever it measures (1 if the site is missing).
"""

import argparse
import functools
import gzip
import http.server
import shutil
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LATENCY_MS, DOWN_BPS, UP_BPS = 150, 1.6e6, 750e3
TARGET_BYTES, TARGET_FCP = 1.5e6, 3.0
COMPRESSIBLE = (".html", ".js", ".css", ".json", ".svg", ".txt", ".map", ".ipynb", ".woff")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed (level 6, cached) when the client accepts it."""

    cache: dict = {}

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (not path.is_file() or path.suffix not in COMPRESSIBLE
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = self.cache.get(path)
        if body is None:
            body = self.cache[path] = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Bytes(body)


class _Bytes:
    def __init__(self, data):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def serve(site: Path):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def measure(browser, url: str) -> dict:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": LATENCY_MS,
        "downloadThroughput": DOWN_BPS / 8, "uploadThroughput": UP_BPS / 8})
    sizes, outside = {}, []
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(url.split("/", 3)[0]
               + "//" + url.split("/", 3)[2]) or route.request.url.startswith("data:")
               else (outside.append(route.request.url), route.abort()))
    page.goto(url, wait_until="load", timeout=120_000)
    timing = page.evaluate("""() => ({
        fcp: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime,
        load: performance.timing.loadEventEnd - performance.timing.navigationStart})""")
    at_load = dict(sizes)
    page.evaluate("""async () => {
        for (let y = 0; y < document.body.scrollHeight; y += innerHeight) {
            scrollTo(0, y); await new Promise(r => setTimeout(r, 80)); }
        scrollTo(0, document.body.scrollHeight); }""")
    page.wait_for_load_state("networkidle", timeout=120_000)
    result = {"requests": len(at_load), "bytes": sum(at_load.values()),
              "requests_all": len(sizes), "bytes_all": sum(sizes.values()),
              "fcp": (timing["fcp"] or float("nan")) / 1000, "load": timing["load"] / 1000,
              "outside": outside}
    context.close()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", default="_build/html")
    parser.add_argument("--pages", nargs="*")
    args = parser.parse_args()
    site = (ROOT / args.site).resolve()
    if not (site / "index.html").exists():
        print(f"no built site at {site}: run `make book` first", file=sys.stderr)
        return 1
    pages = args.pages or sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                                 if p.name not in {"genindex.html", "search.html", "index.html"}
                                 # each edition's pages, not theme files under any _static/
                                 and not any(part.startswith("_")
                                             for part in p.relative_to(site).parts))
    from playwright.sync_api import sync_playwright

    httpd, base = serve(site)
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    print(f"slow 4G: {LATENCY_MS} ms latency, {DOWN_BPS / 1e6:.1f} Mbit/s down; gzip; cold cache; "
          f"390 x 844 phone. Targets: <= {TARGET_BYTES / 1e6:.1f} MB, first paint <= {TARGET_FCP:.0f} s.")
    print(f"{'page':42} {'req':>4} {'MB at load':>10} {'MB all':>7} {'x target':>8} {'FCP s':>6} "
          f"{'x target':>8} {'load s':>7}")
    worst_bytes = worst_fcp = 0.0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--no-first-run"])
        for page in pages:
            r = measure(browser, f"{base}/{page}")
            worst_bytes = max(worst_bytes, r["bytes_all"] / TARGET_BYTES)
            worst_fcp = max(worst_fcp, r["fcp"] / TARGET_FCP)
            flag = "" if not r["outside"] else f"  ({len(r['outside'])} requests off the site!)"
            print(f"{page:42} {r['requests']:4d} {r['bytes'] / 1e6:10.2f} {r['bytes_all'] / 1e6:7.2f} "
                  f"{r['bytes_all'] / TARGET_BYTES:8.2f} {r['fcp']:6.2f} {r['fcp'] / TARGET_FCP:8.2f} "
                  f"{r['load']:7.2f}{flag}")
        browser.close()
    httpd.shutdown()
    print(f"worst page: {worst_bytes:.2f} x the byte target (all pictures loaded), "
          f"{worst_fcp:.2f} x the first-paint target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
