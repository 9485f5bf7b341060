#!/usr/bin/env python3
"""check-po.py - every message the server shows is translated.

    check-po.py [--list] [ROOT]

Scans ROOT/server/*.c for the message ids the code uses -- the string
literal second argument of jp_tr(LANG, "..."), and N_("...") for ids
written away from their jp_tr() call -- and checks the catalogues
ROOT/po/*.po (read strictly by tools/po_catalog.py):

- kk.po and ru.po translate every id used, with a non-empty msgstr that
  is not marked fuzzy (Kazakh is the default language of the pages);
- every other catalogue (en.po) lists every id used (its msgstr may be
  empty: the id is the English text);
- no catalogue keeps an id the code does not use;
- printf conversions of a translation match its id's.

Prints one line per problem, naming the file and line, and exits 1 if
there is any.  --list prints the ids used, one per line, and exits.
"""

import glob
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import po_catalog  # noqa: E402

REQUIRED = ("kk", "ru")
CALL_RE = re.compile(r"\b(jp_tr|N_)\s*\(")
C_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'", "?": "?", "a": "\a",
             "b": "\b", "f": "\f", "v": "\v", "r": "\r", "0": "\0"}


def strip_comments(src):
    """src with comments blanked (newlines kept, so line numbers hold)."""
    out, i, n = [], 0, len(src)
    while i < n:
        ch = src[i]
        if ch in "\"'":
            j = i + 1
            while j < n and src[j] != ch:
                j += 2 if src[j] == "\\" else 1
            out.append(src[i:j + 1])
            i = j + 1
        elif src.startswith("/*", i):
            j = src.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("".join(c if c == "\n" else " " for c in src[i:j]))
            i = j
        elif src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def read_literals(src, i):
    """Adjacent string literals at src[i:] (after white space): (text, end) or None."""
    parts = []
    n = len(src)
    while True:
        while i < n and src[i].isspace():
            i += 1
        if i >= n or src[i] != '"':
            break
        j, buf = i + 1, []
        while j < n and src[j] != '"':
            if src[j] == "\\":
                esc = src[j + 1]
                if esc not in C_ESCAPES:
                    raise ValueError(f"escape '\\{esc}' in a message id")
                buf.append(C_ESCAPES[esc])
                j += 2
            else:
                buf.append(src[j])
                j += 1
        parts.append("".join(buf))
        i = j + 1
    if not parts:
        return None
    return "".join(parts), i


def skip_argument(src, i):
    """Index of the ',' or ')' ending the argument starting at src[i]."""
    depth, n = 0, len(src)
    while i < n:
        ch = src[i]
        if ch in "\"'":
            j = i + 1
            while j < n and src[j] != ch:
                j += 2 if src[j] == "\\" else 1
            i = j + 1
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            if depth == 0:
                return i
            depth -= 1
        elif ch == "," and depth == 0:
            return i
        i += 1
    return n


def used_msgids(root):
    """{msgid: [(file, line), ...]} from root/server/*.c."""
    used = {}
    for path in sorted(glob.glob(os.path.join(root, "server", "*.c"))):
        with open(path, encoding="utf-8") as f:
            src = strip_comments(f.read())
        rel = os.path.relpath(path, root)
        for m in CALL_RE.finditer(src):
            i = m.end()
            if m.group(1) == "jp_tr":
                i = skip_argument(src, i)
                if i >= len(src) or src[i] != ",":
                    continue        # the declaration, or a call with one argument
                i += 1
            try:
                lit = read_literals(src, i)
            except ValueError as e:
                line = src.count("\n", 0, m.start()) + 1
                raise po_catalog.PoError(f"{rel}:{line}: {e}") from None
            if lit is None:
                continue            # a variable: its ids are marked N_() where written
            text, end = lit
            rest = src[end:].lstrip()
            if not rest.startswith(")"):
                continue            # the literal is only part of an expression
            line = src.count("\n", 0, m.start()) + 1
            used.setdefault(text, []).append((rel, line))
    return used


def main(argv):
    args = [a for a in argv[1:] if a != "--list"]
    root = args[0] if args else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    problems = []
    try:
        used = used_msgids(root)
    except po_catalog.PoError as e:
        print(f"check-po: {e}")
        return 1
    if "--list" in argv:
        for msgid in sorted(used):
            print(msgid)
        return 0
    if not used:
        print(f"check-po: no jp_tr() message ids found under '{os.path.join(root, 'server')}'")
        return 1
    catalogues = {}
    for path in sorted(glob.glob(os.path.join(root, "po", "*.po"))):
        lang = os.path.basename(path)[:-3]
        rel = os.path.relpath(path, root)
        try:
            catalogues[lang] = (rel, po_catalog.parse(path, rel))
        except po_catalog.PoError as e:
            problems.append(str(e))
    for lang in REQUIRED:
        if lang not in catalogues and not any(p.startswith(f"po/{lang}.po:") for p in problems):
            problems.append(f"po/{lang}.po: missing (every message needs a translation into it)")
    for lang, (rel, entries) in sorted(catalogues.items()):
        by_id = {e.msgid: e for e in entries}
        for msgid, sites in sorted(used.items()):
            file, line = sites[0]
            e = by_id.get(msgid)
            if e is None:
                problems.append(f"{file}:{line}: msgid {msgid!r} is not in {rel}")
            elif lang in REQUIRED and (not e.msgstr or e.fuzzy):
                what = "fuzzy" if e.fuzzy else "untranslated"
                problems.append(f"{rel}:{e.line}: msgid {msgid!r} is {what} (used at {file}:{line})")
        for e in entries:
            if e.msgid not in used:
                problems.append(f"{rel}:{e.line}: msgid {e.msgid!r} is not used in server/*.c")
    for p in problems:
        print(f"check-po: {p}")
    if problems:
        print(f"check-po: {len(problems)} problem(s)")
        return 1
    print(f"check-po: {len(used)} message ids, catalogues {', '.join(sorted(catalogues))}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
