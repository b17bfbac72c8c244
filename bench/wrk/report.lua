-- wrk script for bench/run.sh.
-- An argument after "--" is sent as If-None-Match (the conditional cases); done() prints one line of figures
-- that run.sh reads: latency in microseconds, errors split as wrk counts them ("status" is wrk's
-- "Non-2xx or 3xx responses").

function init(args)
   if args[1] ~= nil and args[1] ~= "" then
      wrk.headers["If-None-Match"] = args[1]
   end
end

function done(summary, latency, requests)
   local errors = summary.errors
   io.write(string.format(
      "WRK_RESULT requests=%d duration_us=%d bytes=%d p50_us=%.0f p99_us=%.0f connect=%d read=%d write=%d status=%d timeout=%d\n",
      summary.requests, summary.duration, summary.bytes,
      latency:percentile(50), latency:percentile(99),
      errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end
