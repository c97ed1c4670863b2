"""Tag the code that the Colab cells install: `v<version>` on main, once per version.

Every notebook's Colab cell installs the book's package at tag `v<version>` (the version in
nnkit/__init__.py). The publishing workflow runs this script after the tests pass on main:

- no tag `v<version>` yet: create it on HEAD (and push it with `--push`);
- the tag exists and the package (nnkit/, nnbook/, pyproject.toml) is unchanged since it:
  nothing to do;
- the tag exists but the package changed: fail, because Colab learners would install code
  that does not match the notebooks; bump `__version__` in nnkit/__init__.py.

Usage: `python tools/release_tag.py [--push]` in a git checkout with its tags fetched.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import colab_cell  # noqa: E402

PACKAGE_PATHS = ("nnkit", "nnbook", "pyproject.toml")


def _git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=check)


def decide(repo: Path) -> tuple[str, str]:
    """("create" | "current" | "bump", tag) for the checkout at repo."""
    tag = f"v{colab_cell.version(repo)}"
    if _git(repo, "rev-parse", "-q", "--verify", f"refs/tags/{tag}", check=False).returncode:
        return "create", tag
    changed = _git(repo, "diff", "--quiet", tag, "HEAD", "--", *PACKAGE_PATHS, check=False)
    return ("bump" if changed.returncode else "current"), tag


def main(argv: list[str] | None = None, repo: Path = colab_cell.ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--push", action="store_true", help="push a new tag to origin")
    args = parser.parse_args(argv)
    action, tag = decide(repo)
    if action == "bump":
        print(f"{tag} exists but {', '.join(PACKAGE_PATHS)} changed since it: Colab learners "
              f"would install old code. Bump __version__ in nnkit/__init__.py.", file=sys.stderr)
        return 1
    if action == "current":
        print(f"{tag} already marks this package")
        return 0
    _git(repo, "tag", tag)
    if args.push:
        _git(repo, "push", "origin", tag)
    print(f"tagged HEAD as {tag}" + (" and pushed it" if args.push else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
