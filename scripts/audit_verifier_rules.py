#!/usr/bin/env python3
"""Audits that every user-facing verifier message has an error test in tests/errors/.

    python3 scripts/audit_verifier_rules.py          list every rule and the test covering it
    python3 scripts/audit_verifier_rules.py --check  exit 1 when a rule has no test (CI)

Rules: every `fail(...)` / `c.fail(...)` call in src/passes/verify*.cpp and
src/passes/verify_checker.h. A call's message is its format string (the literal after
`fmt::format(`; both branches of a `cond ? fmt::format(A) : fmt::format(B)` are rules), or, for a
plain `"a" + x + "b"` argument, the literals with `{}` for what is added between them. A message
built in a shared helper (same_tile, dtype_in, elems_per_partition, ...) is one rule, however many
instructions use the helper.

Matching: a message's literal fragments (the text between `{}` placeholders) must appear, in
order, in one `# EXPECT:` line of a tests/errors/*.py kernel (the EXPECT may hold more). A
message in an instruction's check method (check_<op>, or those in METHOD_OPS) must follow that
instruction's "<op>: " prefix, so the same wording in two instructions needs a test for each. A message whose EXPECTs only quote part of it is also covered when the
EXPECT contains the message's longest fragment and that fragment belongs to no other message.
A weak message (under 15 letters of literal text, e.g. dtype_in's "{} is {}; it must be {}") must
match a whole EXPECT after its "<op>: " prefix, each placeholder but the last standing for one
word, and a weak shared-helper message only counts EXPECTs that no other rule accounts for.
A helper's `why` parameter is expanded to the texts its callers pass.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "src" / "passes").glob("verify*.cpp")) + [ROOT / "src" / "passes" / "verify_checker.h"]
ERRORS = ROOT / "tests" / "errors"

# Messages no kernel can reach (their exact templates, as listed), each with the reason.
ALLOWED = {
    # check_operand: every IR operand role that is not optional is filled by the language
    # bindings (a missing Python argument is a TypeError before any IR exists).
    "missing operand {}": "the bindings always pass required operands",
    # check_operand: nl.ndarray caps an on-chip tensor's partition dimension at the target's
    # num_partitions (nl.tile_size.pmax, also under --arch-set), and slices, .ap() patterns (which
    # stay inside the tensor's elements), reshape (which keeps the partition dimension) and
    # address= placements (checked against the buffer) never reach beyond the tensor's partitions.
    "{} covers {} partitions; the maximum is {}": "no access can cover more partitions than its tensor has",
    "{} covers partitions {}..{}, past the last partition {}":
        "no access can reach past its tensor's partitions (see above)",
    # check_nc_transpose: on the Tensor Engine dst is [F,P]; an F above num_partitions fails dst's
    # partition count (nl.ndarray) or the dst-shape rule before this one.
    "data has {} elements per partition; the maximum is {}":
        "dst's shape rules fail first",
}

LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')
PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def unescape(s):
    return s.replace('\\"', '"').replace("\\\\", "\\").replace("\\n", "\n")


def call_args(text, open_paren):
    """The text between the parenthesis at `open_paren` and its match (string-literal aware)."""
    depth, i = 0, open_paren
    while i < len(text):
        c = text[i]
        if c == '"':
            i = LITERAL.match(text, i).end()
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return text[open_paren + 1:i]
        i += 1
    raise ValueError("unbalanced parenthesis")


def literal_groups(text):
    """[(start, end, joined text)] of adjacent string literals (C concatenation)."""
    groups = []
    for m in LITERAL.finditer(text):
        if groups and text[groups[-1][1]:m.start()].strip() == "":
            s, _, t = groups[-1]
            groups[-1] = (s, m.end(), t + unescape(m.group(1)))
        else:
            groups.append((m.start(), m.end(), unescape(m.group(1))))
    return groups


def messages_of(args):
    """The message templates ('{}' for run-time parts) of one fail(...) argument."""
    groups = literal_groups(args)
    formats = [m.end() for m in re.finditer(r"fmt::format\(\s*", args)]
    if formats:
        return [PLACEHOLDER.sub("{}", t) for s, _, t in groups if s in formats]
    # "a" + x + "b": literals joined by the run-time parts between them.
    parts, pos = [], 0
    for s, e, t in groups:
        if args[pos:s].strip(" \n+"):
            parts.append("{}")
        parts.append(t)
        pos = e
    if args[pos:].strip(" \n+"):
        parts.append("{}")
    return ["".join(parts)] if groups else []


# check_* methods whose name is not "check_" + the opcode they check.
METHOD_OPS = {
    "check_dma_modes": ("dma_copy",),
    "check_affine": ("iota", "affine_select"),
    "generator_state": ("rand_set_state", "rand_get_state"),
}


def opcodes():
    return set(re.findall(r"^OP\((\w+)", (ROOT / "src" / "ir" / "ops.def").read_text(), re.MULTILINE))


def rules():
    """[(message template, 'file:line', ops)] of every fail(...) call. `ops`: the instructions
    whose check method holds the call (their EXPECTs start "<op>: "), or None for shared helpers
    and the generic operand rules, which any instruction's test may cover."""
    found = []
    known = opcodes()
    whys = why_completions()
    for path in SOURCES:
        text = path.read_text()
        methods = [(m.start(), m.group(1)) for m in
                   re.finditer(r"^void Checker::(\w+)\(", text, re.MULTILINE)]
        for m in re.finditer(r"(?<![\w:])(?:c\.)?fail\(", text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            if "//" in text[line_start:m.start()]:
                continue  # a comment
            if re.search(r"void\s+$", text[max(0, m.start() - 20):m.start()]):
                continue  # the declaration of fail itself
            args = call_args(text, m.end() - 1)
            line = text.count("\n", 0, m.start()) + 1
            method = next((name for at, name in reversed(methods) if at < m.start()), None)
            ops = METHOD_OPS.get(method)
            if ops is None and method and method.startswith("check_") and method[6:] in known:
                ops = (method[6:],)
            # A helper's `why` placeholder stands for the texts its callers pass.
            why_slot = None
            if method in whys:
                fmt_args = split_args(args[args.find("fmt::format(") + len("fmt::format("):].rsplit(")", 1)[0])
                if "why" in fmt_args:
                    why_slot = fmt_args.index("why") - 1
            for msg in messages_of(args):
                variants = [msg]
                if why_slot is not None:
                    pieces = PLACEHOLDER.split(msg)
                    variants = ["".join(pieces[j] + (w if j == why_slot else "{}") for j in range(why_slot + 1)) +
                                "{}".join(pieces[why_slot + 1:]) for w in whys[method]]
                found.append((msg, f"{path.relative_to(ROOT)}:{line}", ops, variants))
    return found


def split_args(args):
    """The top-level comma-separated arguments of a call's argument text."""
    out, depth, cur, i = [], 0, "", 0
    while i < len(args):
        c = args[i]
        if c == '"':
            end = LITERAL.match(args, i).end()
            cur += args[i:end]
            i = end
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        if c == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += c
        i += 1
    out.append(cur.strip())
    return out


def why_completions():
    """{helper method: [messages]}: the `why` texts that callers pass to the helpers taking a
    `const std::string& why` (integer_dtypes, engine_in, elems_per_partition, ...)."""
    header = (ROOT / "src" / "passes" / "verify_checker.h").read_text()
    helpers = {}
    for m in re.finditer(r"void (\w+)\(([^)]*)\) const;", header):
        params = [a.strip() for a in m.group(2).split(",")]
        for k, a in enumerate(params):
            if a.endswith("std::string& why"):
                helpers[m.group(1)] = k
    out = {h: [] for h in helpers}
    for path in SOURCES:
        text = path.read_text()
        for h, k in helpers.items():
            for m in re.finditer(r"(?<![\w.>:])" + h + r"\(", text):
                if re.search(r"void\s+(Checker::)?$", text[max(0, m.start() - 30):m.start()]):
                    continue
                args = split_args(call_args(text, m.end() - 1))
                if len(args) > k:
                    out[h] += messages_of(args[k])
    return out


def fragments(msg):
    return [f for f in PLACEHOLDER.split(msg) if f.strip()]


def expects():
    """[(file name, EXPECT text)] of every error test."""
    out = []
    for p in sorted(ERRORS.glob("*.py")):
        for line in p.read_text().splitlines():
            if line.startswith("# EXPECT:"):
                out.append((p.name, line[len("# EXPECT:"):].strip()))
    return out


def weak(msg):
    """Too little literal text to recognise in a longer line (e.g. "{} is {}; it must be {}")."""
    return len(re.sub(r"\W", "", "".join(fragments(msg)))) < 15


OPCODES = None


def covers(msg, ops, expect):
    """Whether `expect` quotes the verifier message `msg` of one of `ops` (None: any instruction).
    Verifier messages read "<op>: ..."; "nisa.<op>(): ..." EXPECTs are the bindings' own errors."""
    global OPCODES
    if OPCODES is None:
        OPCODES = sorted(opcodes(), key=len, reverse=True)
    if weak(msg):
        # The whole EXPECT after its "<op>: " prefix, each placeholder but the last one word.
        parts = PLACEHOLDER.split(msg)
        pattern = "".join(re.escape(p) + (r"\S+" if j < len(parts) - 2 else ".+") for j, p in enumerate(parts[:-1]))
        pattern = pattern + re.escape(parts[-1]) + "$"
    else:
        pattern = ".*?".join(re.escape(f) for f in fragments(msg))
    prefix = r"(?:^|[\s:])(?:" + "|".join(ops or OPCODES) + "): "
    return re.search(prefix + ("" if weak(msg) else ".*?") + pattern, expect) is not None


def audit():
    """[(message, where, test or None, allowed reason or None)]."""
    all_rules = rules()
    all_expects = expects()
    result = []
    def specific(e, me):  # an EXPECT that another instruction's own or well-worded rule accounts for
        return any(covers(v, ops, e) for k, (_, _, ops, vs) in enumerate(all_rules) if k != me
                   for v in vs if ops or not weak(v))
    for me, (msg, where, ops, variants) in enumerate(all_rules):
        test = None
        for v in variants:
            usable = all_expects
            if not ops and weak(v):
                usable = [(name, e) for name, e in all_expects if not specific(e, me)]
            test = test or next((name for name, e in usable if covers(v, ops, e)), None)
        if test is None:
            key = max(fragments(msg), key=len)
            unique = sum(1 for m, *_ in all_rules if key in m) == 1
            if unique and len(key) >= 20:
                test = next((name for name, e in all_expects if covers(key, ops, e)), None)
        reason = ALLOWED.get(msg)
        result.append((msg, where, test, reason))
    return result


def main(argv):
    check = "--check" in argv
    result = audit()
    missing = [r for r in result if r[2] is None and r[3] is None]
    stale = [m for m in ALLOWED if not any(m == msg for msg, *_ in result)]
    if not check:
        for msg, where, test, reason in result:
            status = test or (f"allowed: {reason}" if reason else "MISSING")
            print(f"{where}: {msg}\n    -> {status}")
    covered = sum(1 for r in result if r[2])
    print(f"{len(result)} verifier messages: {covered} tested, "
          f"{sum(1 for r in result if r[2] is None and r[3])} allowed as unreachable, {len(missing)} missing")
    for msg, where, _, _ in missing:
        print(f"MISSING {where}: {msg}")
    for frag in stale:
        print(f"STALE allow-list entry (no such message): {frag!r}")
    return 1 if (missing or stale) and check else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
