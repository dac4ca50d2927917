#!/usr/bin/env bash
# Install the browser libraries from npm (pinned by package-lock.json) and copy only the built
# files the app loads into src/shuanglian/web/static/vendor/ (git-ignored). The app then serves
# them itself, so pages work with no internet and no CDN.
set -euo pipefail
cd "$(dirname "$0")"
VENDOR=../src/shuanglian/web/static/vendor
if [ -f "$VENDOR/echarts.min.js" ] && [ -f "$VENDOR/cytoscape.min.js" ] && [ -f "$VENDOR/swagger-ui-bundle.js" ] && [ "$VENDOR/echarts.min.js" -nt package-lock.json ]; then
  exit 0
fi
if ! command -v npm >/dev/null; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "error: npm not found; install nodejs and npm (apt-get install -y nodejs npm) to build web assets" >&2
    exit 1
  fi
fi
npm ci --no-audit --no-fund --loglevel=error
mkdir -p "$VENDOR"
cp node_modules/echarts/dist/echarts.min.js "$VENDOR/"
cp node_modules/cytoscape/dist/cytoscape.min.js "$VENDOR/"
cp node_modules/swagger-ui-dist/swagger-ui-bundle.js node_modules/swagger-ui-dist/swagger-ui.css "$VENDOR/"
cp node_modules/echarts/LICENSE "$VENDOR/LICENSE.echarts"
cp node_modules/cytoscape/LICENSE "$VENDOR/LICENSE.cytoscape"
cp node_modules/swagger-ui-dist/LICENSE "$VENDOR/LICENSE.swagger-ui"
echo "web assets copied to $VENDOR"
