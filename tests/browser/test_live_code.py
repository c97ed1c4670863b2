"""Live code (Thebe) is served by the site itself; the only request that leaves it goes to Binder,
and only when a reader asks for live code.  Code cells keep working copy buttons afterwards."""

from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser
PAGE = "chapters/02_neuron.html"


def test_live_code_loads_from_the_site_and_keeps_copy_buttons(open_tab):
    tab = open_tab(PAGE, permissions=("clipboard-read", "clipboard-write"))
    t = tab.page
    assert not tab.outside
    cells = t.locator(".cell .cell_input").count()
    assert cells > 3, f"{PAGE}: expected code cells, found {cells}"
    loaded = []
    t.on("request", lambda r: loaded.append(r.url))
    t.click(".dropdown-launch-buttons button.dropdown-toggle")
    t.click(".dropdown-launch-buttons .btn-launch-thebe")
    t.wait_for_selector(".thebe-cell", timeout=20000)
    t.wait_for_timeout(500)
    thebe_scripts = [u for u in loaded if "/thebe/" in u]
    assert any(u.endswith("/vendor/thebe/index.js") for u in thebe_scripts), \
        f"Thebe was not loaded from the site: {thebe_scripts[:3]}"
    hosts = {urlparse(u).netloc for u in tab.outside}
    assert hosts <= {"mybinder.org"}, f"live code asked hosts other than Binder: {sorted(hosts)}"
    assert "mybinder.org" in hosts, "live code never asked Binder for a kernel"

    thebe_cells = t.locator(".thebe-cell")
    assert thebe_cells.count() >= cells - 1, "Thebe did not take over the code cells"
    copies = t.locator(".thebe-cell .nnkit-thebe-copy")
    assert copies.count() == thebe_cells.count(), "a live code cell has no copy button"
    first = thebe_cells.nth(0)
    first.scroll_into_view_if_needed()
    first.locator(".nnkit-thebe-copy").click()
    copied = t.evaluate("() => navigator.clipboard.readText()")
    code = first.evaluate("""c => { const e = c.querySelector('.CodeMirror');
        return e && e.CodeMirror ? e.CodeMirror.getValue() : c.innerText; }""")
    assert copied.strip() and copied.strip() == code.strip(), \
        f"the copy button copied {copied[:60]!r}, the cell holds {code[:60]!r}"
    assert "import" in copied
