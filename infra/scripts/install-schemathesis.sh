#!/usr/bin/env bash
# Installs schemathesis (PyPI, pinned) into a virtualenv of its own, outside the work tree, so a
# fresh clone reuses it. Idempotent and quick when the pinned version is already there.
set -euo pipefail

SCHEMATHESIS_VERSION="4.32.5"
VENV_DIR="${SCALEMART_SCHEMATHESIS_VENV:-$HOME/.cache/scalemart/schemathesis-$SCHEMATHESIS_VERSION}"

say() { printf '[install-schemathesis] %s\n' "$*"; }

if [ -x "$VENV_DIR/bin/st" ] && "$VENV_DIR/bin/st" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION"; then
  echo "$VENV_DIR/bin/st"
  exit 0
fi
# The newest Python on PATH: CPython 3.11's ast.parse can fail under Hypothesis' deep recursion
# ("AST constructor recursion depth mismatch"), which 3.12 fixed.
# pyenv's installed versions count too (its shims refuse a version that is not selected).
PYTHON=""
pyenv_pythons=$(ls -d "$(pyenv root 2>/dev/null || echo /nonexistent)"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV || true)
for candidate in python3.13 python3.12 $pyenv_pythons python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import venv' 2>/dev/null; then PYTHON="$candidate"; break; fi
done
[ -n "$PYTHON" ] || { echo "python3 (3.10 or later) with venv is needed for schemathesis" >&2; exit 1; }
say "installing schemathesis $SCHEMATHESIS_VERSION into $VENV_DIR with $("$PYTHON" --version)" >&2
"$PYTHON" -m venv "$VENV_DIR" >&2
"$VENV_DIR/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION" >&2
echo "$VENV_DIR/bin/st"
