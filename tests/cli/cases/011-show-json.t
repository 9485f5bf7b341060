# 'show --json' gives one activity in the export form
@run show 66 --json
@json
d["number"] == "66"
d["direction"] == "2.2"
d["executors"] == [{"agency": "ІІМ", "lead": False, "by_agreement": False}]
d["deadline"] == {"text": "2014 жылғы 4-тоқсан", "due": ["2014-12-31"]}
d["budget"] == {"total": "1776.9", "by_year": {"2014": "1776.9"}, "source": "РБ", "program": None}
