# any executor role; the name is compared case-folded: тжм finds ТЖМ
@run list --agency тжм --json
@json
sorted((a["number"] for a in d), key=int) == ["7", "8", "9", "10", "22", "27", "75", "84", "97"]
all(any(e["agency"] == "ТЖМ" for e in a["executors"]) for a in d)
