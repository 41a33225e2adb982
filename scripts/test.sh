#!/usr/bin/env bash
# The project's test command (README "Run the tests"; CI runs exactly this).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
python3 -m ruff check tda_export tests scripts benchmarks
python3 -m ruff format --check tda_export tests scripts benchmarks
python3 -m mypy
python3 -m pytest "$@"
