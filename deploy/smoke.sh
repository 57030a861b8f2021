#!/usr/bin/env bash
# A deployment's smoke test: what a new user does first (the README's quick start), against a
# running Herald, every answer checked. It prints a line per step and ends with "smoke: OK", or
# exits 1 at the first answer that differs, with one line saying which step, what was expected
# and what came.
#
#   deploy/smoke.sh BASE_URL ADMIN_TOKEN        e.g. deploy/smoke.sh http://localhost:8080 "$HERALD_ADMIN_TOKEN"
#
# Steps: readiness; an organization and its key; two webhook integrations pointing at a receiver
# this script starts (deploy/SmokeReceiver.java); one post scheduled for both, listed, deleted
# through one of them (the whole group goes), listed again; then SMOKE_POSTS posts published at
# once to both, each of which must reach the receiver exactly once, signed, and be listed as
# published with the release the receiver answered; a published post cannot be deleted.
#
# Needs bash, curl, jq and a JDK's java (it runs the receiver from source). Settings:
#   SMOKE_RECEIVER_HOST  the address Herald reaches this machine at (default 127.0.0.1; for Herald
#                        in Docker, e.g. the Docker network's gateway). The receiver listens on
#                        loopback for 127.0.0.1 or localhost, else on every interface.
#   SMOKE_POSTS          posts published to both integrations (default 5)
#   SMOKE_TIMEOUT        seconds to wait for the receiver to start and for publication (default 60)
# Each run works in a new organization, which stays (the admin API deletes none).
set -euo pipefail

