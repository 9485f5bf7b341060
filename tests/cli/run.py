#!/usr/bin/env python3
"""CLI integration tests: one data file per case.

Usage: run.py JOSPAR_BINARY CASES_DIR [CASE ...]

A case file (tests/cli/cases/*.t) is a list of sections, each starting with
a line '@keyword ...':

  # comment lines (what the case checks)
  @file NAME          the following lines become file NAME in the case dir
                      (a second @file NAME appends to it)
  @lines NAME N TEXT  N lines of TEXT appended to file NAME, {n} in TEXT
                      numbering them 1 to N
  @env NAME=VALUE     an environment variable for every command
  @setup ARGS...      a command that must succeed before the run
  @setup-fails ARGS.. a command that must fail before the run
  @run ARGS...        the command under test (arguments split like a shell)
  @stdin NAME         feed file NAME to the run's (and each setup's) standard input
  @exit N             the expected exit status (default 0)
  @stdout             the following lines are the exact standard output
  @stdout-has         each following line must appear in standard output
  @stdout-lacks       no following line may appear in standard output
  @stderr-has         each following line must appear in standard error
  @json               each following line is a Python expression that must
                      be true of `d`, the parsed standard output
  @file-has NAME      each following line must appear in file NAME
  @file-exists NAME   file NAME was written (an .xlsx must be a workbook)

Each case runs in a fresh directory with its own database (JOSPAR_DB: a
file there, or a fresh PostgreSQL database under tests/with-postgres.sh);
'$DIR' in arguments stands for that directory.  Prints one line a case and
ends with 'N passed, N failed'.
"""
import json, os, shlex, subprocess, sys, tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "server"))
from lib import fresh_db  # noqa: E402  (a file, or a PostgreSQL database)

def parse(path):
    case = {"files": {}, "env": {}, "setup": [], "run": None, "stdin": None,
            "exit": 0, "checks": []}
    section, name, buf = None, None, []

    def flush():
        if section is None:
            return
        text = "".join(buf)
        if section == "file":
            case["files"][name] = case["files"].get(name, "") + text
        elif section in ("stdout", "stdout-has", "stdout-lacks", "stderr-has", "json", "file-has"):
            case["checks"].append((section, name, text))

    for line in open(path, encoding="utf-8"):
        if line.startswith("@"):
            flush()
            section, buf = None, []
            kw, _, rest = line[1:].rstrip("\n").partition(" ")
            if kw == "lines":
                # @lines NAME N TEMPLATE: N lines appended to file NAME, {n} = 1..N
                fname, count, tmpl = rest.split(" ", 2)
                case["files"][fname] = case["files"].get(fname, "") + "".join(
                    tmpl.replace("{n}", str(i)) + "\n" for i in range(1, int(count) + 1))
                continue
            if kw == "file-exists":
                case["checks"].append(("file-exists", rest.strip(), ""))
                continue
            if kw == "file" or kw == "file-has":
                section, name = kw, rest.strip()
            elif kw in ("stdout", "stdout-has", "stdout-lacks", "stderr-has", "json"):
                section, name = kw, None
            elif kw == "env":
                k, _, v = rest.partition("=")
                case["env"][k] = v
            elif kw == "setup":
                case["setup"].append((True, shlex.split(rest)))
            elif kw == "setup-fails":
                case["setup"].append((False, shlex.split(rest)))
            elif kw == "run":
                case["run"] = shlex.split(rest)
            elif kw == "stdin":
                case["stdin"] = rest.strip()
            elif kw == "exit":
                case["exit"] = int(rest)
            elif kw == "end":
                pass
            else:
                raise SystemExit(f"{path}: unknown section '@{kw}'")
        elif section is not None:
            buf.append(line)
        elif not line.startswith("#") and line.strip():
            raise SystemExit(f"{path}: text outside a section: {line!r}")
    flush()
    if case["run"] is None:
        raise SystemExit(f"{path}: no @run")
    return case

