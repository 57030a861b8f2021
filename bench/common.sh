# What bench/run.sh and bench/scale.sh share: settings, starting and stopping Herald, wrk and
# pgbench runs. Sourced from the project directory; WORK may be set before.

PORT=${BENCH_PORT:-18080}
PG_PORT=${BENCH_PG_PORT:-15432}
RECEIVER_PORT=${BENCH_RECEIVER_PORT:-18090}
SECOND_PORT=${BENCH_SECOND_PORT:-18082}
YARDSTICK_PORT=${BENCH_YARDSTICK_PORT:-18081}
DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-5}
JIT_WARMUP=${BENCH_JIT_WARMUP:-30}
COLD=${BENCH_COLD:-10}
CONNECTIONS=16
THREADS=2
WORK=${WORK:-bench/state}
RESULTS=bench/results
BASE=http://127.0.0.1:$PORT
ADMIN="Bearer bench-admin-token"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres)

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

install_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v pgbench >/dev/null || missing+=(postgresql-client)
  command -v psql >/dev/null || missing+=(postgresql-client)
  command -v jq >/dev/null || missing+=(jq)
  command -v curl >/dev/null || missing+=(curl)
  command -v bc >/dev/null || missing+=(bc)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

JAR=""
YARDSTICK=bench/yardstick/target/yardstick-1.jar
build() {
  JAR=$(ls target/herald-*.jar 2>/dev/null | grep -v original | head -1 || true)
  if [ -z "$JAR" ]; then
    log "building the jar"
    mvn -B -q -DskipTests package
    JAR=$(ls target/herald-*.jar | grep -v original | head -1)
  fi
  if [ ! -f "$YARDSTICK" ]; then
    log "building the start-up yardstick"
    mvn -B -q -f bench/yardstick/pom.xml -DskipTests package
  fi
}

HERALD_PID=""
RECEIVER_PID=""
cleanup() {
  [ -n "$HERALD_PID" ] && kill "$HERALD_PID" 2>/dev/null && wait "$HERALD_PID" 2>/dev/null || true
  [ -n "$RECEIVER_PID" ] && kill "$RECEIVER_PID" 2>/dev/null || true
}
trap cleanup EXIT

# Runs a command in the background until URL answers CODE; READY is the seconds that took, PID
# the process.
READY=""
PID=""
await_ready() {
  local url=$1 code=$2 output=$3 started
  shift 3
  started=$(date +%s.%N)
  "$@" >"$output" 2>&1 &
  PID=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "$url")" = "$code" ]; do
    kill -0 "$PID" 2>/dev/null || { tail -50 "$output" >&2; exit 1; }
    sleep 0.1
  done
  READY=$(echo "scale=1; ($(date +%s.%N) - $started) / 1" | bc)
}

# The request log and Herald's own info lines off, as the warm figures are measured; a start with
# HERALD_LOGGING=default keeps Herald's default logging.
QUIET=(--logging.level.root=WARN --logging.level.io.herald=WARN)

# Starts Herald, with any JVM options given, from JAR on its embedded database.
start_herald() {
  local logging=("${QUIET[@]}")
  [ "${HERALD_LOGGING:-quiet}" = default ] && logging=()
  await_ready "$BASE/public/v1/is-connected" 401 "$WORK/herald.log" \
    java -Xmx256m "$@" -jar "$JAR" \
    --server.port="$PORT" \
    --herald.database.data-dir="$WORK/postgres" \
    --herald.database.port="$PG_PORT" \
    --herald.secrets.key-file="$WORK/secrets.key" \
    --herald.admin.token="${ADMIN#Bearer }" \
    --herald.rate-limit.posts-per-hour=0 \
    --herald.public-url="$BASE" \
    "${logging[@]}"
  HERALD_PID=$PID
}

# The largest resident set any Herald process of the run reached, in kB.
PEAK_RSS_KB=0
stop_herald() {
  local rss_kb
  rss_kb=$(awk '/VmHWM/ {print $2}' "/proc/$HERALD_PID/status")
  [ "$rss_kb" -gt "$PEAK_RSS_KB" ] && PEAK_RSS_KB=$rss_kb
  kill "$HERALD_PID"
  wait "$HERALD_PID" 2>/dev/null || true
  HERALD_PID=""
}

stop() {
  kill "$1"
  wait "$1" 2>/dev/null || true
}

median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

sql() { "${PSQL[@]}" -At -c "$1"; }

admin() {
  curl -sf -X POST "$BASE$1" -H "Authorization: $ADMIN" -H 'Content-Type: application/json' -d "$2"
}

# Organization bench-NNN with 5 webhook integrations; prints "org key int1 ... int5".
make_organization() {
  local name=$1 org id key ints=()
  org=$(admin /admin/v1/organizations "{\"name\":\"$name\"}")
  id=$(jq -r .id <<<"$org")
  key=$(jq -r .apiKey <<<"$org")
  for i in 1 2 3 4 5; do
    ints+=("$(admin "/admin/v1/organizations/$id/integrations" \
      "{\"name\":\"i$i\",\"identifier\":\"webhook\",\"config\":{\"url\":\"http://127.0.0.1:$RECEIVER_PORT/hook\",\"secret\":\"s\"}}" \
      | jq -r .id)")
  done
  echo "$id $key ${ints[*]}"
}

# Organizations bench-FIRST .. bench-LAST (zero-padded to the width of LAST), made eight at a time,
# appended to FILE in name order.
make_organizations() {
  local first=$1 last=$2 file=$3 n pids=()
  for n in $(seq -w "$first" "$last"); do
    make_organization "bench-$n" >"$WORK/org-$n.txt" &
    pids+=($!)
    if [ ${#pids[@]} -eq 8 ]; then
      wait "${pids[@]}"
      pids=()
    fi
  done
  [ ${#pids[@]} -eq 0 ] || wait "${pids[@]}"
  for n in $(seq -w "$first" "$last"); do cat "$WORK/org-$n.txt" >>"$file" && rm "$WORK/org-$n.txt"; done
}

# wrk for DURATION after WARMUP; prints "requests/s p50_ms p99_ms non2xx". Scripts that use
# each id once read WARMUP_IDS_FILE while warming up and IDS_FILE while measuring.
run_wrk() {
  local script=$1 out
  IDS_FILE=${WARMUP_IDS_FILE:-} wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$script" "$BASE" >/dev/null
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$script" "$BASE")
  echo "$out" >>"$WORK/wrk.log"
  local rps p50 p99 errors
  rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  echo "$rps $(to_ms "$p50") $(to_ms "$p99") ${errors:-0}"
}

to_ms() {
  local v=$1
  case $v in
    *us) echo "scale=3; ${v%us} / 1000" | bc ;;
    *ms) echo "${v%ms}" ;;
    *s) echo "scale=3; ${v%s} * 1000" | bc ;;
    *) echo "$v" ;;
  esac
}

# pgbench for DURATION after WARMUP on a script file; prints transactions/s.
run_pgbench() {
  local script=$1 out
  PGPASSWORD= pgbench -n -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "$CONNECTIONS" -j "$THREADS" -T "$WARMUP" \
    -f "$script" postgres >/dev/null 2>&1
  out=$(PGPASSWORD= pgbench -n -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "$CONNECTIONS" -j "$THREADS" \
    -T "$DURATION" -f "$script" postgres 2>&1)
  echo "$out" >>"$WORK/pgbench.log"
  awk '/^tps = / {print $3; exit}' <<<"$out"
}

ratio() { echo "scale=2; $1 / $2" | bc; }
