#!/usr/bin/env python3
"""Make a synthetic decree in the layout of the published plan No. 292.

Usage: make_synthetic.py SEED OUT_PREFIX
  writes OUT_PREFIX.txt (the decree as a PDF's extracted text) and
  OUT_PREFIX.json (its plan document: what a careful transcription of the
  text gives, data/transcription/README.md).

The content is made up from a seeded random generator: another program and
period, other agencies, numbers, deadlines and money.  The text is printed
the way the PDF extraction prints plan No. 292: the table's columns one
after another, narrow columns wrapped, blank lines between cells (not
always), two or three cells on one line, letter-spaced lines, words broken
before "і", row numbers on two lines ("10" / "."), inserted rows
("12-" / "1."), page breaks (three blank lines) that fall between rows or
cut a row in two -- with the part of the row on the earlier page printed
before the row's number when most of the row is on the later page --,
money cells printed away from their row, letter-spaced digits in the total.

Every printed field is checked to re-join to its value by the
transcription rules before anything is written.
"""
import json
from decimal import Decimal
import random
import re
import sys

MONTHS_LOC = ["қаңтардағы", "ақпандағы", "наурыздағы", "сәуірдегі", "мамырдағы",
              "маусымдағы", "шілдедегі", "тамыздағы", "қыркүйектегі", "қазандағы",
              "қарашадағы", "желтоқсандағы"]
MONTHS_ABL = ["қаңтардан", "ақпаннан", "наурыздан", "сәуірден", "мамырдан",
              "маусымнан", "шілдеден", "тамыздан", "қыркүйектен", "қазаннан",
              "қарашадан", "желтоқсаннан"]

THEMES = [
    {
        "program": "агроөнеркәсіптік кешенін дамытудың",
        "goal": "агроөнеркәсіптік кешен өнімдерінің бәсекеге қабілеттілігін арттыру арқылы ауыл тұрғындарының табысын өсіру",
        "objectives": ["ауыл шаруашылығы өнімдерін өндіру көлемін ұлғайту.",
                       "агроөнеркәсіптік кешендегі еңбек өнімділігін арттыру."],
        "directions": [
            "Мал шаруашылығын дамыту.", "Өсімдік шаруашылығын әртараптандыру.",
            "Ауыл шаруашылығы өнімдерін қайта өңдеуді дамыту",
            "Ветеринариялық қауіпсіздікті қамтамасыз ету.", "Ауылдық аумақтарды дамыту.",
        ],
        "tasks": ["асыл тұқымды мал басын көбейту;", "жем-шөп базасын нығайту;",
                  "суармалы жерлерді пайдалану тиімділігін арттыру.",
                  "қайта өңдеу кәсіпорындарының жүктемесін арттыру;",
                  "ветеринариялық қызметтердің сапасын жақсарту.",
                  "ауыл тұрғындарының өмір сүру сапасын жақсарту."],
        "measures": ["асыл тұқымды мал басының үлесі", "ет өндірісінің көлемі",
                     "суармалы жерлердің үлесі", "қайта өңделген өнімнің үлесі",
                     "ауыл шаруашылығы кооперациясымен қамтылған шаруашылықтардың үлесі",
                     "ветеринариялық зертханалардың аккредиттелген үлесі",
                     "ауыл шаруашылығы өнімінің экспорты"],
        "objects": ["асыл тұқымды мал шаруашылығын субсидиялау тетіктерін",
                    "суармалы жерлерді пайдалану тиімділігін",
                    "ауыл шаруашылығы кооперациясын дамыту тәсілдерін",
                    "жайылымдарды ұтымды пайдалану жүйесін",
                    "ветеринариялық қызметтердің сапасын",
                    "қайта өңдеу кәсіпорындарын несиелеу шарттарын",
                    "агроөнеркәсіптік кешен қызметкерлерінің біліктілігін",
                    "ауылдық елді мекендердегі инфрақұрылымды",
                    "тұқым шаруашылығын мемлекеттік қолдау қағидаларын",
                    "мал ауруларының алдын алу жөніндегі іс-қимылды",
                    "ауыл шаруашылығы техникасын лизингке беру жүйесін",
                    "фермерлік шаруашылықтарды ақпараттық қолдау жүйесін"],
    },
    {
        "program": "денсаулық сақтау жүйесін дамытудың",
        "goal": "халықтың денсаулығын нығайту және медициналық көмектің қолжетімділігін арттыру",
        "objectives": ["медициналық көмектің сапасын арттыру.",
                       "халықтың салауатты өмір салтын қалыптастыру."],
        "directions": [
            "Медициналық көмектің қолжетімділігін арттыру.", "Дәрілік қамтамасыз етуді жетілдіру.",
            "Медицина қызметкерлерін даярлау.", "Қоғамдық денсаулықты сақтау",
        ],
        "tasks": ["бастапқы медициналық-санитариялық көмекті дамыту;",
                  "дәрілік заттардың қолжетімділігін қамтамасыз ету.",
                  "медициналық білім беру сапасын арттыру;",
                  "аурулардың алдын алу жүйесін жетілдіру."],
        "measures": ["бастапқы көмекпен қамтылған халықтың үлесі",
                     "нәресте өлімінің деңгейі", "тегін дәрілермен қамтылған науқастардың үлесі",
                     "аккредиттелген медициналық ұйымдардың үлесі",
                     "білікті дәрігерлермен қамтамасыз етілу деңгейі",
                     "профилактикалық тексерулермен қамтылу деңгейі"],
        "objects": ["бастапқы медициналық-санитариялық көмек ұйымдарының желісін",
                    "дәрілік заттарды сатып алу тетіктерін",
                    "медициналық ұйымдарды аккредиттеу қағидаларын",
                    "ауылдық жерлердегі медициналық көмектің қолжетімділігін",
                    "медицина қызметкерлерінің біліктілігін арттыру жүйесін",
                    "скринингтік тексерулерді ұйымдастыру тәртібін",
                    "телемедицина қызметтерін көрсету тәртібін",
                    "шұғыл медициналық көмек көрсету жүйесін",
                    "санитариялық-эпидемиологиялық бақылау әдістерін",
                    "денсаулық сақтау ұйымдарының материалдық-техникалық базасын",
                    "міндетті әлеуметтік медициналық сақтандыру жүйесін"],
    },
    {
        "program": "цифрлық трансформациясының",
        "goal": "мемлекеттік басқарудың тиімділігін цифрландыру арқылы арттыру және азаматтарға қызмет көрсету сапасын жақсарту",
        "objectives": ["мемлекеттік қызметтерді электрондық форматқа көшіру.",
                       "цифрлық инфрақұрылымды дамыту."],
        "directions": [
            "Электрондық үкіметті дамыту.", "Ақпараттық қауіпсіздікті қамтамасыз ету.",
            "Байланыс инфрақұрылымын дамыту.",
        ],
        "tasks": ["мемлекеттік қызметтерді автоматтандыру;",
                  "ақпараттық жүйелердің интеграциясын қамтамасыз ету.",
                  "киберқауіпсіздік жүйесін нығайту.",
                  "ауылдық елді мекендерді кеңжолақты интернетпен қамту."],
        "measures": ["электрондық түрде көрсетілетін мемлекеттік қызметтердің үлесі",
                     "интеграцияланған ақпараттық жүйелердің үлесі",
                     "кеңжолақты интернетпен қамтылған ауылдардың үлесі",
                     "цифрлық сауаттылық деңгейі", "ақпараттық қауіпсіздік оқиғаларының азаюы"],
        "objects": ["мемлекеттік органдардың ақпараттық жүйелерін",
                    "электрондық үкімет порталының қызметтерін",
                    "деректерді өңдеу орталықтарының жұмысын",
                    "ақпараттық қауіпсіздік стандарттарын",
                    "ауылдық елді мекендердегі байланыс инфрақұрылымын",
                    "мемлекеттік қызметшілердің цифрлық сауаттылығын",
                    "ашық деректер порталының мазмұнын",
                    "электрондық құжат айналымы жүйесін",
                    "киберқауіпсіздік оқиғаларына ден қою тәртібін",
                    "мемлекеттік органдардың бірыңғай байланыс желісін"],
    },
]

