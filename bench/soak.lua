-- bench/soak.lua - the request mix of bench/soak.sh for wrk: pages, API
-- reads (some as of a past date) and one report write in SOAK_WRITE_EVERY
-- (50), all with
-- the API token in SOAK_TOKEN; the writes go round robin over the
-- (activity, due date, agency) of SOAK_TARGETS.  Any answer but 2xx/3xx
-- is counted as an error by wrk ("Non-2xx or 3xx responses").
local token = os.getenv("SOAK_TOKEN")
local reads = {
	"/", "/activities", "/activities/6", "/budget", "/indicators", "/findings",
	"/api/v1/status", "/api/v1/activities", "/api/v1/activities/12",
	"/api/v1/budget?by=year", "/api/v1/reports?activity=6",
	"/api/v1/status?as_of=2014-12-31", "/api/v1/status?as_of=2015-06-30",
	"/activities/6?as_of=2014-09-30", "/api/v1/calendar",
}
local targets = dofile(os.getenv("SOAK_TARGETS"))
local writes = 0
local n = 0
local every = tonumber(os.getenv("SOAK_WRITE_EVERY") or "50")

function request()
	n = n + 1
	local h = { ["Authorization"] = "Bearer " .. token }
	if every > 0 and n % every == 0 then
		local t = targets[(writes % #targets) + 1]
		writes = writes + 1
		h["Content-Type"] = "application/json"
		return wrk.format("POST", "/api/v1/reports", h, string.format(
			'{"activity":"%s","due":"%s","agency":"%s","status":"in-progress",' ..
			'"text":"soak %d"}', t[1], t[2], t[3], writes))
	end
	return wrk.format("GET", reads[(n % #reads) + 1], h)
end
