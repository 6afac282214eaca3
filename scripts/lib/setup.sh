# Shared by scripts/demo and scripts/test. Sourced, not run.
VENV="${VERKOSTO_VENV:-.venv}"
PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3

log() { printf '[verkosto] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else return 1; fi
}

apt_install() {
  # apt_install PACKAGE...: install Debian packages that are missing (needs root or sudo)
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || { log "please install: ${missing[*]}"; return 1; }
  log "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq >/dev/null
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_venv() {
  if [ ! -x "$VENV/bin/python" ]; then
    log "creating the virtual environment $VENV with $($PYTHON --version)"
    "$PYTHON" -m venv "$VENV"
  fi
}

_install() {
  # install the project (editable) with the given extras, only when pyproject.toml changed
  local extras="$1" stamp="$VENV/.installed-$1"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    log "installing Python packages ($extras)"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e ".[$extras]" 2>&1 \
      | grep -v "^WARNING: Location" >&2 || true
    "$VENV/bin/python" -c "import surveyapp, flask, sqlalchemy" || { log "installation failed"; return 1; }
    touch "$stamp"
  fi
}

ensure_app_packages() { _install app; }
ensure_test_packages() { _install test; }

ensure_browser() {
  # Debian's Chromium for the browser tests (a test tool's own browser download cannot work
  # offline); Noto fonts so that every script, Arabic included, renders in screenshots.
  if [ -x /usr/bin/chromium ]; then return 0; fi
  apt_install chromium fonts-noto-core || log "Chromium could not be installed: browser tests will be skipped (CI requires them)"
}

AXE_VERSION=4.14.1
AXE_DIR=".cache/npm"

ensure_axe() {
  # axe-core from the npm registry, injected into pages by the accessibility tests
  if [ -f "$AXE_DIR/node_modules/axe-core/axe.min.js" ]; then return 0; fi
  if ! command -v npm >/dev/null 2>&1; then
    apt_install nodejs npm || { log "npm is missing: accessibility tests will be skipped (CI requires them)"; return 0; }
  fi
  log "installing axe-core $AXE_VERSION"
  npm install --silent --no-audit --no-fund --prefix "$AXE_DIR" "axe-core@$AXE_VERSION" >/dev/null 2>&1 \
    || log "axe-core could not be installed: accessibility tests will be skipped (CI requires them)"
}

find_pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return 0; }
  return 1
}

free_port() {
  "$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_throwaway_postgresql() {
  local bin
  if ! bin=$(find_pg_bin); then
    apt_install postgresql || true
    bin=$(find_pg_bin) || {
      log "PostgreSQL is not installed: its tests will be skipped (CI requires them)"
      return 0
    }
  fi
  PG_DIR=$(mktemp -d /tmp/verkosto-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  local port run=()
  port=$(free_port)
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$PG_DIR"   # initdb refuses to run as root
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$bin/initdb" -D "$PG_DIR/data" -U verkosto -A trust -E UTF8 --no-locale >"$PG_DIR/initdb.log" 2>&1 \
    || { cat "$PG_DIR/initdb.log" >&2; return 1; }
  "${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $PG_DIR -c fsync=off -c full_page_writes=off" start >/dev/null \
    || { cat "$PG_DIR/server.log" >&2; return 1; }
  PG_BIN="$bin"
  PG_RUN=("${run[@]}")
  trap stop_throwaway_postgresql EXIT
  "$bin/createdb" -h 127.0.0.1 -p "$port" -U verkosto verkosto_test
  TEST_DATABASE_URL="postgresql+psycopg://verkosto@127.0.0.1:$port/verkosto_test"
  log "throw-away PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

stop_throwaway_postgresql() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    "${PG_RUN[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
  fi
}
