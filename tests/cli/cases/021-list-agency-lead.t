# --agency matches any role; --lead only the lead (marked, or the only one)
@run list --agency ТЖМ --lead --json
@json
sorted(a["number"] for a in d) == ["10", "7"]
all(any(e["agency"] == "ТЖМ" for e in a["executors"]) for a in d)
