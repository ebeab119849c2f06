# Sourced by scripts/run and scripts/test: one virtual environment, telemetry off, instance on local disk.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="${CHITIEU_VENV:-$ROOT/.venv}"
stamp="$VENV/.installed-$(cat pyproject.toml constraints.txt | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "==> installing into $VENV (pinned: pyproject.toml + constraints.txt)"
  python3.11 -m venv "$VENV" 2>/dev/null || python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check --upgrade pip
  "$VENV/bin/pip" install -q --disable-pip-version-check -c constraints.txt -e '.[dev]'
  rm -f "$VENV"/.installed-* && touch "$stamp"
fi
export PATH="$VENV/bin:$PATH"
# Telemetry: dbt reads this variable; Dagster reads dagster.yaml in DAGSTER_HOME; GX is configured in code.
export DBT_SEND_ANONYMOUS_USAGE_STATS=false
export DO_NOT_TRACK=1
export GX_ANALYTICS_ENABLED=false
export DAGSTER_HOME="${DAGSTER_HOME:-$ROOT/.dagster_home}"
mkdir -p "$DAGSTER_HOME"
cp -f "$ROOT/dagster.yaml" "$DAGSTER_HOME/dagster.yaml"
