#!/usr/bin/env bash
# Installs Debian's chromium for the browser check when it is missing (the tests never let a
# tool download a browser of its own), and a font with Chinese glyphs (WenQuanYi Micro Hei,
# 1.6 MB) when the machine has none, so that the Chinese pages render as readers see them, in
# the layout checks and the screenshots, rather than as empty boxes.
set -euo pipefail
packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
    packages+=(fonts-wqy-microhei)
fi
if [ ${#packages[@]} -eq 0 ]; then exit 0; fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "Installing Debian's ${packages[*]} for the browser check..."
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
command -v chromium
