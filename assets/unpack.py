"""Fetch the npm packages listed in packed.json as their published tarballs, check each against
its pinned integrity hash, and copy the listed files where the site serves them.

Thebe's published bundle (lib/) is self-contained, but its package.json lists about 1,400 build
dependencies that `npm ci` would install for nothing; `npm pack` fetches the tarball alone, through
the same registry and client, and the sha512 pinned here does what the lockfile does for the rest.
Usage: python unpack.py (from anywhere); it is `make assets`' last step.
"""

import base64
import fnmatch
import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    packed = json.loads((HERE / "packed.json").read_text())
    for name, spec in packed.items():
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(["npm", "pack", f"{name}@{spec['version']}", "--pack-destination", tmp,
                            "--silent", "--loglevel=error"], check=True, stdout=subprocess.DEVNULL)
            tarball = next(Path(tmp).glob("*.tgz"))
            digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
            if digest != spec["integrity"]:
                print(f"unpack.py: {name}@{spec['version']}: integrity {digest} is not the pinned "
                      f"{spec['integrity']}", file=sys.stderr)
                return 1
            target = HERE / spec["into"]
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir(parents=True)
            copied = 0
            with tarfile.open(tarball) as archive:
                for member in archive.getmembers():
                    path = member.name.removeprefix("package/")
                    if not member.isfile() or ".." in Path(path).parts:
                        continue
                    if any(fnmatch.fnmatch(path, pattern) for pattern in spec["files"]):
                        out = target / Path(path).name
                        out.write_bytes(archive.extractfile(member).read())
                        copied += 1
            print(f"unpack.py: {name}@{spec['version']}: {copied} files into {spec['into']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
