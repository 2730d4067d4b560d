#!/usr/bin/env bash
# What the tests need beside the .NET SDK, each step skipped when already there: Debian's chromium and its driver
# (the sweep page's browser test), Debian's PyTorch (exported state dicts loaded into the bench/peers twins), and the
# npm tools (Azurite, face-api's dlib weights, the tfjs reference forward pass).
set -euo pipefail
cd "$(dirname "$0")/.."
packages=()
command -v chromium >/dev/null || packages+=(chromium)
command -v chromedriver >/dev/null || packages+=(chromium-driver)
/usr/bin/python3 -c "import torch" 2>/dev/null || packages+=(python3-torch)
if [ ${#packages[@]} -gt 0 ]; then
  as_root=$([ "$(id -u)" -eq 0 ] || echo sudo)
  $as_root apt-get update -qq
  $as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi
npm ci --prefix tools --no-audit --no-fund
