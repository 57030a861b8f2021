#!/usr/bin/env bash
# Herald at 1,000,000 and at 10,000,000 posts: list, delete and create through HTTP, and the plans
# of the hot statements, at each size in one run. The data grows by organizations (1,000 of 10,000
# posts each at the end), as a growing installation's does, so the one organization's list window
# holds the same posts at both sizes and any slowdown is the table's size, not the answer's.
# Prints one table, writes it and the EXPLAIN (ANALYZE, BUFFERS) outputs under bench/results/.
# Needs a JDK and Maven; installs wrk, pgbench and jq if they are missing. 11 to 42 minutes on 2
# cores and 10 GB of disk; not part of bench/run.sh.
#
#   bash bench/scale.sh
#   BENCH_SCALE_ORGANIZATIONS=200 bash bench/scale.sh   # a smaller second size (2,000,000)
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=bench/scale-state
# shellcheck source=bench/common.sh
source bench/common.sh
ORGANIZATIONS=${BENCH_SCALE_ORGANIZATIONS:-1000}

# EXPLAIN (ANALYZE, BUFFERS) of the hot statements, each in a transaction that is rolled back,
# into FILE: the list of one organization's window, a group delete's lock and mark (of the last
# delete candidate, which the measurement did not reach), and the claim of due posts.
explain() {
  local file=$1 org=$2 start=$3 end=$4 post=$5
  {
    echo "-- list"
    sed -e "s/@ORG@/$org/" -e "s/@START@/$start/" -e "s/@END@/$end/" bench/list.sql \
      | sed -e '/^--/d' | { printf 'begin;\nexplain (analyze, buffers) '; cat; printf 'rollback;\n'; } \
      | "${PSQL[@]}" -At
    echo "-- delete"
    "${PSQL[@]}" -At <<SQL
begin;
explain (analyze, buffers)
select id, state, publishing_node from posts
where group_id = (select group_id from posts where id = '$post') and organization_id = '$org' and deleted_at is null
order by id for update;
explain (analyze, buffers)
update posts set deleted_at = now(), updated_at = now(), version = version + 1
where group_id = (select group_id from posts where id = '$post') and deleted_at is null and state <> 'PUBLISHED';
rollback;
SQL
    echo "-- claim"
    "${PSQL[@]}" -At <<SQL
begin;
explain (analyze, buffers)
select id from posts
where cluster = 'herald' and state = 'QUEUE' and deleted_at is null
  and due_at <= now() + interval '1 second' and due_at >= now() - interval '1 hour'
order by due_at limit 16 for update skip locked;
rollback;
SQL
  } >"$file"
}

# list, delete and create for DURATION each; prints "list_rps delete_rps create_rps".
measure() {
  local ids=$1 list delete create
  read -r list _ < <(run_wrk bench/list.lua)
  export IDS_FILE=$ids WARMUP_IDS_FILE=$ids.warmup
  read -r delete _ < <(run_wrk bench/delete.lua)
  read -r create _ < <(run_wrk bench/create.lua)
  echo "$list $delete $create"
}

# The keys and post ids of up to LIMIT delete candidates of TABLE numbered above FROM, into FILE.
candidates() {
  local table=$1 from=$2 limit=$3 file=$4 keys
  keys=$(awk '{printf "%s(\x27%s\x27::uuid, \x27%s\x27)", (NR > 1 ? "," : ""), $1, $2}' "$WORK/orgs.txt")
  sql "select o.key || ' ' || d.post from $table d join posts p on p.id = d.post
       join (values $keys) as o(id, key) on o.id = p.organization_id
       where d.n > $from order by d.n limit $limit" >"$file"
}

# Delete candidates numbered above FROM, for run_wrk: a warm-up file and a measuring file.
delete_ids() {
  local from=$1 file=$2
  candidates bench_delete_herald "$from" 120000 "$file.all"
  sed -n 1,20000p "$file.all" >"$file.warmup"
  tail -n +20001 "$file.all" >"$file"
}

