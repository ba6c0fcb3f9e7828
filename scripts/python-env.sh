#!/usr/bin/env bash
# Creates (once) a virtual environment with the independent readers the tests use.
# If PyPI is unreachable the tests that need it skip with a visible message.
set -uo pipefail
venv=${1:-.venv}
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import h5py, numpy, sklearn" 2>/dev/null; then
    exit 0
fi
python3 -m venv "$venv" || { echo "python-env: cannot create $venv (python3-venv missing?)"; exit 0; }
"$venv/bin/pip" install -q --disable-pip-version-check h5py numpy scikit-learn \
    || echo "python-env: PyPI unreachable; tests needing h5py/scikit-learn will be skipped"
exit 0
