#!/usr/bin/env bash
# Creates (once) a virtual environment with the independent readers the tests use
# (h5py, numpy, scikit-learn). Exits non-zero, with the reason, when it cannot: the tests
# that need it would otherwise only be skipped.
set -euo pipefail
venv=${1:-.venv}
modules="import h5py, numpy, sklearn"
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "$modules" 2>/dev/null; then
    exit 0
fi
fail() { echo "python-env: $1" >&2; exit 1; }
python3 -m venv "$venv" || fail "cannot create $venv (is python3-venv installed? make deps installs it)"
"$venv/bin/pip" install -q --disable-pip-version-check h5py numpy scikit-learn \
    || fail "pip could not install h5py, numpy, scikit-learn into $venv (is PyPI reachable?)"
"$venv/bin/python" -c "$modules" || fail "$venv was built but cannot import h5py, numpy, sklearn"