ACTIONS = ["жетілдіру", "жетілдіру жөніндегі мәселені пысықтау", "дамыту жөніндегі ұсыныстар әзірлеу",
           "бағалау әдістемесін әзірлеу", "кезең-кезеңмен енгізу", "жаңғырту",
           "оңтайландыру жөніндегі шаралар кешенін әзірлеу", "талдау және бағалау",
           "бірыңғай тәсілдерін айқындау", "мониторингтеу жүйесін құру", "қайта қарау"]
PREFIXES = ["", "", "", "", "Өңірлерде ", "Мемлекеттік-жекешелік әріптестік шеңберінде ",
            "Халықаралық тәжірибені ескере отырып, ", "Бірыңғай стандарттар негізінде "]

FORMS = ["Үкіметке ұсыныстар", "Үкіметке ұсыныстар енгізу", "Үкіметке ақпарат",
         "Президент Әкімшілігіне ақпарат", "Бұйрық", "Бірлескен бұйрық", "НҚА жобасы",
         "Заң жобасының тұжырымдамасы", "Әдістемелік ұсынымдар", "Іс-шаралар жоспары",
         "Ведомствоаралық комиссияның шешімі", "Есептер", "Орындалған жұмыстар актісі",
         "Пайдалануға беру актісі", "Семинарлар", "Меморандум"]

AGENCIES = [
    ("АШМ", "Қазақстан Республикасы Ауыл шаруашылығы министрлігі", False),
    ("ДСМ", "Қазақстан Республикасы Денсаулық сақтау министрлігі", False),
    ("ЦДИАӨМ", "Қазақстан Республикасы Цифрлық даму, инновациялар және аэроғарыш өнеркәсібі министрлігі", False),
    ("ҰЭМ", "Қазақстан Республикасы Ұлттық экономика министрлігі", False),
    ("Қаржымині", "Қазақстан Республикасы Қаржы министрлігі", False),
    ("Әділетмині", "Қазақстан Республикасы Әділет министрлігі", False),
    ("ЭГТРМ", "Қазақстан Республикасы Экология, геология және табиғи ресурстар министрлігі", False),
    ("ИИДМ", "Қазақстан Республикасы Индустрия және инфрақұрылымдық даму министрлігі", False),
    ("БҒМ", "Қазақстан Республикасы Білім және ғылым министрлігі", False),
    ("Еңбекмині", "Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрлігі", False),
    ("ЖАО", "облыстардың, Нұр-Сұлтан, Алматы және Шымкент қалаларының жергілікті атқарушы органдары", False),
    ("ҰКП", "Ұлттық кәсіпкерлер палатасы", True),
    ("ҰБ", "Қазақстан Республикасы Ұлттық Банкі", True),
    ("ЕҚҚА", "Қазақстан Республикасы Қаржылық мониторинг агенттігі", True),
    ("СІМ", "Қазақстан Республикасы Сыртқы істер министрлігі", False),
    ("МСМ", "Қазақстан Республикасы Мәдениет және спорт министрлігі", False),
]
TAIL_ITEMS = ["мүдделі мемлекеттік органдар", "қоғамдық бірлестіктер", "ғылыми ұйымдар"]


