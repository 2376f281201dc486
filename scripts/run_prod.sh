#!/usr/bin/env bash
# The production shape on one machine, as it would run on several (README, "Production mode"):
#   nginx :LB_RASA_PORT -> two Rasa servers (REST round-robin, socket.io and conversation routes sticky)
#   nginx :LB_ACTIONS_PORT -> two action servers (round-robin; the other one when one is down)
#   conversations in PostgreSQL, their locks in Redis, every tracker event on RabbitMQ (the console
#   follows it for live transcripts), catalogue and cases in PostgreSQL; the widget page and the console.
# Every setting is an environment variable with a default for this machine's services; secrets come only
# from the environment (a token is generated for the run when RASA_API_TOKEN is unset).
set -euo pipefail
cd "$(dirname "$0")/.."
export TF_CPP_MIN_LOG_LEVEL=2 SQLALCHEMY_SILENCE_UBER_WARNING=1 RASA_TELEMETRY_ENABLED=false
PY=.venv/bin/python
RASA=.venv/bin/rasa
RUN_DIR=${PROD_RUN_DIR:-var/prod}
mkdir -p "$RUN_DIR"/tmp
RUN_DIR=$(cd "$RUN_DIR" && pwd)

# --- settings (the same names as docker-compose.yml and endpoints.production.yml) ----------------------
export TRACKER_DB_HOST=${TRACKER_DB_HOST:-127.0.0.1}
export TRACKER_DB_PORT=${TRACKER_DB_PORT:-5432}
export TRACKER_DB_NAME=${TRACKER_DB_NAME:-career}
export TRACKER_DB_USER=${TRACKER_DB_USER:-postgres}
export TRACKER_DB_PASSWORD=${TRACKER_DB_PASSWORD:-}
export REDIS_HOST=${REDIS_HOST:-127.0.0.1}
export REDIS_PORT=${REDIS_PORT:-6379}
export REDIS_PASSWORD=${REDIS_PASSWORD:-}
export REDIS_KEY_PREFIX=${REDIS_KEY_PREFIX:-career}
export RABBITMQ_HOST=${RABBITMQ_HOST:-127.0.0.1}
export RABBITMQ_PORT=${RABBITMQ_PORT:-5672}
export RABBITMQ_USER=${RABBITMQ_USER:-guest}
export RABBITMQ_PASSWORD=${RABBITMQ_PASSWORD:-guest}
export RABBITMQ_EXCHANGE=${RABBITMQ_EXCHANGE:-career-events}
export RABBITMQ_QUEUE=${RABBITMQ_QUEUE:-career-console}
# A server that dies mid-turn leaves its conversation's lock behind; the next message waits at most this long.
export TICKET_LOCK_LIFETIME=${TICKET_LOCK_LIFETIME:-10}
DB_PASSWORD_PART=${TRACKER_DB_PASSWORD:+:$TRACKER_DB_PASSWORD}
DEFAULT_DB_URL="postgresql+psycopg2://$TRACKER_DB_USER$DB_PASSWORD_PART@$TRACKER_DB_HOST:$TRACKER_DB_PORT/$TRACKER_DB_NAME"
export CATALOG_DB_URL=${CATALOG_DB_URL:-$DEFAULT_DB_URL}
export CASES_DB_URL=${CASES_DB_URL:-$DEFAULT_DB_URL}
LB_HOST=${LB_HOST:-127.0.0.1}
BACKEND_INTERFACE=${BACKEND_INTERFACE:-127.0.0.1}
export LB_RASA_PORT=${LB_RASA_PORT:-5005}
export LB_ACTIONS_PORT=${LB_ACTIONS_PORT:-5055}
RASA_PORTS=(${RASA_1_PORT:-5105} ${RASA_2_PORT:-5106})
ACTION_PORTS=(${ACTIONS_1_PORT:-5155} ${ACTIONS_2_PORT:-5156})
export RASA_1=127.0.0.1:${RASA_PORTS[0]} RASA_2=127.0.0.1:${RASA_PORTS[1]}
export ACTIONS_1=127.0.0.1:${ACTION_PORTS[0]} ACTIONS_2=127.0.0.1:${ACTION_PORTS[1]}
export ACTION_ENDPOINT_URL=${ACTION_ENDPOINT_URL:-http://$LB_HOST:$LB_ACTIONS_PORT/webhook}
WIDGET_PORT=${WIDGET_PORT:-8080}
CONSOLE_PORT=${CONSOLE_PORT:-8090}
export WIDGET_ORIGINS=${WIDGET_ORIGINS:-http://localhost:$WIDGET_PORT,http://127.0.0.1:$WIDGET_PORT}
IFS=',' read -r -a CORS_ORIGINS <<< "$WIDGET_ORIGINS"
if [ -z "${RASA_API_TOKEN:-}" ]; then
  RASA_API_TOKEN=$($PY -c 'import secrets; print(secrets.token_urlsafe(24))')
  echo "RASA_API_TOKEN was not set; generated one for this run: $RASA_API_TOKEN"
fi
export RASA_API_TOKEN
if [ -z "${CONSOLE_SECRET_KEY:-}" ]; then
  CONSOLE_SECRET_KEY=$($PY -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())')
fi
export CONSOLE_SECRET_KEY

# --- what it needs --------------------------------------------------------------------------------------
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
if [ ! -x "$NGINX" ]; then
  echo "run-prod needs nginx (the load balancer): sudo apt-get install -y nginx-light" >&2
  exit 1
fi
$PY -m bot.production check || exit 1
export DEFAULT_DB_URL
# By variable name, so that no password is on a command line (visible to every local user in `ps`).
$PY -m bot.production create-database CATALOG_DB_URL CASES_DB_URL DEFAULT_DB_URL
$PY -m catalog seed

PIDS=""
# Ctrl-C or TERM: every process is asked to stop, and killed after 10 s (a server holding open sockets can
# take longer than anyone should wait).
stop_all() {
  [ -n "$PIDS" ] || return 0
  kill $PIDS 2>/dev/null || true
  for _ in $(seq 1 20); do
    kill -0 $PIDS 2>/dev/null || break
    sleep 0.5
  done
  kill -9 $PIDS 2>/dev/null || true
}
trap stop_all EXIT
trap 'exit 130' INT TERM
wait_http() {  # url pid log
  for _ in $(seq 1 480); do
    curl -fsS "$1" >/dev/null 2>&1 && return 0
    kill -0 "$2" 2>/dev/null || { echo "failed to start, see $3" >&2; tail -20 "$3" >&2; exit 1; }
    sleep 0.5
  done
  echo "not up after 240 s: $1 (see $3)" >&2; exit 1
}

# One function starts each process of the shape, so the supervisor below can start it again.
LB_URL="http://localhost:$LB_RASA_PORT"
declare -A NAME_OF
start() {  # name
  local name=$1 n=${1##*-}
  case $name in
    # The servers behind nginx listen on loopback only: nginx is the way in (on one machine; on several,
    # set BACKEND_INTERFACE to the private network's address).
    actions-*) SANIC_HOST=$BACKEND_INTERFACE $RASA run actions --port "${ACTION_PORTS[$((n - 1))]}" --actions actions \
                 >> "$RUN_DIR/$name.log" 2>&1 & ;;
    rasa-*) $RASA run --interface "$BACKEND_INTERFACE" --enable-api --auth-token "$RASA_API_TOKEN" --cors "${CORS_ORIGINS[@]}" \
              --port "${RASA_PORTS[$((n - 1))]}" --endpoints endpoints.production.yml \
              --credentials "$RUN_DIR/credentials.yml" >> "$RUN_DIR/$name.log" 2>&1 & ;;
    nginx) "$NGINX" -p "$RUN_DIR/" -c nginx.conf & ;;
    widget) WIDGET_PORT=$WIDGET_PORT RASA_URL="$LB_URL" $PY -m bot.widget.serve >> "$RUN_DIR/widget.log" 2>&1 & ;;
    console) RASA_URL="http://$LB_HOST:$LB_RASA_PORT" $PY -m bot.console serve --port "$CONSOLE_PORT" \
               >> "$RUN_DIR/console.log" 2>&1 & ;;
  esac
  NAME_OF[$!]=$name
  PIDS="$PIDS $!"
  echo "$!" > "$RUN_DIR/$name.pid"
}

