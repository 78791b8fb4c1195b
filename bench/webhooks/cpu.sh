#!/usr/bin/env bash
# CPU per delivery beside CPU per PATCH, as the server process's CPU time rather than throughput, so that other
# work on the machine moves the figures less than it moves req/s ("spend no more CPU per delivery than the change
# itself cost"). One server, one subscription to bench/webhooks/Receiver.java (ok mode):
#   each round: pause the subscription (PATCH …/webhooks/ID {"paused":true}), DUR of wrk PATCH load
#   (bench/wrk/bench.lua), wait for sealing, read the server's idle CPU for 3 s, resume, and wait until the
#   receiver has every change of the round; CPU per PATCH = server CPU during wrk / entries added, CPU per
#   delivery = (server CPU during the drain - idle rate x drain time) / entries; the receiver's CPU likewise.
#
#   bash bench/webhooks/cpu.sh        # ROUNDS=3 DUR=5s INSIGHTS=20000; round 0 warms up
#   JFR=1 bash bench/webhooks/cpu.sh  # and a flight recording of the server (profile settings)
#
# SQLite only; everything on 127.0.0.1; prints one line per round (also in OUT/summary.txt).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ACCOUNT=023e105f4ecef8ad9ca31a8372d0c353
INSIGHTS=${INSIGHTS:-20000}; DUR=${DUR:-5s}; ROUNDS=${ROUNDS:-3}
tmp="$(mktemp -d -t wbcpu.XXXXXX)"; data="$tmp/data"; out="${OUT:-bench/target/webhooks-cpu-$(date +%Y%m%d-%H%M%S)}"; mkdir -p "$out"
vpid="" rpid=""
cleanup() { set +e; [ -n "$vpid" ] && kill "$vpid" && wait "$vpid"; [ -n "$rpid" ] && kill "$rpid"; rm -rf "$tmp"; }
trap cleanup EXIT
tck="$(getconf CLK_TCK)"
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
java bench/webhooks/Receiver.java "$port" ok >"$out/receiver.log" 2>&1 & rpid=$!
awk -v acct="$ACCOUNT" -v n="$INSIGHTS" 'BEGIN { split("Low Moderate Critical", sev, " ");
  for (i = 1; i <= n; i++) printf "{\"id\":\"m-%06d\",\"account_id\":\"%s\",\"issue_class\":\"dnssec_disabled\",\"issue_type\":\"insecure_configuration\",\"severity\":\"%s\",\"subject\":\"host-%06d.example.com\"}\n", i, acct, sev[i % 3 + 1], i }' >"$tmp/i.jsonl"
./vigil insights import "$tmp/i.jsonl" --data-dir "$data" >/dev/null 2>&1
token="$(./vigil token create --data-dir "$data" --name b --permission edit --account "$ACCOUNT")"
./vigil webhook add "http://127.0.0.1:$port/hook" --account "$ACCOUNT" --allow-private-webhook-targets --data-dir "$data" >/dev/null
id="$(./vigil webhook list --account "$ACCOUNT" --data-dir "$data" | awk 'NR > 1 { print $1 }')"
JAVA_TOOL_OPTIONS="${JFR:+-XX:StartFlightRecording=filename=$out/server.jfr,settings=profile}" ./vigil serve --data-dir "$data" --host 127.0.0.1 --port 0 --allow-private-webhook-targets >"$out/server.log" 2>&1 & vpid=$!
for _ in $(seq 1 120); do
  vport="$(sed -n 's#.*http://127\.0\.0\.1:\([0-9][0-9]*\)/client/v4.*#\1#p' "$out/server.log" | head -n1 || true)"
  [ -n "$vport" ] && curl -fsS "http://127.0.0.1:$vport/readyz" >/dev/null 2>&1 && break; sleep 0.5; done
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/stats" >/dev/null 2>&1 && break; sleep 0.2; done
v="http://127.0.0.1:$vport"; H=(-H "Authorization: Bearer $token" -H 'Content-Type: application/json')
hook() { curl -fsS -X PATCH "${H[@]}" "$v/client/v4/vigil/accounts/$ACCOUNT/webhooks/$id" -d "{\"paused\":$1}" >/dev/null; }
count() { curl -fsS "http://127.0.0.1:$port/stats" | awk '{print $2}'; }
entries() { sqlite3 -readonly "$data/vigil.db" "SELECT count(*) FROM audit_log"; }
unsealed() { sqlite3 -readonly "$data/vigil.db" "SELECT count(*) FROM audit_log WHERE position IS NULL"; }
for r in $(seq 0 "$ROUNDS"); do # round 0 warms up
  hook true
  e0="$(entries)"; t0="$(ticks "$vpid")"
  wrk -t2 -c64 -d"$DUR" "${H[@]}" -s bench/wrk/bench.lua "$v" -- patch "$ACCOUNT" m "$INSIGHTS" 2 >"$out/wrk$r.txt" 2>&1
  t1="$(ticks "$vpid")"; e1="$(entries)"
  for _ in $(seq 1 30); do [ "$(unsealed)" = 0 ] && break; sleep 1; done
  sleep 1.5
  i0="$(ticks "$vpid")"; sleep 3; i1="$(ticks "$vpid")"  # idle, paused
  curl -fsS "http://127.0.0.1:$port/reset" >/dev/null
  n=$((e1 - e0)); d0="$(ticks "$vpid")"; w0="$(date +%s%N)"; r0="$(ticks "$rpid")"
  hook false
  for _ in $(seq 1 6000); do [ "$(count)" -ge "$n" ] && break; sleep 0.05; done # at most ~5 min
  [ "$(count)" -ge "$n" ] || { echo "round $r: the receiver got $(count) of $n changes" >&2; exit 1; }
  w1="$(date +%s%N)"; d1="$(ticks "$vpid")"; r1="$(ticks "$rpid")"
  awk -v r="$r" -v n="$n" -v p=$((t1 - t0)) -v i=$((i1 - i0)) -v d=$((d1 - d0)) -v w=$(((w1 - w0) / 1000000)) -v rc=$((r1 - r0)) -v t="$tck" -v lag="$(curl -fsS http://127.0.0.1:$port/stats)" 'BEGIN {
    idle = i / t / 3; dcpu = d / t - idle * w / 1000
    printf "round %d: %d changes; PATCH %.0f us CPU each; drain %.2f s wall (%.0f/s), %.0f us CPU per delivery (idle %.3f cores subtracted); receiver %.0f us each; %s\n",
      r, n, p / t / n * 1e6, w / 1000, n / (w / 1000), dcpu / n * 1e6, idle, rc / t / n * 1e6, lag }' | tee -a "$out/summary.txt"
done
