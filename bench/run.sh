#!/usr/bin/env bash
# Herald's benchmark: Herald's HTTP throughput against what PostgreSQL itself does with the
# minimal SQL of the same work, at the same concurrency, in one run on one machine; then a
# publishing drain and a steady publishing run. Each operation is measured warm (after a JIT
# warm-up, the request log off), cold (the first seconds after a restart, default logging) and warm
# with the default logging; the drain against pgbench running the minimal SQL of a publication;
# the ready time against a minimal Spring Boot application (bench/yardstick) on the same database.
# Prints one table and writes it as JSON under bench/results/. Needs a JDK and Maven; installs wrk,
# pgbench and jq if they are missing.
#
#   bash bench/run.sh                 # about 15 minutes on 2 cores
#   BENCH_DURATION=10 bash bench/run.sh   # shorter measuring runs
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=bench/common.sh
source bench/common.sh

# Extracts the jar and records a class data sharing archive from a start on a scratch database
# (the README's "Run it"); prints the JVM option that uses it. The training run halts the JVM
# after start-up, which leaves its database running: it is stopped here.
train_cds() {
  local dir=$WORK/cds
  java -Djarmode=tools -jar "$JAR" extract --destination "$dir" >/dev/null
  java -XX:ArchiveClassesAtExit="$dir/herald.jsa" -Dspring.context.exit=onRefresh -jar "$dir/$(basename "$JAR")" \
    --herald.database.data-dir="$WORK/cds-training" --herald.admin.token=training --logging.level.root=WARN \
    >"$WORK/cds-training.log" 2>&1
  kill "$(head -1 "$WORK/cds-training/postmaster.pid")"
  echo "-XX:SharedArchiveFile=$dir/herald.jsa"
}


# With Herald idle on its embedded database: ready times, three of each, alternating, of the
# minimal Spring Boot application and of a second Herald node, both started on that database: the
# medians are READY_YARDSTICK and READY_SECOND.
READY_YARDSTICK=""
READY_SECOND=""
startup_yardstick() {
  local db="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" yardstick=() herald=()
  for _ in 1 2 3; do
    await_ready "http://127.0.0.1:$YARDSTICK_PORT/" 200 "$WORK/yardstick.log" \
      java -Xmx256m -jar "$YARDSTICK" --server.port="$YARDSTICK_PORT" \
      --spring.datasource.url="$db" --spring.datasource.username=postgres
    yardstick+=("$READY")
    stop "$PID"
    await_ready "http://127.0.0.1:$SECOND_PORT/public/v1/is-connected" 401 "$WORK/herald-second.log" \
      java -Xmx256m -jar "$JAR" --server.port="$SECOND_PORT" \
      --spring.datasource.url="$db" --spring.datasource.username=postgres \
      --herald.secrets.key-file="$WORK/secrets.key" --herald.admin.token="${ADMIN#Bearer }" "${QUIET[@]}"
    herald+=("$READY")
    stop "$PID"
  done
  READY_YARDSTICK=$(median "${yardstick[@]}")
  READY_SECOND=$(median "${herald[@]}")
}

# Restarts Herald with its default logging and runs wrk on SCRIPT at once: COLD_RPS over the first
# COLD seconds after ready, then (after WARMUP) LOGGED_RPS over DURATION more. Scripts that use
# each id once read COLD_IDS_FILE, then LOGGED_WARMUP_IDS_FILE and LOGGED_IDS_FILE. (Not run in a
# subshell: it replaces the Herald process.)
COLD_RPS=""
LOGGED_RPS=""
cold_and_logged() {
  local script=$1 cold
  stop_herald
  HERALD_LOGGING=default start_herald
  cold=$(IDS_FILE=${COLD_IDS_FILE:-} wrk -t"$THREADS" -c"$CONNECTIONS" -d"${COLD}s" -s "$script" "$BASE")
  echo "$cold" >>"$WORK/wrk.log"
  COLD_RPS=$(awk '/^Requests\/sec/ {print $2}' <<<"$cold")
  read -r LOGGED_RPS _ < <(WARMUP_IDS_FILE=${LOGGED_WARMUP_IDS_FILE:-} IDS_FILE=${LOGGED_IDS_FILE:-} run_wrk "$script")
}

