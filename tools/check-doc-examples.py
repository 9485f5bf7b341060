#!/usr/bin/env python3
"""Runs the examples of the documentation.

Usage: check-doc-examples.py JOSPAR_BINARY DOC.md...

Every line of a ```sh block that starts with "jospar " is run, in order, on
one fresh database per document (with JOSPAR_TODAY=2017-01-01, so that
historical examples are in the past), and must exit 0.  A line may be
continued with a trailing backslash.  Prints one line a document and ends
with 'N passed, N failed'.
"""
import os, shlex, subprocess, sys, tempfile

def examples(path):
    cmds, block, cont = [], False, ""
    for line in open(path, encoding="utf-8"):
        s = line.rstrip("\n")
        if s.startswith("```"):
            block = s.strip() == "```sh" and not block
            continue
        if not block:
            continue
        s = cont + s.strip()
        if s.endswith("\\"):
            cont = s[:-1] + " "
            continue
        cont = ""
        if s.startswith("jospar "):
            cmds.append(s)
    return cmds

def main(argv):
    binary = os.path.abspath(argv[1])
    passed = failed = 0
    for doc in argv[2:]:
        cmds = examples(doc)
        if not cmds:
            continue
        with tempfile.TemporaryDirectory(prefix="jospar-doc-") as d:
            env = dict(os.environ, JOSPAR_DB=os.path.join(d, "j.db"), HOME=d,
                       JOSPAR_TODAY="2017-01-01")
            env.pop("JOSPAR_PLAN", None)
            bad = None
            for c in cmds:
                p = subprocess.run([binary] + shlex.split(c)[1:], cwd=d, env=env,
                                   capture_output=True, text=True)
                if p.returncode != 0:
                    bad = f"{c}\n  exited {p.returncode}: {p.stderr.strip()}"
                    break
        name = os.path.basename(doc)
        if bad:
            failed += 1
            print(f"FAIL {name}: {bad}")
        else:
            passed += 1
            print(f"ok   {name} ({len(cmds)} examples)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv))
