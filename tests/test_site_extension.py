"""The book's Sphinx extension (_ext/): its page rewriting, without building the book."""

import base64
import io
import sys
from pathlib import Path

import PIL.Image
import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "_ext"))  # the extension is a local Sphinx extension, not a package

import book_site_icons  # noqa: E402
import book_site_pages  # noqa: E402


def png(color="red") -> bytes:
    buf = io.BytesIO()
    PIL.Image.new("RGB", (3, 2), color).save(buf, format="png")
    return buf.getvalue()


def test_inline_pictures_become_files(tmp_path):
    data = png()
    body = (f'<div class="nnkit-demo" data-frames="[{{&quot;src&quot;: &quot;data:image/png;base64,'
            f'{base64.b64encode(data).decode()}&quot;}}]"><img src="data:image/png;base64,'
            f'{base64.b64encode(data).decode()}" alt="a"></div>')
    out = book_site_pages.externalize_pngs(body, tmp_path, "../")
    assert "data:image/png" not in out
    files = list((tmp_path / "_images" / "nnkit").glob("*.png"))
    assert len(files) == 1 and files[0].read_bytes() == data  # one file for the same picture
    assert out.count(f"../_images/nnkit/{files[0].name}") == 2


def test_launch_urls_come_from_the_theme_buttons():
    buttons = [{"type": "group", "buttons": [
        {"url": "https://mybinder.org/v2/gh/o/r/main?urlpath=tree/chapters/02_neuron.ipynb"},
        {"url": "https://colab.research.google.com/github/o/r/blob/main/chapters/02_neuron.ipynb"},
        {"url": "https://github.com/o/r"}]}]
    urls = book_site_pages.launch_urls(buttons, {"launch_buttons": {"binderhub_url": "https://mybinder.org"}})
    assert urls == {"binder": buttons[0]["buttons"][0]["url"], "colab": buttons[0]["buttons"][1]["url"]}


def test_nav_expanders_get_names():
    html = ('<li><a class="reference internal" href="a.html">2. The neuron</a><details><summary>'
            '<span class="toctree-toggle" role="presentation"></span></summary></details></li>')
    assert '<summary aria-label="Pages under 2. The neuron">' in book_site_pages.name_nav_expanders(html)


def test_root_prefix():
    assert book_site_pages.root_prefix("intro") == ""
    assert book_site_pages.root_prefix("exercises/ex01") == "../"


def test_icon_rules_and_used_icons(tmp_path):
    (tmp_path / "a.html").write_text('<i class="fa-solid fa-bars fa-lg"></i><i class="fab fa-github"></i>')
    assert book_site_icons.used_icons(tmp_path) == {"bars": "solid", "github": "brands"}
    rule = book_site_icons.icon_rule("bars", '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 448 512">'
                                             '<!-- licence --><path d="M0 96z"/></svg>')
    assert rule.startswith(".fa-bars::before") and "width: 0.875em" in rule and "licence" not in rule
    assert "mask: url(\"data:image/svg+xml," in rule


@pytest.mark.parametrize("css, kept", [('.fa-bars:before{content:"\\f0c9"}.x{color:red}', ".x{color:red}"),
                                       ("@font-face{font-family:Font Awesome\\ 6 Free;src:url(a)}.y{}", ".y{}")])
def test_theme_css_loses_icon_glyphs_and_fonts(css, kept):
    assert book_site_icons.ICON_FONTS.sub("", book_site_icons.GLYPH_RULES.sub("", css)) == kept
