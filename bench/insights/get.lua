-- wrk script for bench/insights/run.sh: GETs the URL given to wrk (path and query as is), counts the
-- response statuses of every thread, and prints "BENCH key value" lines (latencies in microseconds).
--
--   wrk -t2 -c16 -d20s --latency -H 'Authorization: Bearer T' -s bench/insights/get.lua 'http://127.0.0.1:PORT/...'

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

statuses = {}
bytes_200 = 0
n_200 = 0

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
   if status == 200 and n_200 < 100 then -- body size of a sample of the answers
      n_200 = n_200 + 1
      bytes_200 = bytes_200 + #body
   end
end

function done(summary, latency, requests)
   local totals, n, bytes = {}, 0, 0
   for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("statuses")) do
         totals[status] = (totals[status] or 0) + count
      end
      n = n + thread:get("n_200")
      bytes = bytes + thread:get("bytes_200")
   end
   print(string.format("BENCH requests %d", summary.requests))
   print(string.format("BENCH duration_us %d", summary.duration))
   print(string.format("BENCH p50_us %d", latency:percentile(50)))
   print(string.format("BENCH p90_us %d", latency:percentile(90)))
   print(string.format("BENCH p99_us %d", latency:percentile(99)))
   print(string.format("BENCH max_us %d", latency.max))
   print(string.format("BENCH socket_errors %d",
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
   print(string.format("BENCH body_bytes %d", n > 0 and math.floor(bytes / n) or 0))
   for status, count in pairs(totals) do
      print(string.format("BENCH status_%d %d", status, count))
   end
end
