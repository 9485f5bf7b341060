"""po_catalog.py - read gettext PO catalogues, strictly (Python 3 stdlib).

Shared by tools/po2c.py (the build-time generator) and tools/check-po.py
(the test).  Only what jospar's catalogues need is accepted: single
msgid/msgstr pairs, comments, the header entry and the "fuzzy" flag.
Plural forms and contexts are refused with the file and line, so nothing
is silently dropped.

Each entry's msgid and msgstr must be free of the HTML special characters
< > & and the double quote: pages write translations into elements and
attributes as they are, and may use one as a printf format, so a
catalogue is checked here, once, instead of escaping at every use.
Formats must agree: a msgstr has the same printf conversions, in the same
order, as its msgid.
"""

import re

FORMAT_RE = re.compile(r"%(?:[-+ #0]*\d*(?:\.\d+)?(?:hh|h|ll|l|z|j|t)?[diouxXscp%]|.?)")
MARKUP = set('<>&"')


class PoError(Exception):
    pass


class Entry:
    def __init__(self, msgid, msgstr, line, fuzzy):
        self.msgid = msgid
        self.msgstr = msgstr
        self.line = line
        self.fuzzy = fuzzy


def unquote(text, where):
    """The value of one C-style string literal "..." (without the quotes' text around)."""
    if len(text) < 2 or text[0] != '"' or text[-1] != '"':
        raise PoError(f"{where}: expected a quoted string, got {text!r}")
    body, out, i = text[1:-1], [], 0
    while i < len(body):
        ch = body[i]
        if ch == '"':
            raise PoError(f"{where}: unescaped quote in {text!r}")
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        if i + 1 >= len(body):
            raise PoError(f"{where}: string ends with a backslash")
        esc = body[i + 1]
        mapped = {"\\": "\\", '"': '"', "n": "\n", "t": "\t"}.get(esc)
        if mapped is None:
            raise PoError(f"{where}: unsupported escape '\\{esc}'")
        out.append(mapped)
        i += 2
    return "".join(out)


def formats(s):
    """The printf conversions of s, in order ('%%' left out); bad ones raise."""
    out = []
    for m in FORMAT_RE.finditer(s):
        conv = m.group(0)
        if conv == "%%":
            continue
        if len(conv) < 2 or conv[-1] not in "diouxXscp":
            raise ValueError(conv)
        out.append(conv)
    return out


def parse(path, name=None):
    """The entries of a PO file (header left out), checked; raises PoError
    naming the file as `name` (default: path)."""
    entries, seen = [], {}
    cur = None          # [msgid parts, msgstr parts, line, fuzzy]
    field = None
    fuzzy = False
    header = None

    def flush():
        nonlocal cur, field, fuzzy, header
        if cur is None:
            return
        if cur[1] is None:
            raise PoError(f"{path}:{cur[2]}: msgid without msgstr")
        msgid, msgstr = "".join(cur[0]), "".join(cur[1])
        if msgid == "":
            if header is not None:
                raise PoError(f"{path}:{cur[2]}: a second header entry")
            header = msgstr
        else:
            if msgid in seen:
                raise PoError(f"{path}:{cur[2]}: msgid {msgid!r} repeats the one on line {seen[msgid]}")
            seen[msgid] = cur[2]
            entries.append(Entry(msgid, msgstr, cur[2], cur[3]))
        cur, field, fuzzy = None, None, False

    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    path = name or path
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        where = f"{path}:{n}"
        if not line:
            flush()
            continue
        if line.startswith("#~"):
            raise PoError(f"{where}: obsolete entries (#~) are not kept; delete them")
        if line.startswith("#,"):
            flags = [x.strip() for x in line[2:].split(",")]
            if "fuzzy" in flags:
                fuzzy = True
            continue
        if line.startswith("#"):
            continue
        if line.startswith("msgctxt") or line.startswith("msgid_plural") or line.startswith("msgstr["):
            raise PoError(f"{where}: '{line.split()[0]}' is not supported here")
        if line.startswith("msgid "):
            flush()
            cur = [[unquote(line[6:].strip(), where)], None, n, fuzzy]
            field = 0
            continue
        if line.startswith("msgstr "):
            if cur is None or field != 0:
                raise PoError(f"{where}: msgstr without msgid")
            cur[1] = [unquote(line[7:].strip(), where)]
            field = 1
            continue
        if line.startswith('"'):
            if cur is None:
                raise PoError(f"{where}: a string outside an entry")
            cur[field].append(unquote(line, where))
            continue
        raise PoError(f"{where}: cannot read {line!r}")
    flush()
    if header is None:
        raise PoError(f"{path}: no header entry (msgid \"\")")
    if not re.search(r"charset=UTF-8", header, re.I):
        raise PoError(f"{path}: the header must say charset=UTF-8")
    for e in entries:
        for what, s in (("msgid", e.msgid), ("msgstr", e.msgstr)):
            bad = sorted(set(s) & MARKUP)
            if bad:
                raise PoError(f"{path}:{e.line}: {what} {s!r} contains {''.join(bad)!r}")
        try:
            fid = formats(e.msgid)
            fstr = formats(e.msgstr) if e.msgstr else fid
        except ValueError as x:
            raise PoError(f"{path}:{e.line}: bad printf conversion '{x}' in {e.msgid!r}") from None
        if fid != fstr:
            raise PoError(f"{path}:{e.line}: msgstr has conversions {fstr} where msgid {e.msgid!r} has {fid}")
    return entries
