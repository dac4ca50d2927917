#!/usr/bin/env bash
# Install everything the tests need (Python deps into .venv, Debian Chromium for browser tests),
# then lint, type-check and run pytest. Used by `make test` and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
fi
"$VENV/bin/python" -m pip install -q -e '.[test]'

if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  if [ "$(id -u)" = "0" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "note: /usr/bin/chromium missing and not root; browser tests will fail under CI=true" >&2
  fi
fi

# web app assets (echarts, cytoscape, swagger-ui) from npm into src/shuanglian/web/static/vendor/
bash frontend/build.sh

"$VENV/bin/ruff" check src tests bench
"$VENV/bin/mypy"
"$VENV/bin/lint-imports"   # layering contracts in pyproject.toml [tool.importlinter]
"$VENV/bin/python" -m pytest -q "$@"