# pgbench running bench/drain.sql over 10,000 due rows; prints publications/s.
drain_yardstick() {
  "${PSQL[@]}" -f bench/drain-seed.sql
  local out
  out=$(PGPASSWORD= pgbench -n -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "$CONNECTIONS" -j "$THREADS" \
    -t $((10000 / CONNECTIONS)) -f bench/drain.sql postgres 2>&1 || true)
  echo "$out" >>"$WORK/pgbench.log"
  [ "$(sql "select count(*) from bench_drain where state = 'PUBLISHED'")" = 10000 ] \
    || { log "the drain yardstick did not publish every row"; exit 1; }
  sql "drop table bench_drain"
  awk '/^tps = / {printf "%d\n", $3; exit}' <<<"$out"
}

lag_of() {
  sql "select count(*),
              round(percentile_cont(0.5) within group (order by extract(epoch from published_at - publish_date))::numeric, 3),
              round(percentile_cont(0.99) within group (order by extract(epoch from published_at - publish_date))::numeric, 3),
              round(max(extract(epoch from published_at - publish_date))::numeric, 3),
              round(extract(epoch from max(published_at) - min(publish_date))::numeric, 3)
       from posts where organization_id = '$1' and state = 'PUBLISHED'" | tr '|' ' '
}

# Waits until the organization has no queued or publishing post (its posts are roots: the
# listing index serves the count).
wait_published() {
  local org=$1 deadline=$2
  while [ "$(sql "select count(*) from posts where organization_id = '$org' and parent_post_id is null
                  and deleted_at is null and state in ('QUEUE', 'PUBLISHING')")" -gt 0 ]; do
    [ "$(date +%s)" -gt "$deadline" ] && { log "gave up waiting for publications"; break; }
    sleep 2
  done
}

# Makes organization NAME and COUNT posts for it, due STEP_MS apart from an instant far enough
# ahead (at CREATE_RPS, from one client) for all of them to exist by then; waits until they are out
# and prints "count p50 p99 max span" of their lag. Stops the bench if a post was made after it was
# due: its lag would be the client's, not Herald's.
publishing_run() {
  local name=$1 count=$2 step=$3 create_rps=$4 org key int lead due
  read -r org key int _ <<<"$(make_organization "$name")"
  lead=$(echo "scale=0; $count * 3 / 2 / $create_rps + 10" | bc)
  due=$(date -u -d "+${lead} seconds" +%Y-%m-%dT%H:%M:%S.000Z)
  java bench/Tool.java create "$BASE" "$key" "$int" "$count" "$due" "$step"
  wait_published "$org" $(($(date +%s) + lead + 300))
  local late
  late=$(sql "select count(*) from posts where organization_id = '$org' and created_at > publish_date")
  [ "$late" = 0 ] || { log "$late posts of $name were made after they were due: raise the lead"; exit 1; }
  lag_of "$org"
}

