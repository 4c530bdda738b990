-- wrk script for bench/run.sh. One file for both endpoints, configured through the environment:
--   BENCH_MODE=login  POST the login body, cycling over BENCH_EMAILS (comma-separated) with BENCH_PASSWORD
--   BENCH_MODE=me     GET with "Authorization: Bearer $BENCH_TOKEN"
-- Counts the answers by status class and prints one machine-readable line for run.sh:
--   BENCH_RESULT requests=... rps=... p50_ms=... p99_ms=... s2xx=... s4xx=... s5xx=... s503=... errors=...
-- (s503: sign-ins the service shed because its bcrypt queue was full; counted in s5xx too)

local mode = os.getenv("BENCH_MODE") or "login"
local threads = {}
local counter = 1

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local function json_string(s)
  return '"' .. s:gsub('\\', '\\\\'):gsub('"', '\\"') .. '"'
end

local requests = {}
local next_request = 1
-- A client told 503 + Retry-After waits that long before its next request, as a well-behaved one does;
-- BENCH_IGNORE_RETRY_AFTER=1 makes every connection retry at once (the worst case).
local honour_retry_after = os.getenv("BENCH_IGNORE_RETRY_AFTER") ~= "1"
local pause = 0

function init(args)
  s2xx, s3xx, s4xx, s5xx, sother, s401, s429, s503 = 0, 0, 0, 0, 0, 0, 0, 0
  if mode == "login" then
    local password = assert(os.getenv("BENCH_PASSWORD"), "BENCH_PASSWORD is not set")
    local headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }
    for email in string.gmatch(assert(os.getenv("BENCH_EMAILS"), "BENCH_EMAILS is not set"), "[^,]+") do
      local body = '{"email":' .. json_string(email) .. ',"password":' .. json_string(password) .. '}'
      table.insert(requests, wrk.format("POST", nil, headers, body))
    end
    -- Threads start at different accounts, so that they do not sign in the same teacher in step.
    next_request = ((index or 1) - 1) * 7 % #requests + 1
  else
    local token = assert(os.getenv("BENCH_TOKEN"), "BENCH_TOKEN is not set")
    table.insert(requests, wrk.format("GET", nil,
      { ["Authorization"] = "Bearer " .. token, ["Accept"] = "application/json" }, nil))
  end
end

function request()
  local r = requests[next_request]
  next_request = next_request % #requests + 1
  return r
end

function response(status, headers, body)
  if status >= 200 and status < 300 then s2xx = s2xx + 1
  elseif status < 400 then s3xx = s3xx + 1
  elseif status < 500 then
    s4xx = s4xx + 1
    if status == 401 then s401 = s401 + 1 elseif status == 429 then s429 = s429 + 1 end
  elseif status < 600 then
    s5xx = s5xx + 1
    if status == 503 then
      s503 = s503 + 1
      if honour_retry_after then pause = (tonumber(headers["Retry-After"]) or 1) * 1000 end
    end
  else sother = sother + 1 end
end

function delay()
  local p = pause
  pause = 0
  return p
end

function done(summary, latency, requests)
  local totals = { s2xx = 0, s3xx = 0, s4xx = 0, s5xx = 0, sother = 0, s401 = 0, s429 = 0, s503 = 0 }
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do
      totals[name] = totals[name] + (thread:get(name) or 0)
    end
  end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "BENCH_RESULT mode=%s requests=%d seconds=%.2f rps=%.2f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f"
      .. " s2xx=%d s3xx=%d s4xx=%d s401=%d s429=%d s5xx=%d s503=%d sother=%d"
      .. " err_connect=%d err_read=%d err_write=%d err_timeout=%d\n",
    mode, summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000,
    totals.s2xx, totals.s3xx, totals.s4xx, totals.s401, totals.s429, totals.s5xx, totals.s503, totals.sother,
    e.connect, e.read, e.write, e.timeout))
end