def spaced(text):
    """letter-space a whole line: letters one space apart, words two"""
    return "  ".join(" ".join(w) for w in text.split(" "))


def wrap(text, width):
    words = text.split(" ")
    lines, cur = [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = w if not cur else cur + " " + w
    if cur:
        lines.append(cur)
    return lines


# ---- re-joining, as the transcription does (data/transcription/README.md) ----

def unspace(line):
    toks = re.split(r"( +)", line.strip())
    out = ""
    prev = None
    for t in toks:
        if not t:
            continue
        if t.startswith(" "):
            gap = len(t)
            continue
        if prev is not None:
            if not (gap == 1 and len(t) == 1 and len(prev) == 1):
                out += " "
        out += t
        prev = t
    return out


def is_spaced(line):
    toks = re.split(r" ", line.strip())
    for a, b in zip(toks, toks[1:]):
        if len(a) == 1 and len(b) == 1 and a.isalpha() and b.isalpha():
            return True
    return False


def norm_line(raw):
    s = unspace(raw) if is_spaced(raw) else " ".join(raw.split())
    s = re.sub(r"(\w) -(?=[а-яәғқңөұүһі])", r"\1-", s)
    s = re.sub(r" ([,;])", r"\1", s)
    if re.search(r"(^| )(\w) -$", s) and not raw.endswith(" "):
        s = s[:-2] + "-"
    return s


BROKEN = set()     # words printed broken before their "і" ("келіс ім")


def rejoin(lines):
    out = ""
    prev_raw = None
    lines = [ln for ln in lines if ln.strip()]
    for i, ln in enumerate(lines):
        # "2 0 1 4" before "жылғы": a letter-spaced year
        if re.fullmatch(r"\d \d \d \d", ln) and i + 1 < len(lines) and lines[i + 1].startswith("жыл"):
            lines[i] = ln.replace(" ", "")
    for raw in lines:
        if not raw.strip():
            continue
        s = norm_line(raw)
        if prev_raw is None:
            out = s
        else:
            p = norm_line(prev_raw)
            glue = (p.endswith("(") or p.endswith("«") or p.endswith(' "')
                    or (p.endswith("-") and not prev_raw.endswith(" ") and len(p) > 1 and p[-2] != " ")
                    or s[0] in ",;).»"
                    or (s.startswith("-") and len(s) > 1 and s[1] != " "))
            out += ("" if glue else " ") + s
        prev_raw = raw
    out = re.sub(r"келіс ім", "келісім", out)
    for w in BROKEN:
        pos = w.find("і", 2)
        out = out.replace(w[:pos] + " " + w[pos:], w)
    return out


def money_text(v, grouped):
    """printed form of an amount in tenths/thousandths: '1 234,5'"""
    whole, _, frac = v.partition(".")
    if grouped and len(whole) > 3:
        whole = whole[:-3] + " " + whole[-3:]
    return whole + ("," + frac if frac else "")


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.seed = seed
        r = self.rng
        self.theme = THEMES[(seed - 1) % len(THEMES)]
        self.first = r.choice([2016, 2017, 2018, 2019])
        self.last = self.first + r.choice([3, 4, 5, 6])
        self.nyears = self.last - self.first + 1
        self.number = str(r.randint(100, 999))
        self.approved = (self.first - r.choice([0, 1]), r.randint(1, 12), r.randint(1, 28))
        if self.approved[0] == self.first and self.approved[1] > 6:
            self.approved = (self.first, r.randint(1, 6), self.approved[2])
        self.amendments = []
        y = self.approved[0]
        for _ in range(r.choice([0, 1, 2])):
            y += 1
            self.amendments.append((str(r.randint(10, 999)), (y, r.randint(1, 12), r.randint(1, 28))))
        self.repeal = None
        if r.random() < 0.5:
            self.repeal = (str(r.randint(100, 999)), (self.last - 1, r.randint(1, 12), r.randint(1, 28)))
        agencies = AGENCIES[:]
        r.shuffle(agencies)
        self.agencies = agencies[:r.randint(9, 13)]
        self.lead_pool = [a for a in self.agencies if not a[2]]
        self.forms_count = {}

    # ---- content ----
    def title_text(self):
        r = self.rng
        t = r.choice(PREFIXES) + r.choice(self.theme["objects"]) + " " + r.choice(ACTIONS)
        t = t[0].upper() + t[1:]
        if r.random() < 0.08:
            t = f"{r.randint(self.first, self.last)} жылы " + t[0].lower() + t[1:]
        if r.random() < 0.1:
            a = r.choice(self.agencies)[0]
            t += f" ({a} жанынан)"
        return t

    def executors(self):
        r = self.rng
        n = r.choice([1, 1, 2, 2, 3, 4, 5, 6])
        pool = self.agencies[:]
        r.shuffle(pool)
        items = pool[:n]
        if not any(not a[2] for a in items[:1]) and self.lead_pool:
            items[0] = r.choice(self.lead_pool)
        parts = []
        lead = r.random() < 0.45 and n > 1
        for i, (abbr, _, agreement) in enumerate(items):
            flags = []
            if agreement:
                flags.append("келісім бойынша")
            if lead and i == 0:
                flags.append("жинақтау")
            parts.append((abbr, flags))
        text = ""
        for i, (abbr, flags) in enumerate(parts):
            item = abbr + (" (" + ", ".join(flags) + ")" if flags else "")
            if i == 0:
                text = item
            elif flags == [] and parts[i - 1][1] and r.random() < 0.15:
                text += " " + item          # "(келісім бойынша) ІІМ": no comma, as printed
            else:
                text += ", " + item
        if n >= 3 and r.random() < 0.15:
            text += ", " + r.choice(TAIL_ITEMS)
        return text

    def deadline(self):
        r = self.rng
        y = r.randint(self.first, self.last)
        y2 = r.randint(y, self.last)
        q = r.randint(1, 4)
        k = r.random()
        if k < 0.35:
            return f"{y} жылғы {q}-тоқсан"
        if k < 0.45:
            return f"{y} жыл"
        if k < 0.55:
            return "Жыл сайын"
        if k < 0.62:
            m = r.randint(0, 11)
            return f"Жыл сайын, {r.randint(1, 28)} {MONTHS_ABL[m]} кешіктірмей"
        if k < 0.77:
            return f"{self.first}-{self.last} жылдар" if r.random() < 0.5 else f"{y}-{max(y2, y + 1) if y < self.last else y} жылдар"
        if k < 0.82:
            return f"{y} - {min(y + 1, self.last)} жылдардың 4-тоқсаны"
        if k < 0.86:
            return f"{y} жылғы 3-4-тоқсан"
        if k < 0.90:
            return f"Жыл сайын, 4-тоқсан ({y} жылдан бастап)"
        if k < 0.94 and y < self.last:
            return f"{y} жыл - жобаны әзірлеу; {y + 1}-{self.last} жылдар - жүйені енгізу"
        if y < self.last:
            return f"{y} жылғы 4-тоқсан {y + 1} жылғы 2-тоқсан"
        return f"{y} жылғы {q}-тоқсан"

    def amount(self, big=False):
        r = self.rng
        if big:
            whole = r.randint(1000, 9999)
        else:
            whole = r.randint(1, 900)
        frac = r.choice(["", str(r.randint(1, 9)), f"{r.randint(1, 99):02d}".rstrip("0"),
                         f"{r.randint(1, 999):03d}".rstrip("0")])
        return f"{whole}.{frac}" if frac else str(whole)

    def money(self):
        """cells as printed (strings), reference budget"""
        r = self.rng
        k = r.random()
        if k < 0.45:
            ncells = r.choice([self.nyears + 1, self.nyears + 1, self.nyears, self.nyears - 1])
            cells = ["-"] * max(ncells, 2)
            src = None
            if r.random() < 0.05:
                src = ("РБ", r.choice(["001", "003", "012"]))
            return cells, src, self.budget(cells, src)
        if k < 0.6:
            return None, None, None     # no money printed at all
        years = r.randint(1, self.nyears)
        start = r.randint(0, self.nyears - years)
        big = r.random() < 0.15
        vals = {}
        for i in range(start, start + years):
            vals[i] = self.amount(big and r.random() < 0.7)
        total = sum_amounts(list(vals.values()))
        grouped = big or r.random() < 0.3
        if r.random() < 0.06:
            total = sum_amounts([total, self.amount()])   # the official text does not always add up
            grouped = False     # (digit groups would then be ambiguous to a reader too)
        cells = [total]
        printed_years = self.nyears if r.random() < 0.8 else start + years
        for i in range(printed_years):
            cells.append(vals.get(i, "-"))
        src = None
        if r.random() < 0.35:
            src = (r.choice(["РБ", "ЖБ"]), r.choice([None, "001", "002", "004", "102"]))
        shown = [money_text(c, grouped) if c != "-" else "-" for c in cells]
        return shown, src, self.budget(cells, src)

    def budget(self, cells, src):
        if not cells:
            return None
        total = None if cells[0] == "-" else norm_amount(cells[0])
        by_year = {}
        for i, c in enumerate(cells[1:]):
            if c != "-":
                by_year[str(self.first + i)] = norm_amount(c)
        source = src[0] if src else None
        program = src[1] if src else None
        if total is None and not by_year and source is None and program is None:
            return None
        return {"total": total, "by_year": by_year, "source": source, "program": program}

    def indicator(self, years_pool):
        r = self.rng
        m = r.choice(self.theme["measures"])
        if r.random() < 0.5:
            y1, y2 = sorted(r.sample(years_pool, 2))
            v1, v2 = r.randint(5, 60), r.randint(61, 99)
            verb = r.choice(["құрайды", "артады", "жетеді"])
            suf = {"құрайды": "%-ды", "артады": "%-ға", "жетеді": "%-ға"}[verb]
            text = f"{m} {y1} жылы - {v1} {suf}, {y2} жылы - {v2} {suf} {verb}"
            targets = [(y1, str(v1), "%"), (y2, str(v2), "%")]
        elif r.random() < 0.5:
            y = r.choice(years_pool)
            v = r.choice([str(r.randint(10, 100)), f"{r.randint(1, 9)},{r.randint(1, 9)}"])
            text = f"{y} жылы {m} {v} %-ды құрайды"
            targets = [(y, v.replace(",", "."), "%")]
        else:
            y = r.choice(years_pool)
            v = r.randint(20, 90)
            text = f"{m} {y} жылы {v}-орынға дейін жақсарады"
            targets = [(y, str(v), "орын")]
        return text, targets


def sum_amounts(vals):
    s = sum(Decimal(v) for v in vals)
    t = format(s, "f")
    if "." in t:
        t = t.rstrip("0").rstrip(".")
    return t


def norm_amount(v):
    v = v.replace(" ", "").replace(",", ".")
    if "." in v:
        v = v.rstrip("0").rstrip(".")
    return v


def date_kk(d):
    y, m, day = d
    return f"{y} жылғы {day} {MONTHS_LOC[m - 1]}"


def date_dot(d):
    y, m, day = d
    return f"{day:02d}.{m:02d}.{y}"


def iso(d):
    return f"{d[0]:04d}-{d[1]:02d}-{d[2]:02d}"


# ---- printing the cells of a row ----

def split_items(text):
    """'БП (келісім бойынша), ІІМ Қаржымині' -> [('БП (келісім бойынша)', ','), ...]"""
    items, cur, depth, i = [], "", 0, 0
    while i < len(text):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if depth == 0 and text.startswith(", ", i):
            items.append((cur, ","))
            cur, i = "", i + 2
            continue
        if depth == 0 and ch == ")" and text.startswith(") ", i) and not text.startswith("), ", i):
            items.append((cur + ")", ""))
            cur, i = "", i + 2
            continue
        cur += ch
        i += 1
    items.append((cur, None))
    return items


def print_executors(g, text):
    """lines of the executor column, broken the way the PDF breaks them"""
    r = g.rng
    lines = []
    for item, sep in split_items(text):
        m = re.fullmatch(r"(\S+) \((.*)\)", item)
        tail = sep or ""
        if m:
            abbr, flags = m.groups()
            words = flags.split(" ")
            if r.random() < 0.4:
                ilines = [f"{abbr} ({words[0]}"]
                rest = words[1:]
            else:
                a = spaced(abbr) + " " if len(abbr) <= 4 and r.random() < 0.3 else abbr
                ilines = [f"{a} ("]
                rest = words
            for w in rest:
                if w == "келісім" and r.random() < 0.3:
                    w = "келіс ім"
                if len(ilines[-1]) + len(w) < 12 and not ilines[-1].endswith("(") and r.random() < 0.3:
                    ilines[-1] += " " + w
                else:
                    ilines.append(w)
            if r.random() < 0.15:
                ilines.append(")" + tail)
            else:
                ilines[-1] += ")" + tail
        elif " " in item:
            ilines = wrap(item, 14)
            ilines[-1] += tail
        elif re.fullmatch(r"[А-ЯӘҒҚҢӨҰҮҺІ]{2,4}", item) and r.random() < 0.25:
            ilines = [spaced(item) + (" ," if tail else "")]
        elif tail and r.random() < 0.1:
            ilines = [item, ","]
        else:
            ilines = [item + tail]
        lines.extend(ilines)
    # a comma printed at the start of the next line: "ІІМ" / ", Қаржымині"
    for i in range(len(lines) - 1):
        ln = lines[i]
        if ln.endswith(",") and not ln.endswith(" ,") and len(ln) > 1 and \
                lines[i + 1][:1].isupper() and not is_spaced(lines[i + 1]) and r.random() < 0.1:
            lines[i] = ln[:-1]
            lines[i + 1] = ", " + lines[i + 1]
    # short names side by side: "ТЖМ, ИДМ"
    merged = []
    for ln in lines:
        if merged and len(merged[-1]) + len(ln) < 12 and merged[-1].endswith(",") and \
                not merged[-1].endswith(" ,") and not is_spaced(ln) and \
                not is_spaced(merged[-1]) and ln[0] not in ",)" and r.random() < 0.4:
            merged[-1] += " " + ln
        else:
            merged.append(ln)
    return merged


def print_deadline(g, text):
    r = g.rng
    m = re.fullmatch(r"(\d{4}) жылғы (\d)-тоқсан", text)
    if m:
        y, q = m.groups()
        k = r.random()
        if k < 0.3:
            return [y, "жылғы", f"{q} -", "тоқсан"]
        if k < 0.55:
            return [f"{y} жылғы {q}", "-тоқсан"]
        if k < 0.75:
            return [f"{y}", f"жылғы {q}-", "тоқсан"] if r.random() < 0.5 else \
                [" ".join(y), f"жылғы {q}-", "тоқсан"]
        return [f"{y} жылғы", f"{q}-тоқсан"]
    m = re.fullmatch(r"(\d{4})-(\d{4}) жылдар", text)
    if m and r.random() < 0.6:
        return [m.group(1) + "-", m.group(2), "жылдар"]
    if text == "Жыл сайын":
        return r.choice([["Жыл сайын"], ["Жыл", "сайын"], ["Ж ы л", "сайын"]])
    lines = wrap(text, 12)
    return lines


def print_title(g, text, width):
    r = g.rng
    lines = wrap(text, width)
    out = []
    for ln in lines:
        if 4 <= len(ln) <= 14 and " " not in ln and r.random() < 0.08:
            out.append(spaced(ln))
        elif len(ln) <= 16 and r.random() < 0.04:
            out.append(spaced(ln))
        else:
            out.append(ln)
    return out


def break_before_i(g, lines, vocab):
    """'келіс ім': a word broken before its 'і' (only where the word occurs whole elsewhere)"""
    out = []
    for ln in lines:
        if is_spaced(ln):
            out.append(ln)
            continue
        words = ln.split(" ")
        for i, w in enumerate(words):
            core = w.strip(",.;:()«»")
            pos = core.find("і", 2)
            if pos > 1 and core == w and vocab.get(core.lower(), 0) >= 3 and g.rng.random() < 0.06:
                words[i] = core[:pos] + " " + core[pos:]
                BROKEN.add(core)
        out.append(" ".join(words))
    return out


def check(lines, want, what):
    got = rejoin(lines)
    if got != want:
        raise SystemExit(f"generator bug: {what}: {lines!r} re-joins to {got!r}, not {want!r}")


# ---- the document ----

def make(seed):
    g = Gen(seed)
    r = g.rng
    th = g.theme
    prog_title = (f"Қазақстан Республикасының {th['program']} {g.first} - {g.last} жылдарға арналған "
                  f"мемлекеттік бағдарламасын іске асыру жөніндегі іс-шаралар жоспары")
    plan = {
        "format": "jospar-plan", "format_version": 1,
        "id": f"kz-{g.approved[0]}-{g.number}", "language": "kk",
        "issuer": "Қазақстан Республикасының Үкіметі",
        "number": g.number, "approved": iso(g.approved), "title": prog_title,
        "period": {"from": g.first, "to": g.last}, "unit": "million tenge",
        "amendments": [{"number": n, "date": iso(d)} for n, d in g.amendments],
    }
    if g.repeal:
        plan["repeal"] = {"number": g.repeal[0], "date": iso(g.repeal[1])}
    plan["goal"] = th["goal"]
    out = []
    add = out.extend

    # ---- header ----
    decree_title = prog_title.replace("іс-шаралар жоспары", "іс-шаралар жоспарын бекіту туралы")
    add([""] + wrap(decree_title, 75) + [""])
    if g.repeal:
        add(["Күшін жойған"])
    add([f"Қазақстан Республикасы Үкіметінің {date_kk(g.approved)} № {g.number} қаулысы."])
    if g.repeal:
        add([f"Күші жойылды - Қазақстан Республикасы Үкіметінің {date_kk(g.repeal[1])}",
             f"№ {g.repeal[0]} қаулысымен",
             f"      Ескерту. Күші жойылды - ҚР Үкіметінің {date_dot(g.repeal[1])}  қаулысымен.№ {g.repeal[0]}"])
    add(["      1. Қоса беріліп отырған іс-шаралар жоспары бекітілсін.",
         "      2. Осы қаулы қол қойылған күнінен бастап қолданысқа енгізіледі.",
         "      Қ а з а қ с т а н  Р е с п у б л и к а с ы н ы ң",
         "      Премьер-Министрі                                     Б. Сағынтаев",
         "Қ а з а қ с т а н  Р е с п у б л и к а с ы",
         "Ү к і м е т і н і ң",
         spaced(f"{g.approved[0]} жылғы {g.approved[2]} {MONTHS_LOC[g.approved[1] - 1]}"),
         spaced(f"№ {g.number} қаулысымен"),
         "бекітілген", "", "", ""])
    add(wrap(prog_title, 55))
    add([""])
    if g.amendments:
        dates = " ".join(f"{date_dot(d)} № {n}" for n, d in g.amendments)
        add([f"      Ескерту. Жоспарға өзгерістер енгізілді - ҚР Үкіметінің {dates}",
             "қаулыларымен.", ""])
    add(["Р/", "с", "№", "", "Іс-шараның атауы Аяқтау нысаны Жауапты", "орындаушылар", "",
         "Орындау", "мерзімдері", "", "Болжанатын шығыстар, млн. теңге", "", "оның ішінде", "",
         f"{g.first}-", " ".join(str(g.last)), "жылдарға", "барлығы", ""])
    for y in range(g.first, g.last + 1)[:5]:
        add([str(y), "жыл", "*", ""])
    add([" ".join(str(i) for i in range(1, 6 + g.nyears)), ""])

    # ---- frame and rows ----
    years_pool = list(range(g.first, g.last + 1))
    plan["objectives"] = []
    plan["directions"] = []
    plan["activities"] = []
    add([spaced("Бағдарламаның мақсаты:"), th["goal"], ""])
    dirs = th["directions"][:]
    ndir = [r.randint(2, 3), r.randint(1, 2)]
    rownum = 0
    pager = Pager(r)
    vocab = {}
    totals = []
    year_totals = {}
    for oi in range(2):
        obj = th["objectives"][oi]
        inds = []
        add([spaced("Бағдарламалық мақсат:"), obj, "", spaced("Нысаналы индикаторлар:")])
        for k in range(r.randint(2, 3)):
            text, targets = g.indicator(years_pool)
            text = text + (";" if k < 2 else ".")
            inds.append({"number": k + 1, "text": text,
                         "targets": [{"year": y, "value": v, "unit": u} for y, v, u in targets]})
            lines = wrap(f"{k + 1}) " + text, 100)
            add(lines)
        # the numbers are printed, the text does not carry them
        plan["objectives"].append({"number": oi + 1, "text": obj, "indicators": inds})
        add([""])
        for di in range(ndir[oi]):
            code = f"{oi + 1}.{di + 1}"
            title = dirs.pop(0) if dirs else "Қосымша бағыт."
            tasks = r.sample(th["tasks"], r.randint(1, 2))
            tasks = [t.rstrip(";.") + (";" if i + 1 < len(tasks) else ".") for i, t in enumerate(tasks)]
            dinds = []
            add([f"{code} {title}", ""])
            add([spaced("Міндет:" if len(tasks) == 1 else "Міндеттер:")])
            for t in tasks:
                lines = wrap(t, 100)
                if len(lines) == 1 and r.random() < 0.3:
                    lines = [spaced(lines[0])]
                add(lines)
            add([""])
            add([spaced("Нәтижелер көрсеткіштері:")])
            nres = r.randint(2, 4)
            for k in range(nres):
                text, targets = g.indicator(years_pool)
                text = text + (";" if k + 1 < nres else ".")
                dinds.append({"number": k + 1, "text": text,
                              "targets": [{"year": y, "value": v, "unit": u} for y, v, u in targets]})
                lines = wrap(text, 95)
                if len(lines) > 1 and r.random() < 0.35:
                    lines[-1] = spaced(lines[-1])
                if len(lines) > 1 and r.random() < 0.15:
                    # a page break inside the indicator's text
                    lines = lines[:1] + ["", "", ""] + lines[1:]
                add(lines)
            add([""])
            plan["directions"].append({"code": code, "objective": oi + 1, "title": title,
                                       "tasks": tasks, "indicators": dinds})
            nrows = r.randint(10, 22)
            for k in range(nrows):
                rownum += 1
                labels = [str(rownum)]
                if r.random() < 0.05:
                    labels.append(f"{rownum}-1")
                for label in labels:
                    emit_row(g, out, plan, code, label, vocab, totals, year_totals, pager)
    # ---- total, footnote, glossary ----
    gt = sum_amounts(totals) if totals else "0"
    printed = [money_text(gt, True)]
    for i in range(g.nyears):
        y = str(g.first + i)
        printed.append(money_text(year_totals[y], r.random() < 0.5) if y in year_totals else "-")
    first = printed[0]
    if " " in first and len(first.split(" ")[0]) == 2:
        a, b = first.split(" ", 1)
        add(["Шығындар жиыны", " ".join(a), b, "", " ".join(printed[1:])])
    else:
        add(["Шығындар жиыны", " ".join(printed)])
    plan["grand_total"] = {"total": norm_amount(gt),
                           "by_year": {y: norm_amount(v) for y, v in sorted(year_totals.items())}}
    foot = "* - бағдарламаны қаржыландыру көлемі тиісті қаржы жылдарына арналған республикалық бюджетті қалыптастыру кезінде нақтыланатын болады"
    add([""] + wrap(foot, 75) + ["      Ескертпе: аббревиатуралардың толық жазылуы:", "", "", ""])
    plan["footnote"] = foot
    glossary = []
    for abbr, name, _ in g.agencies:
        glossary.append({"abbr": abbr, "name": name})
        lines = wrap(name, 60)
        if len(lines) > 1 and r.random() < 0.3 and len(lines[-1]) < 30:
            lines[-1] = spaced(lines[-1])
        if len(abbr) <= 3 and r.random() < 0.3:
            first_line = f"{' '.join(abbr):<13} -  {lines[0]}"
        else:
            first_line = f"{abbr:<10} - {lines[0]}"
        add([first_line] + ["             " + ln for ln in lines[1:]])
    plan["glossary"] = glossary
    return out, plan


def layout(cols, money, tight_ce, tight_ed, money_inline):
    """the lines of a row's cells: blank lines between cells, not always"""
    lines = []
    prev = None
    for i, b in enumerate(cols):
        if not b:
            continue
        if prev is not None and not ((prev, i) == (1, 2) and tight_ce) and \
                not ((prev, i) == (2, 3) and tight_ed):
            lines.append("")
        lines.extend(b)
        prev = i
    if money is not None:
        if money_inline and lines and prev == 3:
            lines[-1] += " " + money
        else:
            if lines:
                lines.append("")
            lines.append(money)
    return lines


class Pager:
    """where the pages of the PDF end"""
    def __init__(self, rng):
        self.rng = rng
        self.next = rng.randint(35, 60)

    def due(self, n):
        return n >= self.next

    def done(self, n):
        self.next = n + self.rng.randint(40, 75)


def emit_row(g, out, plan, code, label, vocab, totals, year_totals, pager):
    r = g.rng
    title = g.title_text()
    form = r.choice(FORMS)
    g.forms_count[form] = g.forms_count.get(form, 0) + 1
    ex = g.executors()
    deadline = g.deadline()
    cells, src, budget = g.money()
    for w in (title + " " + form + " " + ex).split(" "):
        w = w.strip(",.;:()«»").lower()
        vocab[w] = vocab.get(w, 0) + 1
    T = break_before_i(g, print_title(g, title, r.choice([20, 22, 24, 26, 30])), vocab)
    C = wrap(form, r.choice([14, 16, 18, 20]))
    E = print_executors(g, ex)
    D = print_deadline(g, deadline)
    M = None
    if cells is not None:
        M = " ".join(cells + ([src[0]] + ([src[1]] if src[1] else []) if src else []))
    check(T, title, "title")
    check(C, form, "form")
    check(E, ex, "executors")
    check(D, deadline, "deadline")
    act = {"number": label, "direction": code, "title": title, "completion_form": form,
           "executors": ex, "deadline": deadline, "budget": budget}
    if budget and budget["total"]:
        totals.append(budget["total"])
        for y, v in budget["by_year"].items():
            year_totals[y] = sum_amounts([year_totals.get(y, "0"), v])
    if "-" in label:
        a, b = label.split("-")
        lab = [f"{a}-", f"{b}."] if r.random() < 0.6 else [f"{label}."]
    else:
        lab = [f"{label}."] if r.random() < 0.5 else [label, "."]
    cols = [T[:], C[:], E[:], D[:]]
    # the form's first word may be printed at the end of the title's last line
    merge_tc = len(form.split(" ")) >= 2 and len(C) >= 2 and g.forms_count.get(form, 0) >= 3 \
        and r.random() < 0.08
    merge_ce = r.random() < 0.3
    merge_ed = r.random() < 0.15
    tight_ce = r.random() < 0.2
    tight_ed = r.random() < 0.5
    inline = M is not None and r.random() < 0.3

    def share_lines(part):
        """cells that share a line, as the PDF prints them (within one page)"""
        part = [b[:] for b in part]
        if merge_tc and part[0] and part[1] and part[1][0] == C[0] and \
                len(part[0]) == len(T) and not is_spaced(part[0][-1]):
            first_word = C[0].split(" ")[0]
            part[0][-1] += " " + first_word
            if part[1][0] == first_word:
                part[1].pop(0)
            else:
                part[1][0] = part[1][0][len(first_word) + 1:]
        if merge_ce and len(part[2]) == 1 and part[1] and \
                len(part[1][-1]) + len(part[2][0]) < 22 and not is_spaced(part[2][0]):
            part[1][-1] += " " + part[2].pop(0)          # "Бұйрық ІІМ"
        if merge_ed and part[2] and part[3] and len(part[2][-1]) + len(part[3][0]) < 18 and \
                not is_spaced(part[3][0]) and not is_spaced(part[2][-1]) and \
                not part[2][-1].endswith("(") and part[3][0][0].isalpha():
            part[2][-1] += " " + part[3].pop(0)          # "ІІМ Жыл" / "сайын"
        return part

    split = pager.due(len(out)) and r.random() < 0.6
    if not split:
        if pager.due(len(out)):
            out.extend(["", "", ""])
            pager.done(len(out))
        start = len(out) + 1
        out.extend(lab + [""])
        cols = share_lines(cols)
        out.extend(layout(cols, M, tight_ce, tight_ed,
                          inline and cols[3] and not is_spaced(cols[3][-1])))
    else:
        pager.done(len(out))
        height = max(len(b) for b in cols)
        k = r.randint(1, max(1, height - 1))
        ks = [max(0, min(len(b), k + r.choice([-1, 0, 0, 1]))) for b in cols]
        if ks[0] == 0:
            ks[0] = 1
        first = share_lines([b[:n] for b, n in zip(cols, ks)])
        second = share_lines([b[n:] for b, n in zip(cols, ks)])
        money_first = M is not None and r.random() < 0.5
        m1 = M if money_first else None
        m2 = None if money_first else M
        inline2 = inline and not money_first and second[3] and not is_spaced(second[3][-1])
        if k <= height * 0.45 and second[0]:
            # most of the row is on the next page: the number is printed there
            start = len(out) + 1
            out.extend(layout(first, m1, tight_ce, tight_ed, False))
            out.extend(["", "", ""])
            out.extend(lab + [""])
            out.extend(layout(second, m2, tight_ce, tight_ed, inline2))
        else:
            start = len(out) + 1
            out.extend(lab + [""])
            out.extend(layout(first, m1, tight_ce, tight_ed, False))
            out.extend(["", "", ""])
            out.extend(layout(second, m2, tight_ce, tight_ed, inline2))
    act["source_lines"] = [start, len(out)]
    out.append("")
    plan["activities"].append(act)


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    seed = int(argv[0])
    lines, plan = make(seed)
    with open(argv[1] + ".txt", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    with open(argv[1] + ".json", "w", encoding="utf-8") as f:
        f.write(json.dumps(plan, ensure_ascii=False, indent=1) + "\n")
    print(f"{argv[1]}.txt: {len(lines)} lines, {len(plan['activities'])} activities")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
