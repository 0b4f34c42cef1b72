-- wrk script for POST /api/plan (run by bench/load-plan.sh). Environment:
--   SCENARIO  the scenario file sent as the body
--   VARY      1: every request's text unique (a comment naming the thread and the request), so the
--             server plans each one instead of answering from the plans it remembers by text
local f = assert(io.open(os.getenv("SCENARIO"), "r"))
local body = f:read("*a")
f:close()
local vary = os.getenv("VARY") == "1"

local threads = {}
function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

local sent = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/yaml"

function request()
  sent = sent + 1
  local text = body
  if vary then
    text = body .. "\n# load client " .. id .. " request " .. sent .. "\n"
  end
  return wrk.format(nil, "/api/plan", nil, text)
end

function done(summary, latency, requests)
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format("requests %d, errors %d, %.2f s, throughput %.0f requests/s\n",
      summary.requests, bad, seconds, summary.requests / seconds))
  io.write(string.format("latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f\n",
      latency:percentile(50) / 1e3, latency:percentile(90) / 1e3, latency:percentile(99) / 1e3,
      latency.max / 1e3))
end
