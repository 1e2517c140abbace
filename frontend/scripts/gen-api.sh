#!/usr/bin/env bash
# Regenerates src/api/schema.ts, the TypeScript types of Atelier's HTTP API, from the server's OpenAPI document.
# The document is made in process (no server is started): create_app().openapi() from the repository's .venv.
# Run it after any change to the server's models: `npm run gen:api` in frontend/ (or this script from anywhere).
# tests/frontend/test_hygiene.py fails when the checked-in schema.ts differs from a fresh generation.
#
#   scripts/gen-api.sh            writes src/api/schema.ts
#   scripts/gen-api.sh OUT.ts     writes OUT.ts instead (the hygiene test compares the two)
set -euo pipefail
frontend="$(cd "$(dirname "$0")/.." && pwd)"
root="$(dirname "$frontend")"
out="${1:-$frontend/src/api/schema.ts}"
python="${ATELIER_PYTHON:-$root/.venv/bin/python}"
if [ ! -x "$python" ]; then
  echo "gen-api: no Python at $python; run scripts/setup.sh first (or set ATELIER_PYTHON)" >&2
  exit 2
fi

spec="$(mktemp --suffix=.json)"
trap 'rm -f "$spec"' EXIT
# From the repository root, so the server's packages import as they do for `atelier serve`.
(cd "$root" && "$python" -c 'import json, sys; from server.app import create_app
json.dump(create_app().openapi(), sys.stdout, indent=1, sort_keys=True, ensure_ascii=False)') > "$spec"
"$frontend/node_modules/.bin/openapi-typescript" "$spec" --output "$out" --alphabetize --empty-objects-unknown --default-non-nullable false >/dev/null
