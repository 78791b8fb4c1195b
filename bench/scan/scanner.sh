#!/bin/sh
# The benchmark's scanner (bench/scan/run.sh): prints COUNT insights of the scanned account in the import shape.
# The first scan of an account prints all COUNT; every later one leaves out the first DROP (which that scan then
# resolves) and prints the rest as before, unchanged. STATE is a directory where it notes the accounts it scanned and when each scan started.
#
#   vigil serve --scanner "bench=/bin/sh bench/scan/scanner.sh STATE [COUNT] [DROP]"
set -eu
state="$1" count="${2:-10000}" drop="${3:-100}"
date +%s.%N >"$state/started-$VIGIL_SCAN_ID" # when the scan job ran it: the benchmark times the run from here
seen="$state/$VIGIL_ACCOUNT_ID"
from=1
if [ -f "$seen" ]; then from=$((drop + 1)); else : >"$seen"; fi
awk -v acct="$VIGIL_ACCOUNT_ID" -v from="$from" -v n="$count" 'BEGIN {
  split("Low Moderate Critical", sev, " ")
  tag = substr(acct, 25, 8)
  for (i = from; i <= n; i++)
    printf "{\"id\":\"scan-%s-%06d\",\"account_id\":\"%s\",\"issue_class\":\"dnssec_disabled\",\"issue_type\":\"insecure_configuration\",\"severity\":\"%s\",\"subject\":\"host-%06d.example.com\"}\n", tag, i, acct, sev[i % 3 + 1], i
}'
