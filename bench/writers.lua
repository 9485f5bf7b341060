-- bench/writers.lua - concurrent report writers for wrk (bench/writers.sh):
-- every request files one report (POST /api/v1/reports) with the API
-- token in BENCH_TOKEN, round robin over the (activity, due date, agency)
-- triples of BENCH_TARGETS (a Lua file returning a list of them).  Each
-- report's text is unique ("bench T-N": thread T, request N), and the
-- answers are counted by status; done() prints "acknowledged N" (the
-- 201s) and "refused N" (every other answer) for bench/writers.sh.
local token = os.getenv("BENCH_TOKEN")
local targets = dofile(os.getenv("BENCH_TARGETS"))
local threads = {}
local counter = 0

function setup(thread)
	counter = counter + 1
	thread:set("id", counter)
	table.insert(threads, thread)
end

function init(args)
	n = 0
	acked = 0
	refused = 0
end

function request()
	n = n + 1
	local t = targets[(n % #targets) + 1]
	return wrk.format("POST", "/api/v1/reports", {
		["Authorization"] = "Bearer " .. token,
		["Content-Type"] = "application/json",
	}, string.format('{"activity":"%s","due":"%s","agency":"%s","status":"in-progress",' ..
		'"text":"bench %d-%d"}', t[1], t[2], t[3], id, n))
end

function response(status, headers, body)
	if status == 201 then
		acked = acked + 1
	else
		refused = refused + 1
	end
end

function done(summary, latency, requests)
	local a, r = 0, 0
	for _, t in ipairs(threads) do
		a = a + t:get("acked")
		r = r + t:get("refused")
	end
	io.write(string.format("acknowledged %d\nrefused %d\n", a, r))
end
