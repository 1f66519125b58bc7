-- wrk script of the benchmark: each connection's requests cycle through a file of request paths
-- (kb-bench-corpus writes search-paths.txt), and the end of the run prints one machine-readable
-- line with throughput, p50/p99/p99.9 and errors.
--   wrk -t2 -c32 -d10s -s bench/queries.lua http://127.0.0.1:8080 -- DIR/search-paths.txt

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local paths = {}
local position = 0

function init(args)
  local file = args[1]
  if file == nil then
    error("give the file of request paths after --")
  end
  for line in io.lines(file) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  if #paths == 0 then error(file .. ": no request paths") end
  -- Threads start far apart in the list, so they do not send the same query at the same time.
  position = (id * 7919) % #paths
end

function request()
  position = position % #paths + 1
  return wrk.format("GET", paths[position])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "WRK requests=%d rps=%.1f p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f errors=%d non2xx=%d\n",
    summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    e.connect + e.read + e.write + e.timeout, e.status))
end
