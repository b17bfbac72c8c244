-- Alternates the two API requests of the load test, and counts every response outside 2xx.
-- Usage: wrk -s api-mix.lua http://host:port  (prints "non-2xx: N" at the end)

local paths = { "/api/v1/restaurant/000000000000000000000001", "/api/v1/restaurant" }
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  next_path = 0
  non2xx = 0
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path])
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("non2xx")
  end
  io.write(string.format("non-2xx: %d\n", total))
end
