-- bench/wrk/bench.lua at an offered rate: each connection waits PACE ms before each request, so
-- CONNECTIONS connections offer about CONNECTIONS * 1000 / PACE requests a second (bench/webhooks/run.sh, RATE=).
--   wrk ... -s bench/webhooks/paced.lua URL -- patch ACCOUNT PREFIX COUNT THREADS FIRST PACE
dofile("bench/wrk/bench.lua")

local bench_init = init
local pace = 0

function init(args)
   bench_init(args)
   pace = tonumber(args[7]) or 0
end

function delay()
   return pace
end
