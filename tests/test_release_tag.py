"""tools/release_tag.py: the tag the Colab cells install is created once and never goes stale."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import release_tag  # noqa: E402

sys.path.pop(0)


def git(repo, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@localhost", *args],
                   cwd=repo, check=True, capture_output=True)


def make_repo(tmp_path, version):
    (tmp_path / "nnkit").mkdir()
    (tmp_path / "nnkit" / "__init__.py").write_text(f'__version__ = "{version}"\n')
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "a.ipynb").write_text("{}")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "one")
    return tmp_path


def test_a_new_version_is_tagged_then_current(tmp_path):
    repo = make_repo(tmp_path, "1.2.3")
    assert release_tag.decide(repo) == ("create", "v1.2.3")
    assert release_tag.main([], repo=repo) == 0
    assert release_tag.decide(repo) == ("current", "v1.2.3")


def test_prose_changes_keep_the_tag_but_code_changes_need_a_bump(tmp_path):
    repo = make_repo(tmp_path, "1.2.3")
    release_tag.main([], repo=repo)
    (repo / "chapters" / "a.ipynb").write_text('{"changed": 1}')
    git(repo, "commit", "-qam", "prose")
    assert release_tag.decide(repo) == ("current", "v1.2.3")
    (repo / "nnkit" / "layers.py").write_text("X = 1\n")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "code")
    assert release_tag.decide(repo) == ("bump", "v1.2.3")
    assert release_tag.main([], repo=repo) == 1
    (repo / "nnkit" / "__init__.py").write_text('__version__ = "1.2.4"\n')
    git(repo, "commit", "-qam", "bump")
    assert release_tag.decide(repo) == ("create", "v1.2.4")
