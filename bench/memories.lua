-- wrk script for bench/memories.sh, configured through the environment:
--   BENCH_MODE=read    GET the request line of wrk's URL with "Authorization: Bearer $BENCH_TOKEN"
--   BENCH_MODE=recall  POST /api/v1/memories/recall for profile 1 with BENCH_QUERY; BENCH_UNIQUE=1 makes every
--                      query text new (no cached query vector)
--   BENCH_MODE=post    POST BENCH_BODY (JSON) to wrk's URL with "Authorization: Bearer $BENCH_TOKEN"
--   BENCH_MODE=insert  POST a new memory with a unique content, cycling over the tokens in BENCH_TOKENS
--                      (comma-separated) and the assistant profiles 1 and 2
-- Prints one machine-readable line:
--   BENCH_RESULT requests=... rps=... p50_ms=... p95_ms=... p99_ms=... s2xx=... other=... errors=...

local mode = os.getenv("BENCH_MODE") or "read"
local threads = {}
local counter = 1

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local tokens = {}
local n = 0
-- Part of every content, so that a second run's memories are not duplicates of the first's.
local run = os.getenv("BENCH_RUN") or tostring(os.time())
local words = { "dribbling", "passing", "relay", "balance", "volleyball", "yoga", "cardio", "tag", "cones",
  "hoops", "stations", "warm-up", "stretching", "teamwork", "basketball", "soccer", "jump", "rope" }

function init(args)
  s2xx, other = 0, 0
  if mode == "insert" then
    for t in string.gmatch(assert(os.getenv("BENCH_TOKENS"), "BENCH_TOKENS is not set"), "[^,]+") do
      table.insert(tokens, t)
    end
  end
end

local recall_query = os.getenv("BENCH_QUERY") or "which activities does the class enjoy?"
local recall_unique = os.getenv("BENCH_UNIQUE") == "1"

function request()
  if mode == "recall" then
    -- BENCH_UNIQUE=1: a new query text every time, so that no query vector comes from the cache.
    n = n + 1
    local q = recall_unique and (recall_query .. " (" .. run .. "-" .. (index or 0) .. "-" .. n .. ")") or recall_query
    return wrk.format("POST", "/api/v1/memories/recall", { ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"),
      ["Content-Type"] = "application/json" },
      '{"assistantProfileId":1,"query":"' .. q .. '","limit":10}')
  end
  if mode == "post" then
    return wrk.format("POST", nil, { ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN"),
      ["Content-Type"] = "application/json" }, os.getenv("BENCH_BODY"))
  end
  if mode ~= "insert" then
    return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN") })
  end
  n = n + 1
  local token = tokens[1 + (n % #tokens)]
  local profile = 1 + (math.floor(n / #tokens) % 2)
  local body = '{"assistantProfileId":' .. profile .. ',"content":"Bench ' .. run .. '-' .. index .. '-' .. n .. ' prefers '
    .. words[1 + n % #words] .. ' with ' .. words[1 + (n * 7) % #words] .. '","importance":0.'
    .. (1 + n % 9) .. ',"category":"preferences"' .. (n % 10 == 0 and ',"sensitive":true' or '') .. '}'
  return wrk.format("POST", "/api/v1/memories", { ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then s2xx = s2xx + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local ok, bad = 0, 0
  for _, thread in ipairs(threads) do
    ok = ok + thread:get("s2xx")
    bad = bad + thread:get("other")
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("BENCH_RESULT requests=%d rps=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f s2xx=%d other=%d"
    .. " errors=%d\n", summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, ok, bad, errors))
end