# nginx: the template's ${NAME}s filled from the environment, nothing else touched (nginx's own $names stay).
$PY -m bot.production render-nginx deploy/nginx.conf.template "$RUN_DIR/lb.conf"
cp deploy/nginx.main.conf "$RUN_DIR/nginx.conf"
"$NGINX" -t -q -p "$RUN_DIR/" -c nginx.conf
$PY -m bot.channels.credentials "$RUN_DIR/credentials.yml" > "$RUN_DIR/channels.txt"
SERVICES=(actions-1 actions-2 nginx rasa-1 rasa-2 widget console)
for name in "${SERVICES[@]}"; do start "$name"; done

for i in 0 1; do
  wait_http "http://${ACTIONS_1%:*}:${ACTION_PORTS[$i]}/health" "$(cat "$RUN_DIR/actions-$((i + 1)).pid")" "$RUN_DIR/actions-$((i + 1)).log"
done
for i in 0 1; do
  wait_http "http://127.0.0.1:${RASA_PORTS[$i]}/status?token=$RASA_API_TOKEN" "$(cat "$RUN_DIR/rasa-$((i + 1)).pid")" "$RUN_DIR/rasa-$((i + 1)).log"
done
echo "ready" > "$RUN_DIR/ready"
cat <<MSG

  Career adviser, production shape (logs in $RUN_DIR/):
    load balancer     $LB_URL  ->  Rasa ${RASA_PORTS[*]}   and :$LB_ACTIONS_PORT -> actions ${ACTION_PORTS[*]}
    widget            http://localhost:$WIDGET_PORT/
    counsellor console http://localhost:$CONSOLE_PORT/
    conversations     postgresql://$TRACKER_DB_HOST:$TRACKER_DB_PORT/$TRACKER_DB_NAME, locks redis://$REDIS_HOST:$REDIS_PORT (prefix $REDIS_KEY_PREFIX)
    events            amqp://$RABBITMQ_HOST:$RABBITMQ_PORT exchange $RABBITMQ_EXCHANGE -> queue $RABBITMQ_QUEUE (console)
    $(cat "$RUN_DIR/channels.txt")
  Chat over REST:
    curl -s $LB_URL/webhooks/rest/webhook -H 'Content-Type: application/json' \\
      -d '{"sender": "me", "message": "I want to become a data analyst. I know Excel and some SQL"}'

MSG
# A process that dies is said and, as a supervisor (systemd, Docker's restart policy) would, started again
# after RESTART_DELAY seconds; the others keep serving meanwhile. PROD_RESTART=0 leaves it down (the fault
# tests restart servers themselves). Ctrl-C stops everything.
RESTART=${PROD_RESTART:-1}
RESTART_DELAY=${RESTART_DELAY:-3}
while true; do
  EXITED=""
  wait -n -p EXITED || true
  [ -n "$EXITED" ] || { sleep 1; continue; }
  name=${NAME_OF[$EXITED]:-}
  [ -n "$name" ] || continue
  unset "NAME_OF[$EXITED]"
  PIDS=" ${PIDS} "; PIDS=${PIDS// $EXITED / }  # never signal a pid that a new process may have taken
  if [ "$RESTART" = "1" ]; then
    echo "$(date -u +%FT%TZ) $name (pid $EXITED) exited; starting it again in ${RESTART_DELAY}s (log: $RUN_DIR/$name.log)" >&2
    sleep "$RESTART_DELAY"
    start "$name"
  else
    echo "$(date -u +%FT%TZ) $name (pid $EXITED) exited; left down (PROD_RESTART=0)" >&2
  fi
done
