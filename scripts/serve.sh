#!/usr/bin/env bash
# Sets up (first run only) and starts Atelier's server with the canvas on http://127.0.0.1:8000.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/atelier serve --host "${ATELIER_HOST:-127.0.0.1}" --port "${ATELIER_PORT:-8000}" "$@"
