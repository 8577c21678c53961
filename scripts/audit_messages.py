#!/usr/bin/env python3
"""Audits the user-facing messages of the specializer (src/lang: `in.fail(loc, ...)`, `fail(...)`)
and of the simulator (src/sim: `UserError(...)`) against the tests, as audit_verifier_rules.py
does for the verifier's.

    python3 scripts/audit_messages.py          list every message and the test quoting it
    python3 scripts/audit_messages.py --check  exit 1 for an untested message not in the baseline
    python3 scripts/audit_messages.py --summary          the counts only
    python3 scripts/audit_messages.py --write-baseline   rewrite untested_messages.txt (keeps reasons)

A message is its format string (as in audit_verifier_rules.py); it is tested when its literal
fragments appear, in order (or its longest fragment, for a test quoting the start of a long one), in one `# EXPECT:` line of tests/errors or in one line of a Python or
C++ test under tests/ (pytest `match=` strings, asserted texts, unit tests' expected messages). Messages with under 15 letters of
literal text are too weak to recognise and are counted apart. scripts/untested_messages.txt lists
the messages not tested yet, each with the reason it is not or "todo"; --check fails for an
untested message missing from it (so every new message lands with a test) and for a stale line.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import audit_verifier_rules as V  # noqa: E402

ROOT = V.ROOT
BASELINE = ROOT / "scripts" / "untested_messages.txt"
SCOPES = {
    "lang": (sorted((ROOT / "src" / "lang").glob("*.cpp")), re.compile(r"(?<![\w:])(?:in\.|in_\.|interp\.)?fail\(")),
    "sim": (sorted((ROOT / "src" / "sim").rglob("*.cpp")), re.compile(r"UserError\(")),
}


def messages(scope):
    """[(template, 'file:line')] of the scope's calls; a location argument comes first in fail()."""
    files, call = SCOPES[scope]
    out = []
    for path in files:
        text = path.read_text()
        for m in call.finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            if "//" in text[line_start:m.start()] or re.search(r"void\s+$", text[max(0, m.start() - 20):m.start()]):
                continue
            try:
                args = V.call_args(text, m.end() - 1)
            except (ValueError, AttributeError):
                continue
            parts = V.split_args(args)
            msg_arg = parts[-1] if scope == "lang" and len(parts) > 1 else args
            line = text.count("\n", 0, m.start()) + 1
            for msg in V.messages_of(msg_arg):
                if V.fragments(msg):
                    out.append((msg, f"{path.relative_to(ROOT)}:{line}"))
    return out


def test_lines():
    lines = [e for _, e in V.expects()]
    for p in sorted([*(ROOT / "tests").rglob("*.py"), *(ROOT / "tests" / "unit").rglob("*.cpp")]):
        if p.parent != V.ERRORS:
            lines += p.read_text(errors="replace").splitlines()
    return lines


def tested(msg, lines, all_msgs):
    """All fragments in order in one line; or, for a test quoting only the start of a long message,
    its longest fragment (20 characters or more, in no other message)."""
    pattern = re.compile(".*?".join(re.escape(f) for f in V.fragments(msg)))
    if any(pattern.search(line) for line in lines):
        return True
    key = max(V.fragments(msg), key=len)
    return len(key) >= 20 and sum(key in m for m in all_msgs) == 1 and any(key in line for line in lines)


def baseline():
    out = {}
    if BASELINE.exists():
        for line in BASELINE.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                where_msg, _, reason = line.partition("  # ")
                out[where_msg.strip()] = reason.strip()
    return out


def main(argv):
    lines = test_lines()
    known = baseline()
    found = [(scope, msg, where) for scope in SCOPES for msg, where in messages(scope)]
    all_msgs = [msg for _, msg, _ in found]
    rows = [(scope, msg, where, None if V.weak(msg) else tested(msg, lines, all_msgs)) for scope, msg, where in found]
    problems = []
    for scope, msg, _, ok in rows:
        if ok is False and msg not in known:
            problems.append(f"UNTESTED ({scope}), not in {BASELINE.name}: {msg}")
    present = {msg for _, msg, _, _ in rows}
    problems += [f"STALE line of {BASELINE.name} (no such untested message): {m}" for m in known
                 if m not in present or all(ok for _, msg, _, ok in rows if msg == m)]
    if "--write-baseline" in argv:
        untested = sorted({msg for _, msg, _, ok in rows if ok is False})
        BASELINE.write_text("# Messages of src/lang and src/sim no test quotes yet (scripts/audit_messages.py):\n"
                            "# each line: the message template, then '  # ' and why it is untested (todo: a\n"
                            "# test is owed).\n" + "".join(f"{m}  # {known.get(m, 'todo')}\n" for m in untested))
        return 0
    if "--check" not in argv and "--summary" not in argv:
        for scope, msg, where, ok in rows:
            print(f"{where}: {msg}\n    -> {'weak' if ok is None else 'tested' if ok else 'UNTESTED'}")
    for scope in SCOPES:
        mine = [r for r in rows if r[0] == scope]
        print(f"{scope}: {len(mine)} messages: {sum(1 for r in mine if r[3])} tested, "
              f"{sum(1 for r in mine if r[3] is False)} untested, {sum(1 for r in mine if r[3] is None)} too short to "
              f"recognise")
    for p in problems:
        print(p)
    return 1 if problems and "--check" in argv else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