if [[ $# -ne 2 ]]; then
  echo "usage: $0 BASE_URL ADMIN_TOKEN" >&2
  exit 2
fi
for tool in curl jq java; do
  command -v "$tool" >/dev/null 2>&1 || { echo "smoke: needs $tool on the PATH" >&2; exit 2; }
done

base=${1%/}
admin="Bearer $2"
receiver_host=${SMOKE_RECEIVER_HOST:-127.0.0.1}
posts=${SMOKE_POSTS:-5}
timeout=${SMOKE_TIMEOUT:-60}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
receiver=
step=
steps=0
status=
body=

cleanup() {
  if [[ -n $receiver ]]; then
    kill "$receiver" 2>/dev/null || true
    wait "$receiver" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

step() {
  step=$1
  steps=$((steps + 1))
  echo "smoke: $step"
}

fail() {
  echo "smoke: FAIL $step: $*"
  exit 1
}

# call METHOD PATH AUTHORIZATION [BODY]: sets $status and $body.
call() {
  local args=(-sS --max-time 30 -o "$work/answer" -w '%{http_code}' -X "$1" "$base$2")
  [[ -n $3 ]] && args+=(-H "Authorization: $3")
  [[ $# -ge 4 ]] && args+=(-H 'Content-Type: application/json' --data-binary "$4")
  status=$(curl "${args[@]}" 2>"$work/curl.err") || fail "no answer to $1 $2: $(cat "$work/curl.err")"
  body=$(cat "$work/answer")
}

expect_status() {
  [[ $status == "$1" ]] || fail "expected HTTP $1, got $status: $body"
}

# expect FILTER JSON: jq's FILTER over the answer gives exactly JSON (object keys in any order).
expect() {
  local actual wanted
  actual=$(jq -cS "$1" <<<"$body" 2>/dev/null) || fail "expected a JSON answer, got: $body"
  wanted=$(jq -cS . <<<"$2")
  [[ $actual == "$wanted" ]] || fail "expected $1 to be $wanted, got $actual; the answer: $body"
}

value() {
  jq -r "$1" <<<"$body"
}

step "Herald is ready"
call GET /actuator/health/readiness ""
expect_status 200
expect .status '"UP"'

step "the public API refuses a request without a key"
call GET /public/v1/integrations ""
expect_status 401
expect . '{"msg":"No API Key found"}'

step "start the webhook receiver"
secret=$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')
listen=0.0.0.0
[[ $receiver_host == 127.0.0.1 || $receiver_host == localhost ]] && listen=127.0.0.1
java "$here/SmokeReceiver.java" "$listen" "$secret" "$work/receiver" >"$work/receiver.log" 2>&1 &
receiver=$!
deadline=$((SECONDS + timeout))
until [[ -f $work/receiver/port ]]; do
  kill -0 "$receiver" 2>/dev/null || fail "the receiver stopped: $(cat "$work/receiver.log")"
  ((SECONDS < deadline)) || fail "the receiver did not start within ${timeout}s"
  sleep 0.2
done
hook="http://$receiver_host:$(cat "$work/receiver/port")/hook"

step "create an organization"
call POST /admin/v1/organizations "$admin" "{\"name\":\"Smoke $(date -u +%Y-%m-%dT%H:%M:%SZ)\"}"
expect_status 201
organization=$(value '.id // empty')
key=$(value '.apiKey // empty')
[[ -n $organization && -n $key ]] || fail "expected an id and an apiKey, got: $body"

step "its key is connected"
call GET /public/v1/is-connected "$key"
expect_status 200
expect . '{"connected":true}'

declare -A integration
for name in news blog; do
  step "add the webhook integration $name"
  call POST "/admin/v1/organizations/$organization/integrations" "$admin" \
    "{\"name\":\"$name\",\"identifier\":\"webhook\",\"config\":{\"url\":\"$hook/$name\",\"secret\":\"$secret\"}}"
  expect_status 201
  expect '{name, identifier, disabled}' "{\"name\":\"$name\",\"identifier\":\"webhook\",\"disabled\":false}"
  [[ $body != *"$secret"* ]] || fail "the answer shows the webhook's secret: $body"
  integration[$name]=$(value .id)
done
news=${integration[news]}
blog=${integration[blog]}

step "list the integrations"
call GET /public/v1/integrations "$key"
expect_status 200
expect '[.[] | {id, name, identifier, disabled}] | sort_by(.name)' \
  "[{\"id\":\"$blog\",\"name\":\"blog\",\"identifier\":\"webhook\",\"disabled\":false},
    {\"id\":\"$news\",\"name\":\"news\",\"identifier\":\"webhook\",\"disabled\":false}]"
[[ $body != *"$secret"* ]] || fail "the answer shows the webhook's secret: $body"

step "schedule one post for both integrations"
call POST /public/v1/posts "$key" "{\"type\":\"schedule\",\"date\":\"2030-05-01T09:00:00Z\",\"shortLink\":false,\"tags\":[],
  \"posts\":[{\"integration\":{\"id\":\"$news\"},\"value\":[{\"content\":\"<p>Hello</p>\"}]},
             {\"integration\":{\"id\":\"$blog\"},\"value\":[{\"content\":\"Hello\"}]}]}"
expect_status 201
expect '[.[].integration]' "[\"$news\",\"$blog\"]"
expect '[.[].group] | unique | length' 1
group=$(value '.[0].group')
first=$(value '.[0].postId')
second=$(value '.[1].postId')

window="/public/v1/posts?startDate=2030-05-01&endDate=2030-05-02"
step "list them: one group, both queued"
call GET "$window" "$key"
expect_status 200
expect '[.posts[] | {id, group, state, status, content, publishDate, error, integration: .integration.id}] | sort_by(.content)' \
  "[{\"id\":\"$first\",\"group\":\"$group\",\"state\":\"QUEUE\",\"status\":\"scheduled\",\"content\":\"<p>Hello</p>\",
     \"publishDate\":\"2030-05-01T09:00:00.000Z\",\"error\":null,\"integration\":\"$news\"},
    {\"id\":\"$second\",\"group\":\"$group\",\"state\":\"QUEUE\",\"status\":\"scheduled\",\"content\":\"Hello\",
     \"publishDate\":\"2030-05-01T09:00:00.000Z\",\"error\":null,\"integration\":\"$blog\"}]"

step "delete one of them: the whole group goes"
call DELETE "/public/v1/posts/$first" "$key"
expect_status 200
expect '.deleted |= sort' "$(jq -nc --arg id "$first" --arg group "$group" --arg a "$first" --arg b "$second" \
  '{success: true, id: $id, group: $group, deleted: ([$a, $b] | sort), kept: []}')"

step "list again: nothing left"
call GET "$window" "$key"
expect_status 200
expect . '{"posts":[]}'

step "the deleted post is gone"
call DELETE "/public/v1/posts/$second" "$key"
expect_status 404
expect . '{"statusCode":404,"message":"Post not found","error":"Not Found"}'

step "publish $posts posts to both integrations now"
created=()
for ((i = 1; i <= posts; i++)); do
  call POST /public/v1/posts "$key" "{\"type\":\"now\",\"shortLink\":false,\"tags\":[],
    \"posts\":[{\"integration\":{\"id\":\"$news\"},\"value\":[{\"content\":\"Smoke $i\"}]},
               {\"integration\":{\"id\":\"$blog\"},\"value\":[{\"content\":\"Smoke $i\"}]}]}"
  expect_status 201
  expect '[.[].integration]' "[\"$news\",\"$blog\"]"
  created+=($(value '.[].postId'))
done
expected_ids=$(printf '%s\n' "${created[@]}" | jq -R . | jq -cs 'sort')

# The receiver's deliveries so far, as one JSON array, in $body.
read_deliveries() {
  body='[]'
  if compgen -G "$work/receiver/deliveries/*.json" >/dev/null; then
    body=$(jq -cs . "$work"/receiver/deliveries/*.json 2>&1) || fail "the receiver got a delivery that is not JSON: $body"
  fi
}

step "each reaches the receiver once, signed"
deadline=$((SECONDS + timeout))
read_deliveries
until (($(jq length <<<"$body") >= 2 * posts)); do
  ((SECONDS < deadline)) || fail "expected $((2 * posts)) deliveries within ${timeout}s, got $(jq length <<<"$body")"
  sleep 0.5
  read_deliveries
done
expect 'length' $((2 * posts))
expect '[.[].delivery.post.id] | sort' "$expected_ids"
expect '[.[].delivery.deliveryId] | unique | length' $((2 * posts))
expect '[.[] | select(.signature != "valid" or .fresh != true)] | length' 0
expect '[.[] | select(.delivery.event != "post.publish" or .delivery.organization.id != "'"$organization"'"
  or .delivery.integration.name != .hook or (.delivery.post.text | startswith("Smoke ") | not))] | length' 0
expect "[.[] | {id: .delivery.integration.id, name: .hook}] | unique | sort_by(.name)" \
  "[{\"id\":\"$blog\",\"name\":\"blog\"},{\"id\":\"$news\",\"name\":\"news\"}]"
released=$(jq -c '[.[] | {id: .delivery.post.id, state: "PUBLISHED", status: "published",
  releaseId, releaseURL: .releaseUrl, error: null}] | sort_by(.id)' <<<"$body")

step "list them: all published, with the receiver's releases"
window="/public/v1/posts?startDate=2000-01-01&endDate=2100-01-01"
published='[.posts[] | {id, state, status, releaseId, releaseURL, error}] | sort_by(.id)'
deadline=$((SECONDS + timeout))
while :; do
  call GET "$window" "$key"
  expect_status 200
  [[ $(jq '[.posts[] | select(.state != "PUBLISHED")] | length' <<<"$body") == 0 ]] && break
  ((SECONDS < deadline)) || break
  sleep 0.5
done
expect "$published" "$released"

step "a published post is not deleted"
call DELETE "/public/v1/posts/${created[0]}" "$key"
expect_status 403
expect . '{"statusCode":403,"message":"Published posts cannot be deleted","error":"Forbidden"}'
call GET "$window" "$key"
expect_status 200
expect "$published" "$released"

step "nothing was delivered twice"
read_deliveries
expect 'length' $((2 * posts))

echo "smoke: OK, $steps steps against $base"
