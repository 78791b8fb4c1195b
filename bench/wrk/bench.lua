-- wrk script used by bench/run.sh: builds the requests and counts response statuses.
--
--   wrk ... -s bench/wrk/bench.lua URL -- get
--       GET the URL as given (e.g. /livez).
--
--   wrk ... -H 'Authorization: Bearer T' -H 'Content-Type: application/json' \
--       -s bench/wrk/bench.lua http://127.0.0.1:PORT -- patch ACCOUNT PREFIX COUNT THREADS [FIRST]
--       PATCH /client/v4/accounts/ACCOUNT/security-center/insights/PREFIX-NNNNNN/classification.
--       Thread k (0-based) of THREADS owns the ids k+1, k+1+THREADS, ... <= COUNT, so two threads
--       never touch the same insight. THREADS counts the threads of every wrk process sharing the
--       insights; this process's threads are FIRST, FIRST+1, ... (default 0), so several wrk
--       processes (one per server node) can split them. A thread walks its ids in passes: pass 1 sets each one to
--       false_positive, pass 2 resets each one to null, pass 3 sets again, and so on. The two
--       requests for one insight are a whole pass apart (COUNT/THREADS requests, far more than the
--       connections in flight), so every request is a real change: one durable commit, one audit
--       row, never a no-op and never a 409.
--
-- Each wrk thread has its own Lua state; done() runs in the main state and prints
-- "BENCH key value" lines that run.sh parses. Latencies are in microseconds.

local threads = {}
local thread_count = 0

function setup(thread)
   thread:set("local_index", thread_count)
   thread_count = thread_count + 1
   table.insert(threads, thread)
end

-- Per-thread state (globals so that done() can read them with thread:get()).
statuses = {}
sent = 0
answered = 0

local mode
local set_requests, reset_requests, n, pos, pass
local get_request
local verifying = false

function init(args)
   mode = args[1] or "get"
   index = local_index + (tonumber(args[6]) or 0)
   -- wrk calls request() once on thread 0 right after init() to check the request parses;
   -- that request is never sent, so it must not advance the walk.
   verifying = (local_index == 0)
   if mode == "patch" then
      local account, prefix = args[2], args[3]
      local count, nthreads = tonumber(args[4]), tonumber(args[5])
      set_requests, reset_requests, n = {}, {}, 0
      for i = index + 1, count, nthreads do
         local path = "/client/v4/accounts/" .. account .. "/security-center/insights/"
            .. string.format("%s-%06d", prefix, i) .. "/classification"
         n = n + 1
         set_requests[n] = wrk.format("PATCH", path, nil, '{"classification":"false_positive"}')
         reset_requests[n] = wrk.format("PATCH", path, nil, '{"classification":null}')
      end
      if n == 0 then
         error("thread " .. index .. " owns no insight: COUNT must be >= THREADS")
      end
      pos, pass = 0, 0
   elseif mode == "get" then
      get_request = wrk.format("GET")
   else
      error("unknown mode '" .. tostring(mode) .. "' (expected get or patch)")
   end
end

function request()
   if verifying then
      verifying = false
      return mode == "patch" and set_requests[1] or get_request
   end
   sent = sent + 1
   if mode ~= "patch" then
      return get_request
   end
   pos = pos + 1
   if pos > n then
      pos = 1
      pass = pass + 1
   end
   if pass % 2 == 0 then
      return set_requests[pos]
   end
   return reset_requests[pos]
end

function response(status, headers, body)
   answered = answered + 1
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local totals, sent_total, answered_total = {}, 0, 0
   for _, thread in ipairs(threads) do
      for status, count in pairs(thread:get("statuses")) do
         totals[status] = (totals[status] or 0) + count
      end
      sent_total = sent_total + thread:get("sent")
      answered_total = answered_total + thread:get("answered")
   end
   print(string.format("BENCH requests %d", summary.requests))
   print(string.format("BENCH duration_us %d", summary.duration))
   print(string.format("BENCH sent %d", sent_total))
   print(string.format("BENCH answered %d", answered_total))
   print(string.format("BENCH p50_us %d", latency:percentile(50)))
   print(string.format("BENCH p90_us %d", latency:percentile(90)))
   print(string.format("BENCH p99_us %d", latency:percentile(99)))
   print(string.format("BENCH p999_us %d", latency:percentile(99.9)))
   print(string.format("BENCH max_us %d", latency.max))
   local errors = summary.errors
   print(string.format("BENCH socket_errors %d",
      errors.connect + errors.read + errors.write + errors.timeout))
   for status, count in pairs(totals) do
      print(string.format("BENCH status_%d %d", status, count))
   end
end
