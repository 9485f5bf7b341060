#!/usr/bin/env python3
"""test_check_po.py CHECK_PO FIXTURE - check-po.py names each mistake in FIXTURE."""

import subprocess
import sys

EXPECTED = [
    "po/kk.po:4: msgid 'Untranslated' is untranslated (used at server/x.c:4)",
    "po/kk.po:14: msgid 'Stale' is not used in server/*.c",
    "server/x.c:5: msgid 'Missing everywhere' is not in po/kk.po",
    "server/x.c:5: msgid 'Missing everywhere' is not in po/ru.po",
    "po/ru.po:8: msgid 'Marked' is fuzzy (used at server/x.c:6)",
    "po/en.po:11: msgstr has conversions ['%s'] where msgid 'Count: %zu' has ['%zu']",
]
UNEXPECTED = ["In a comment", "'Count: %zu' is not in", "'Untranslated' is not in"]


def main(argv):
    run = subprocess.run([sys.executable, argv[1], argv[2]], capture_output=True, text=True)
    out = run.stdout + run.stderr
    failed = []
    if run.returncode != 1:
        failed.append(f"exit status {run.returncode}, expected 1")
    failed += [f"missing: {e}" for e in EXPECTED if e not in out]
    failed += [f"unexpected: {e}" for e in UNEXPECTED if e in out]
    for f in failed:
        print(f"test_check_po: {f}")
    if failed:
        print(out)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