main() {
  install_tools
  build
  rm -rf "$WORK"
  mkdir -p "$WORK" "$RESULTS"
  java bench/Tool.java receive "$RECEIVER_PORT" &
  RECEIVER_PID=$!
  # the receiver compiles itself first: not while Herald's start is measured
  until curl -s -o /dev/null "http://127.0.0.1:$RECEIVER_PORT/"; do sleep 0.1; done

  log "first start (new data directory: initdb and migrations)"
  local ready_first ready_restart ready_cds cds_option
  start_herald
  ready_first=$READY
  stop_herald
  log "restart with a class data sharing archive"
  cds_option=$(train_cds)
  local plain_jar=$JAR
  JAR=$WORK/cds/$(basename "$JAR")
  start_herald "$cds_option"
  ready_cds=$READY
  stop_herald
  JAR=$plain_jar
  log "restart on the same data directory"
  start_herald
  ready_restart=$READY
  log "ready in ${ready_first}s (first start), ${ready_restart}s (restart), ${ready_cds}s (restart with CDS)"
  log "start-up yardstick: the minimal Spring Boot application and a second Herald node, on this database"
  startup_yardstick
  local ready_yardstick=$READY_YARDSTICK ready_second=$READY_SECOND
  log "ready in ${ready_yardstick}s (yardstick), ${ready_second}s (Herald on the same database)"

  log "making 100 organizations with 5 integrations each"
  : >"$WORK/orgs.txt"
  make_organizations 1 100 "$WORK/orgs.txt"

  log "seeding 100,000 posts (organizations 1-10)"
  "${PSQL[@]}" -v groups=3125 -v first=1 -v last=10 -f bench/seed.sql
  # the seeded pages are written out now, not while the next measurement runs
  sql "checkpoint"
  local org1 key1 start end
  read -r org1 key1 _ <"$WORK/orgs.txt"
  start=$(date -u -d '+100 days' +%Y-%m-%dT00:00:00Z)
  end=$(date -u -d '+131 days' +%Y-%m-%dT00:00:00Z)
  local window_posts
  window_posts=$(sql "select count(*) from posts where organization_id = '$org1' and parent_post_id is null
                      and deleted_at is null and publish_date between '$start' and '$end'")
  log "list window holds $window_posts root posts"
  export KEY=$key1 LIST_PATH="/public/v1/posts?startDate=$start&endDate=$end"
  # The first measurement would otherwise also measure the JIT compiling the request path.
  log "warming the JVM up: ${JIT_WARMUP}s of listing"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${JIT_WARMUP}s" -s bench/list.lua "$BASE" >/dev/null
  log "list at 100,000 posts"
  read -r list_small_rps list_small_p50 list_small_p99 list_small_errors < <(run_wrk bench/list.lua)

  log "seeding 900,000 more posts (organizations 11-100)"
  "${PSQL[@]}" -v groups=3125 -v first=11 -v last=100 -f bench/seed.sql
  sql "checkpoint"
  local total
  total=$(sql "select count(*) from posts")
  log "$total posts"

  log "list at $total posts"
  read -r list_rps list_p50 list_p99 list_errors < <(run_wrk bench/list.lua)
  sed -e "s/@ORG@/$org1/" -e "s/@START@/$start/" -e "s/@END@/$end/" bench/list.sql >"$WORK/list.sql"
  list_tps=$(run_pgbench "$WORK/list.sql")

  log "delete"
  sql "select o.key || ' ' || d.post from bench_delete_herald d join posts p on p.id = d.post
       join (values $(awk '{printf "%s(\x27%s\x27::uuid, \x27%s\x27)", (NR > 1 ? "," : ""), $1, $2}' "$WORK/orgs.txt")) as o(id, key)
         on o.id = p.organization_id order by d.n" >"$WORK/delete-all-ids.txt"
  sed -n 1,20000p "$WORK/delete-all-ids.txt" >"$WORK/delete-warmup-ids.txt"
  sed -n 20001,60000p "$WORK/delete-all-ids.txt" >"$WORK/delete-ids.txt"
  sed -n 60001,75000p "$WORK/delete-all-ids.txt" >"$WORK/delete-cold-ids.txt"
  sed -n 75001,85000p "$WORK/delete-all-ids.txt" >"$WORK/delete-logged-warmup-ids.txt"
  tail -n +85001 "$WORK/delete-all-ids.txt" >"$WORK/delete-logged-ids.txt"
  export WARMUP_IDS_FILE=$WORK/delete-warmup-ids.txt IDS_FILE=$WORK/delete-ids.txt THREADS
  read -r delete_rps delete_p50 delete_p99 delete_errors < <(run_wrk bench/delete.lua)
  unset WARMUP_IDS_FILE
  sql "create sequence if not exists bench_delete_pgbench_cursor"
  delete_tps=$(run_pgbench bench/delete.sql)

  log "create"
  awk '{print $2, $3, $4}' "$WORK/orgs.txt" >"$WORK/create-orgs.txt"
  export ORGS_FILE=$WORK/create-orgs.txt
  read -r create_rps create_p50 create_p99 create_errors < <(run_wrk bench/create.lua)
  local org int1 int2
  read -r org _ int1 int2 _ <"$WORK/orgs.txt"
  sed -e "s/@ORG@/$org/g" -e "s/@INT1@/$int1/g" -e "s/@INT2@/$int2/g" bench/create.sql >"$WORK/create.sql"
  create_tps=$(run_pgbench "$WORK/create.sql")

  log "cold (first ${COLD}s after a restart) and warm with the default logging"
  local list_cold list_logged delete_cold delete_logged create_cold create_logged
  cold_and_logged bench/list.lua
  list_cold=$COLD_RPS list_logged=$LOGGED_RPS
  COLD_IDS_FILE=$WORK/delete-cold-ids.txt LOGGED_WARMUP_IDS_FILE=$WORK/delete-logged-warmup-ids.txt \
    LOGGED_IDS_FILE=$WORK/delete-logged-ids.txt cold_and_logged bench/delete.lua
  delete_cold=$COLD_RPS delete_logged=$LOGGED_RPS
  cold_and_logged bench/create.lua
  create_cold=$COLD_RPS create_logged=$LOGGED_RPS

  log "publishing drain: 10,000 posts due at one instant"
  read -r drain_count drain_p50 drain_p99 drain_max drain_span < <(publishing_run bench-drain 10000 0 "$create_rps")
  local drain_rate drain_tps
  drain_rate=$(echo "scale=0; $drain_count / $drain_span" | bc)
  log "drain yardstick: pgbench claiming and recording 10,000 due rows"
  drain_tps=$(drain_yardstick)

  log "steady publishing: 100 posts due a second for a minute"
  read -r steady_count steady_p50 steady_p99 steady_max _ < <(publishing_run bench-steady 6000 10 "$create_rps")

  stop_herald
  local rss_kb=$PEAK_RSS_KB

  local stamp table json
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  table=$(
    local row='%-22s %12s %8s %8s %11s %6s %10s %5s %10s %5s\n'
    printf "$row" operation "warm req/s" "p50 ms" "p99 ms" "pgbench tps" ratio "cold req/s" "x" "logged" "x"
    printf "$row" delete "$delete_rps" "$delete_p50" "$delete_p99" "$delete_tps" "$(ratio "$delete_rps" "$delete_tps")" \
      "$delete_cold" "$(ratio "$delete_cold" "$delete_rps")" "$delete_logged" "$(ratio "$delete_logged" "$delete_rps")"
    printf "$row" create "$create_rps" "$create_p50" "$create_p99" "$create_tps" "$(ratio "$create_rps" "$create_tps")" \
      "$create_cold" "$(ratio "$create_cold" "$create_rps")" "$create_logged" "$(ratio "$create_logged" "$create_rps")"
    printf "$row" "list ($total posts)" "$list_rps" "$list_p50" "$list_p99" "$list_tps" "$(ratio "$list_rps" "$list_tps")" \
      "$list_cold" "$(ratio "$list_cold" "$list_rps")" "$list_logged" "$(ratio "$list_logged" "$list_rps")"
    printf "$row" "list (100000 posts)" "$list_small_rps" "$list_small_p50" "$list_small_p99" "" "" "" "" "" ""
    echo
    echo "ratio: of pgbench's minimal SQL; cold: the first ${COLD}s after a restart, default logging; logged: warm, default logging; x: of warm"
    printf 'drain: %s posts in %ss (%s posts/s, %s x pgbench %s/s); lag p50 %ss, p99 %ss, max %ss\n' "$drain_count" "$drain_span" \
      "$drain_rate" "$(ratio "$drain_rate" "$drain_tps")" "$drain_tps" "$drain_p50" "$drain_p99" "$drain_max"
    printf 'steady 100/s for 1 min: %s posts; lag p50 %ss, p99 %ss, max %ss\n' "$steady_count" "$steady_p50" "$steady_p99" "$steady_max"
    printf 'ready: %ss first start, %ss restart, %ss restart with CDS; on the shared database %ss, %s x the yardstick %ss\n' \
      "$ready_first" "$ready_restart" "$ready_cds" "$ready_second" "$(ratio "$ready_second" "$ready_yardstick")" "$ready_yardstick"
    printf 'peak RSS of any Herald process (-Xmx256m): %s MB\n' "$((rss_kb / 1024))"
    printf 'non-2xx answers: delete %s, create %s, list %s\n' "$delete_errors" "$create_errors" "$list_errors"
  )
  echo "$table"
  json=$(jq -n \
    --arg stamp "$stamp" --arg cpus "$(nproc)" --arg total "$total" \
    --arg delete_rps "$delete_rps" --arg delete_p50 "$delete_p50" --arg delete_p99 "$delete_p99" --arg delete_tps "$delete_tps" \
    --arg create_rps "$create_rps" --arg create_p50 "$create_p50" --arg create_p99 "$create_p99" --arg create_tps "$create_tps" \
    --arg list_rps "$list_rps" --arg list_p50 "$list_p50" --arg list_p99 "$list_p99" --arg list_tps "$list_tps" \
    --arg list_small_rps "$list_small_rps" --arg window_posts "$window_posts" \
    --arg drain_rate "$drain_rate" --arg drain_p50 "$drain_p50" --arg drain_p99 "$drain_p99" --arg drain_max "$drain_max" \
    --arg steady_p50 "$steady_p50" --arg steady_p99 "$steady_p99" --arg steady_max "$steady_max" \
    --arg rss_mb "$((rss_kb / 1024))" --arg ready_first "$ready_first" --arg ready_restart "$ready_restart" --arg ready_cds "$ready_cds" \
    --arg ready_second "$ready_second" --arg ready_yardstick "$ready_yardstick" --arg drain_tps "$drain_tps" \
    --arg delete_cold "$delete_cold" --arg delete_logged "$delete_logged" --arg create_cold "$create_cold" \
    --arg create_logged "$create_logged" --arg list_cold "$list_cold" --arg list_logged "$list_logged" \
    '{stamp: $stamp, cpus: $cpus, posts: $total,
      delete: {herald_rps: $delete_rps, p50_ms: $delete_p50, p99_ms: $delete_p99, pgbench_tps: $delete_tps,
               cold_rps: $delete_cold, logged_rps: $delete_logged},
      create: {herald_rps: $create_rps, p50_ms: $create_p50, p99_ms: $create_p99, pgbench_tps: $create_tps,
               cold_rps: $create_cold, logged_rps: $create_logged},
      list: {herald_rps: $list_rps, p50_ms: $list_p50, p99_ms: $list_p99, pgbench_tps: $list_tps,
             herald_rps_at_100k: $list_small_rps, window_posts: $window_posts, cold_rps: $list_cold, logged_rps: $list_logged},
      drain: {posts_per_s: $drain_rate, pgbench_per_s: $drain_tps, lag_p50_s: $drain_p50, lag_p99_s: $drain_p99, lag_max_s: $drain_max},
      steady: {lag_p50_s: $steady_p50, lag_p99_s: $steady_p99, lag_max_s: $steady_max},
      peak_rss_mb: $rss_mb, ready_first_s: $ready_first, ready_restart_s: $ready_restart,
      ready_restart_cds_s: $ready_cds, ready_shared_database_s: $ready_second, ready_yardstick_s: $ready_yardstick}')
  echo "$json" >"$RESULTS/$stamp.json"
  log "written $RESULTS/$stamp.json"
}

main "$@"
