#!/usr/bin/env bash
# The two set-up-and-go commands of the README:
#   ./make build   set up, then build the example handbook into site/ (pages, PDFs, schemas)
#   ./make test    set up, lint, then run the whole test suite (./make test -m "not slow and not browser": the fast part)
# Set-up is idempotent: Debian packages are installed with apt-get only when missing, and the
# virtual environment is (re)installed only when pyproject.toml or constraints.txt changed.
# constraints.txt pins every transitive Python dependency (pip freeze of a working .venv).
set -euo pipefail
cd "$(dirname "$0")"

DEBIAN_PACKAGES=(fonts-noto-cjk fonts-droid-fallback fonts-dejavu-core libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0
                 poppler-utils poppler-data qpdf chromium git zbar-tools)
VENV=.venv

install_debian_packages() {
    local missing=()
    for package in "${DEBIAN_PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    # the tests run ajv (an independent JSON Schema validator) with Node; most images have it
    command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "installing Debian packages: ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_python_environment() {
    local stamp="$VENV/.installed-$(cat pyproject.toml constraints.txt | sha256sum | cut -c1-16)"
    [ -f "$stamp" ] && return 0
    echo "setting up the Python environment in $VENV"
    [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --upgrade pip
    "$VENV/bin/pip" install -q -c constraints.txt -e '.[test]'
    rm -f "$VENV"/.installed-*
    touch "$stamp"
}

# ruff (lint + format) and mypy on every run of the tests, so CI fails on what a developer's editor would flag
lint() {
    "$VENV/bin/ruff" check generator tests benchmarks
    "$VENV/bin/ruff" format --check generator tests benchmarks
    "$VENV/bin/mypy"  # files and options: [tool.mypy] in pyproject.toml
}

setup() {
    install_debian_packages
    install_python_environment
}

case "${1:-}" in
    build)
        setup
        "$VENV/bin/handbook" build
        ;;
    test)
        setup
        shift
        lint
        "$VENV/bin/python" -m pytest "$@"
        ;;
    lint)
        setup
        lint
        ;;
    setup)
        setup
        ;;
    *)
        echo "usage: ./make build | ./make test [pytest arguments] | ./make lint" >&2
        exit 2
        ;;
esac
