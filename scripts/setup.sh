#!/usr/bin/env bash
# Installs everything Atelier needs on a Debian machine, idempotently:
# Debian packages (fonts with Traditional Chinese coverage, Graphviz, Chromium, LibreOffice, poppler),
# the project's virtual environment in .venv, and the Python packages from pyproject.toml.
# Each step checks first and skips what is already there, so running it again costs about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  fonts-noto-core        # Latin, Greek, Cyrillic faces (Noto Sans) used by every renderer
  fonts-noto-cjk         # Noto Sans CJK TC: Traditional Chinese glyphs
  fontconfig             # fc-match: how the layout engine finds font files
  graphviz               # dot: whiteboard auto-layout
  fonts-comic-neue       # Comic Neue: the hand-lettered face of whiteboard SVG/PNG exports (SIL OFL)
  chromium               # browser tests, and the peers' benchmarks
  chromium-headless-shell  # widget previews: the same Blink as chromium, for about 40 % of its CPU per picture
  libreoffice-impress    # deck.pdf from deck.pptx
  poppler-utils          # pdftoppm, for checking PDFs page by page
  espeak-ng              # animation narration: a local voice, no download (GPL-3, run as a program)
  postgresql             # the distributed tests' metadata store (tests/distributed starts its own, in a temp folder)
  iproute2               # ip: the distributed tests' private network namespace has only loopback, brought up with it
)

log() { printf '[setup] %s\n' "$*" >&2; }

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
python_bin="${PYTHON:-python3}"
if ! "$python_bin" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  missing+=("python3-venv")
fi
if ((${#missing[@]})); then
  if command -v apt-get >/dev/null 2>&1; then
    sudo_cmd=()
    if [ "$(id -u)" -ne 0 ]; then
      if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else
        log "need root to install: ${missing[*]} (run as root or install them yourself)"; exit 1
      fi
    fi
    log "installing Debian packages: ${missing[*]}"
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    log "not a Debian system; please install the equivalents of: ${missing[*]}"
  fi
fi

if ! "$python_bin" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  log "Python 3.11 or newer is needed (found $("$python_bin" --version 2>&1))"; exit 1
fi

if [ ! -x .venv/bin/python ]; then
  log "creating .venv"
  "$python_bin" -m venv .venv
fi

# torch comes before the [image] extra and pinned: unpinned, the extra would pull a ~5.5 GB CUDA build. A torch
# that is already installed (any version, e.g. a CUDA build chosen by hand) is kept.
TORCH_SPEC="${ATELIER_TORCH_SPEC:-torch==2.13.0}"
install_torch() {
  if .venv/bin/python -c 'import importlib.util, sys; sys.exit(importlib.util.find_spec("torch") is None)'; then
    return 0
  fi
  log "installing $TORCH_SPEC"
  .venv/bin/python -m pip install -q "$TORCH_SPEC"
}

# Reinstall only when the dependency list changed.
stamp_file=.venv/.atelier-setup-stamp
want_stamp=$(cat pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp_file" ] || [ "$(cat "$stamp_file")" != "$want_stamp" ]; then
  log "installing Python packages into .venv"
  if ! { .venv/bin/python -m pip install -q --upgrade pip && install_torch \
         && .venv/bin/python -m pip install -q -e '.[image,dev,mcp,docs,notebook,distributed]'; } >.venv/pip-install.log 2>&1; then
    cat .venv/pip-install.log >&2
    log "installing Python packages failed (log above)"; exit 1
  fi
  echo "$want_stamp" > "$stamp_file"
fi

if [ -f frontend/package.json ]; then
  # Node for the canvas build: the one on PATH when it is new enough, else one from PyPI inside .venv.
  node_bin="$(bash scripts/node.sh .venv/bin/python)"
  export PATH="$node_bin:$PATH"
  # The canvas app: rebuilt when its sources are newer than the last build.
  if [ ! -d frontend/node_modules ] || [ frontend/package-lock.json -nt frontend/node_modules/.package-lock.json ]; then
    log "installing frontend packages (npm ci)"
    (cd frontend && npm ci --no-audit --no-fund --loglevel=error)
  fi
  if [ ! -f frontend/dist/index.html ] || [ -n "$(find frontend/src frontend/index.html frontend/package.json frontend/package-lock.json frontend/vite.config.ts -newer frontend/dist/index.html 2>/dev/null | head -n1)" ]; then
    log "building the canvas app"
    (cd frontend && npm run --silent build >/dev/null)
  fi
fi
log "ready"
