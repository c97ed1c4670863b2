"""Every page on a phone: 390 x 844 pixels, touch, served from 127.0.0.1 only.

The navigation and the page contents open when their buttons are tapped (and close again), no
page scrolls sideways, wide equations and tables scroll inside their own box (with a cue and
keyboard access), every slider fits the screen with its value readout, every picture the phone
shrinks a lot can be opened at full size, and no tooltip stays stuck over the header after a tap.
Screenshots in light and dark mode go to ``_build/screenshots/phone-*`` (the first screen; the
whole page with ``--screenshots full``).
"""

import pytest

pytestmark = pytest.mark.browser
from conftest import PHONE

OVERFLOW = """() => {
    const width = document.documentElement.clientWidth;
    const wide = [];
    document.querySelectorAll('.bd-article *').forEach(el => {
        const r = el.getBoundingClientRect();
        if (r.width && r.right > width + 1 && !el.closest('.nnkit-scroll, .pst-scrollable-table-container, '
                + 'div.math, div.highlight, .nnkit-kernel-widget, mjx-container, .nnkit-lightbox')) {
            wide.push(el.tagName.toLowerCase() + '.' + String(el.className).split(' ')[0] + ' ' + Math.round(r.right));
        }
    });
    return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""

SLIDERS = """() => Array.from(document.querySelectorAll('.bd-article input[type=range]'))
    .filter(s => s.checkVisibility()).map(s => {
        const row = s.closest('.nnkit-demo__control, label') || s;
        const out = row.querySelector('output');
        const r = s.getBoundingClientRect(), o = out ? out.getBoundingClientRect() : r;
        return {left: Math.min(r.left, o.left), right: Math.max(r.right, o.right), label: s.id || s.name};
    })"""

SCROLL_BOXES = """() => Array.from(document.querySelectorAll(
        '.bd-article div.math, .bd-article .nnkit-scroll, .bd-article .pst-scrollable-table-container'))
    .filter(b => b.scrollWidth > b.clientWidth + 1).map(b => ({
        box: b.className, scrolls: ['auto', 'scroll'].includes(getComputedStyle(b).overflowX),
        cue: b.classList.contains('nnkit-overflows') && getComputedStyle(b).backgroundImage.includes('gradient'),
        keyboard: b.tabIndex === 0}))"""

SHRUNK = """() => Array.from(document.querySelectorAll('.bd-article img'))
    .filter(i => i.naturalWidth > 1.6 * i.clientWidth && i.clientWidth > 0
            && !i.closest('.nnkit-demo, a') && !i.closest('button.nnkit-enlarge'))
    .map(i => i.getAttribute('src').slice(-40))"""

STUCK_TOOLTIPS = """() => Array.from(document.querySelectorAll('.tooltip'))
    .filter(t => t.checkVisibility({opacityProperty: true})).length"""


# A Chinese page is its English twin's HTML with other text: test_site.py checks the layout of
# every one at phone width (check_layout); the taps on the header, the same template on every
# page, are tried here on the twins of these: the front page, the longest chapter (demos,
# widgets, math), the ledger's wide table and an exercise page with its solutions.
CHINESE_TAPPED = ["zh/intro.html", "zh/chapters/05_training.html",
                  "zh/chapters/09_claim_ledger.html", "zh/exercises/ex03_activations.html"]


def select_pages(pages):
    """The pages test_phone runs on (conftest.py asks): every English page, CHINESE_TAPPED."""
    return [p for p in pages if not p.startswith("zh/")] + CHINESE_TAPPED


def test_phone(open_tab, page):
    tab = open_tab(page, viewport=PHONE, phone=True)
    t = tab.page
    assert not tab.outside, f"{page}: requests left 127.0.0.1: {tab.outside[:5]}"
    assert not tab.errors, f"{page}: console errors: {tab.errors[:5]}"
    check_layout(tab, page)
    tab.screenshot("phone-light", page)

    # The page's navigation opens on a tap and shows the book's chapters.
    toggle = t.locator(".bd-header-article .primary-toggle")
    assert toggle.is_visible(), f"{page}: no visible navigation button"
    toggle.tap()
    t.wait_for_selector("#pst-primary-sidebar-modal[open] nav.bd-docs-nav a", state="visible", timeout=3000)
    links = t.locator("#pst-primary-sidebar-modal[open] nav.bd-docs-nav a").count()
    assert links >= 5, f"{page}: the navigation opened with {links} links"
    assert t.evaluate(STUCK_TOOLTIPS) == 0, f"{page}: a tooltip stays over the header after a tap"
    t.keyboard.press("Escape")
    t.wait_for_selector("#pst-primary-sidebar-modal[open]", state="detached", timeout=3000)

    # The page contents (when the page has sections) open on a tap as well.
    contents = t.locator(".bd-header-article .secondary-toggle")
    if contents.count():
        assert contents.is_visible(), f"{page}: the contents button is hidden"
        contents.tap()
        t.wait_for_selector("#pst-secondary-sidebar-modal[open] nav a", state="visible", timeout=3000)
        assert t.evaluate(STUCK_TOOLTIPS) == 0, f"{page}: a tooltip stays over the header after a tap"
        t.keyboard.press("Escape")
        t.wait_for_selector("#pst-secondary-sidebar-modal[open]", state="detached", timeout=3000)

    tab.set_dark(True)
    t.wait_for_timeout(100)
    tab.screenshot("phone-dark", page)
    assert not tab.outside, f"{page}: requests left 127.0.0.1: {tab.outside[:5]}"
    assert not tab.errors, f"{page}: console errors: {tab.errors[:5]}"


def check_layout(tab, page):
    """At phone width: nothing wider than the screen, sliders with their readouts on it, wide
    math and tables in scroll boxes, shrunk pictures that open at full size."""
    t = tab.page
    tab.load_all_images()
    t.evaluate("() => new Promise(r => setTimeout(r, 200))")  # the resize handlers settle
    try:  # the theme's and the site's resize handlers mark the boxes that now overflow
        t.wait_for_function(f"() => ({SCROLL_BOXES})().every(b => b.cue && b.keyboard)",
                            timeout=3000)
    except Exception:
        pass  # the assertion below says which box is not ready
    sideways = t.evaluate(OVERFLOW)
    assert sideways["scroll"] <= sideways["width"] and not sideways["wide"], \
        f"{page}: the page is wider than the phone ({sideways})"
    for slider in t.evaluate(SLIDERS):
        assert slider["left"] >= 0 and slider["right"] <= PHONE["width"], \
            f"{page}: slider {slider['label']} with its readout does not fit the screen: {slider}"
    for box in t.evaluate(SCROLL_BOXES):  # wide equations and tables scroll in their own box
        assert box["scrolls"] and box["cue"] and box["keyboard"], \
            f"{page}: a wide {box['box']} has no scroll box, cue or keyboard access: {box}"
    shrunk = t.evaluate(SHRUNK)  # multi-panel figures shrunk by the phone open at full size
    assert not shrunk, f"{page}: pictures shrunk below 60% with no way to enlarge them: {shrunk}"