main() {
  install_tools
  build
  rm -rf "$WORK"
  mkdir -p "$WORK" "$RESULTS"
  java bench/Tool.java receive "$RECEIVER_PORT" &
  RECEIVER_PID=$!
  until curl -s -o /dev/null "http://127.0.0.1:$RECEIVER_PORT/"; do sleep 0.1; done
  start_herald

  log "making $ORGANIZATIONS organizations with 5 integrations each"
  : >"$WORK/orgs.txt"
  make_organizations 1 "$ORGANIZATIONS" "$WORK/orgs.txt"
  awk '{print $2, $3, $4}' "$WORK/orgs.txt" >"$WORK/create-orgs.txt"
  export ORGS_FILE=$WORK/create-orgs.txt THREADS

  local org1 key1 start end
  read -r org1 key1 _ <"$WORK/orgs.txt"
  start=$(date -u -d '+100 days' +%Y-%m-%dT00:00:00Z)
  end=$(date -u -d '+131 days' +%Y-%m-%dT00:00:00Z)
  export KEY=$key1 LIST_PATH="/public/v1/posts?startDate=$start&endDate=$end"

  log "seeding 1,000,000 posts (organizations 1-100)"
  "${PSQL[@]}" -v groups=3125 -v first=1 -v last=100 -f bench/seed.sql
  local small_total small_n
  # the seed's dirty pages written out now, not under the first measurement
  sql "checkpoint"
  small_total=$(sql "select count(*) from posts")
  small_n=$(sql "select coalesce(max(n), 0) from bench_delete_herald")
  delete_ids 0 "$WORK/delete-small"
  # Every operation is warmed up, not only the list: otherwise the smaller size's delete and
  # create are the first writes the JVM compiles, and the larger size looks faster. The delete's
  # warm-up takes pgbench's candidates, which this script does not use otherwise.
  log "warming the JVM up: ${JIT_WARMUP}s of listing, ${JIT_WARMUP}s of creating, 15s of deleting"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${JIT_WARMUP}s" -s bench/list.lua "$BASE" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"${JIT_WARMUP}s" -s bench/create.lua "$BASE" >/dev/null
  candidates bench_delete_pgbench 0 100000 "$WORK/delete-jit"
  IDS_FILE=$WORK/delete-jit wrk -t"$THREADS" -c"$CONNECTIONS" -d15s -s bench/delete.lua "$BASE" >/dev/null
  log "measuring at $small_total posts"
  local small_list small_delete small_create
  read -r small_list small_delete small_create < <(measure "$WORK/delete-small")
  explain "$WORK/explain-small.txt" "$org1" "$start" "$end" "$(tail -1 "$WORK/delete-small.all" | cut -d" " -f2)"

  log "seeding $(((ORGANIZATIONS - 100) * 10000)) more posts (organizations 101-$ORGANIZATIONS)"
  local first=101
  while [ "$first" -le "$ORGANIZATIONS" ]; do
    local last=$((first + 99 > ORGANIZATIONS ? ORGANIZATIONS : first + 99))
    "${PSQL[@]}" -v groups=3125 -v first="$first" -v last="$last" -f bench/seed.sql
    log "organizations up to $last seeded"
    first=$((last + 1))
  done
  local large_total
  sql "checkpoint"
  large_total=$(sql "select count(*) from posts")
  delete_ids "$small_n" "$WORK/delete-large"
  log "measuring at $large_total posts"
  local large_list large_delete large_create
  read -r large_list large_delete large_create < <(measure "$WORK/delete-large")
  explain "$WORK/explain-large.txt" "$org1" "$start" "$end" "$(tail -1 "$WORK/delete-large.all" | cut -d" " -f2)"

  stop_herald
  local stamp table
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  table=$(
    local row='%-10s %14s %14s %8s\n'
    printf "$row" operation "$small_total posts" "$large_total posts" ratio
    printf "$row" list "$small_list" "$large_list" "$(ratio "$large_list" "$small_list")"
    printf "$row" delete "$small_delete" "$large_delete" "$(ratio "$large_delete" "$small_delete")"
    printf "$row" create "$small_create" "$large_create" "$(ratio "$large_create" "$small_create")"
    echo "req/s at 16 connections, ${DURATION}s each after ${WARMUP}s of warm-up; ratio: of the smaller size"
    for size in small large; do
      printf 'claim at %s: %s\n' "$size" \
        "$(awk '/^-- claim/ {c = 1} c && /Execution Time|Buffers/ {printf "%s; ", $0}' "$WORK/explain-$size.txt")"
    done
  )
  echo "$table"
  mkdir -p "$RESULTS/scale-$stamp"
  echo "$table" >"$RESULTS/scale-$stamp/table.txt"
  cp "$WORK"/explain-*.txt "$RESULTS/scale-$stamp/"
  log "written $RESULTS/scale-$stamp"
}

main "$@"
