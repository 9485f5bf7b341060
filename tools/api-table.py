#!/usr/bin/env python3
"""api-table.py ROUTES_C API_MD [--write]

The two route tables of docs/api.md (the JSON API, the pages) are made from
server/routes.c: this prints what they should be, and exits 1 when
API_MD's tables differ (with --write it rewrites them in place).
"""
import re
import sys

WHO = {
    frozenset(["R_PUBLIC", "R_ANY"]): "anyone",
    frozenset(["R_ANY"]): "any user",
    frozenset(["R_EXECUTOR", "R_COORD", "R_ADMIN"]): "executor (own agency), coordinator, admin",
    frozenset(["R_COORD", "R_ADMIN"]): "coordinator, admin",
    frozenset(["R_ADMIN"]): "admin",
}
ROW = re.compile(r'\{ "(GET|POST|DELETE|PUT)", "(/[^"]*)", \w+, ([^,]+), [^,]+, "((?:[^"\\]|\\.)*)" \}')


def tables(routes_c):
    api, pages = [], []
    for method, path, roles, summary in ROW.findall(open(routes_c, encoding="utf-8").read()):
        who = WHO[frozenset(x.strip() for x in roles.split("|"))]
        what = summary.replace("|", "\\|")
        where = path.replace("{}", "{id}")
        row = f"| `{method}` | `{where}` | {who} | {what} |"
        (api if path.startswith("/api/") else pages).append(row)
    head = "| method | path | who | what |\n|---|---|---|---|\n"
    return head + "\n".join(api) + "\n", head + "\n".join(pages) + "\n"


def main(argv):
    want = tables(argv[1])
    text = open(argv[2], encoding="utf-8").read()
    found = re.findall(r"\| method \| path \| who \| what \|\n\|---\|---\|---\|---\|\n(?:\|.*\n)+", text)
    if len(found) != 2:
        print(f"api-table: {argv[2]}: expected two route tables, found {len(found)}")
        return 1
    if "--write" in argv:
        for old, new in zip(found, want):
            text = text.replace(old, new, 1)
        open(argv[2], "w", encoding="utf-8").write(text)
        return 0
    bad = 0
    for old, new, name in zip(found, want, ("the API", "the pages")):
        if old != new:
            print(f"api-table: {argv[2]}: the table of {name} is not the route table's:")
            for line in sorted(set(new.splitlines()) - set(old.splitlines())):
                print(f"  missing: {line}")
            for line in sorted(set(old.splitlines()) - set(new.splitlines())):
                print(f"  stale:   {line}")
            bad = 1
    if not bad:
        print("api-table: docs/api.md lists every route of the table")
    return bad


if __name__ == "__main__":
    sys.exit(main(sys.argv))