def run_case(binary, path):
    case = parse(path)
    with tempfile.TemporaryDirectory(prefix="jospar-cli-") as d:
        env = dict(os.environ)
        env.pop("JOSPAR_PLAN", None)
        env.update({"JOSPAR_DB": fresh_db(d), "HOME": d,
                    "SOURCE_DATE_EPOCH": "1400000000"})
        env.update({k: v.replace("$DIR", d) for k, v in case["env"].items()})
        for name, text in case["files"].items():
            with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                f.write(text)
        sub = lambda args: [a.replace("$DIR", d) for a in args]
        for must_pass, args in case["setup"]:
            # setups read the @stdin file too (a password for 'user add')
            feed = open(os.path.join(d, case["stdin"]), "rb").read() if case["stdin"] else b""
            p = subprocess.run([binary] + sub(args), cwd=d, env=env, capture_output=True,
                               input=feed)
            if (p.returncode == 0) != must_pass:
                return f"setup '{' '.join(args)}' exited {p.returncode}: {p.stderr.decode(errors='replace')}"
        stdin = open(os.path.join(d, case["stdin"]), "rb") if case["stdin"] else subprocess.DEVNULL
        p = subprocess.run([binary] + sub(case["run"]), cwd=d, env=env, stdin=stdin,
                           capture_output=True, timeout=120)
        out = p.stdout.decode("utf-8", errors="replace")
        err = p.stderr.decode("utf-8", errors="replace")
        if p.returncode != case["exit"]:
            return f"exit {p.returncode}, expected {case['exit']}\nstderr: {err}"
        if case["exit"] != 0 and not err.startswith("jospar: "):
            return f"an error must be one line 'jospar: ...' on stderr, got {err!r}"
        for kind, name, text in case["checks"]:
            if kind == "stdout" and out != text:
                return f"stdout differs:\n--- expected\n{text}--- got\n{out}"
            lines = [l for l in text.splitlines() if l.strip()]
            if kind == "stdout-has":
                for l in lines:
                    if l not in out:
                        return f"stdout lacks {l!r}\n--- got\n{out}"
            if kind == "stdout-lacks":
                for l in lines:
                    if l in out:
                        return f"stdout has {l!r}"
            if kind == "stderr-has":
                for l in lines:
                    if l not in err:
                        return f"stderr lacks {l!r}\n--- got\n{err}"
            if kind == "file-exists":
                fp = os.path.join(d, name)
                if not os.path.exists(fp) or os.path.getsize(fp) == 0:
                    return f"file {name} was not written"
                if name.endswith(".xlsx"):
                    import zipfile
                    z = zipfile.ZipFile(fp)
                    if "xl/workbook.xml" not in z.namelist():
                        return f"{name} is not an XLSX workbook"
            if kind == "file-has":
                content = open(os.path.join(d, name), encoding="utf-8").read()
                for l in lines:
                    if l not in content:
                        return f"file {name} lacks {l!r}"
            if kind == "json":
                try:
                    data = json.loads(out)
                except ValueError as e:
                    return f"stdout is not JSON: {e}"
                for l in lines:
                    try:
                        ok = eval(l, {"d": data, "len": len, "all": all, "any": any,
                                      "set": set, "sorted": sorted, "sum": sum})
                    except Exception as e:  # noqa: BLE001
                        return f"json check {l!r} raised {e!r}"
                    if not ok:
                        return f"json check failed: {l}"
    return None

def main(argv):
    binary, cases_dir = os.path.abspath(argv[1]), argv[2]
    names = argv[3:] or sorted(f for f in os.listdir(cases_dir) if f.endswith(".t"))
    passed = failed = 0
    for name in names:
        problem = run_case(binary, os.path.join(cases_dir, name))
        if problem:
            failed += 1
            print(f"FAIL {name}: {problem}")
        else:
            passed += 1
            print(f"ok   {name}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv))
