#!/usr/bin/env bash
# Starts the action server, the Rasa server, the widget page and the counsellor console
# (or the terminal chat with `run.sh shell`).
set -euo pipefail
cd "$(dirname "$0")/.."
export TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1 RASA_TELEMETRY_ENABLED=false
mkdir -p var
.venv/bin/python -m catalog seed
if [ -z "${RASA_API_TOKEN:-}" ]; then
  RASA_API_TOKEN=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(24))')
  echo "RASA_API_TOKEN was not set; generated one for this run: $RASA_API_TOKEN"
fi
export RASA_API_TOKEN
ACTION_PORT=${ACTION_PORT:-5055}
RASA_PORT=${RASA_PORT:-5005}
WIDGET_PORT=${WIDGET_PORT:-8080}
CONSOLE_PORT=${CONSOLE_PORT:-8090}
# Origins (scheme://host:port) whose pages may use the HTTP API and open the widget's socket; never "*".
export WIDGET_ORIGINS=${WIDGET_ORIGINS:-http://localhost:$WIDGET_PORT,http://127.0.0.1:$WIDGET_PORT}
IFS=',' read -r -a CORS_ORIGINS <<< "$WIDGET_ORIGINS"

.venv/bin/rasa run actions --port "$ACTION_PORT" --actions actions > var/actions.log 2>&1 &
ACTIONS_PID=$!
PIDS="$ACTIONS_PID"
trap 'kill $PIDS 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 120); do
  curl -fsS "http://localhost:$ACTION_PORT/health" >/dev/null 2>&1 && break
  kill -0 $ACTIONS_PID 2>/dev/null || { echo "action server failed to start, see var/actions.log" >&2; exit 1; }
  sleep 0.5
done

if [ "${1:-}" = "shell" ]; then
  .venv/bin/rasa shell --endpoints endpoints.yml
  exit 0
fi
WIDGET_PORT=$WIDGET_PORT RASA_URL="http://localhost:$RASA_PORT" .venv/bin/python -m bot.widget.serve > var/widget.log 2>&1 &
PIDS="$PIDS $!"
RASA_URL="http://localhost:$RASA_PORT" .venv/bin/python -m bot.console serve --port "$CONSOLE_PORT" > var/console.log 2>&1 &
PIDS="$PIDS $!"
COUNSELLORS=$(.venv/bin/python -c 'from catalog.triage.store import CaseStore, counsellors
from sqlalchemy import func, select
s = CaseStore()
with s.engine.connect() as c: print(c.execute(select(func.count()).select_from(counsellors)).scalar())')
# Rasa cannot skip a channel whose env variables are unset, so the credentials are composed per run.
CHANNELS=$(.venv/bin/python -m bot.channels.credentials var/credentials.yml)
cat <<MSG

  Career adviser starting on http://localhost:$RASA_PORT  (action server: http://localhost:$ACTION_PORT/health)
  Website widget for learners:  http://localhost:$WIDGET_PORT/
  Counsellor console:           http://localhost:$CONSOLE_PORT/  ($COUNSELLORS account(s); add one with
                                .venv/bin/python -m bot.console create-counsellor NAME --name "Full Name")
  Chat over REST:
    curl -s localhost:$RASA_PORT/webhooks/rest/webhook -H 'Content-Type: application/json' \\
      -d '{"sender": "me", "message": "I want to become a data analyst. I know Excel and some SQL"}'
  Or chat in the terminal: make shell
  $CHANNELS
  HTTP API token (RASA_API_TOKEN): $RASA_API_TOKEN

MSG
.venv/bin/rasa run --enable-api --auth-token "$RASA_API_TOKEN" --cors "${CORS_ORIGINS[@]}" --port "$RASA_PORT" \
  --endpoints endpoints.yml --credentials var/credentials.yml
