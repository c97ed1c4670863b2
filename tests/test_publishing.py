"""Where the website is published: the README's address follows from _config.yml's repository."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_names_the_pages_address_of_the_configured_repository():
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    owner, repo = re.search(r"url:\s*https://github\.com/([\w.-]+)/([\w.-]+)", config).groups()
    address = f"https://{owner.lower()}.github.io/{repo}/"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert address in readme, f"the README should say the site lives at {address}"


def test_workflow_publishes_the_checked_site_from_main():
    workflow = (ROOT / ".github/workflows/book.yml").read_text(encoding="utf-8")
    assert "run: make test" in workflow
    assert "path: _build/ci/_build/html" in workflow, "publish the site that make test built and checked"
    assert "actions/deploy-pages@" in workflow
    assert re.search(r"if: github\.ref == 'refs/heads/main'", workflow), "publish from main only"
