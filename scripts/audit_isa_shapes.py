#!/usr/bin/env python3
"""Lists, per instruction, the edge shapes the tests/isa suite runs it on (issue 4: 1 partition,
128 partitions, an odd free size, strided and broadcast access patterns).

    NKI_BIN=build/nki PYTHONPATH=python python3 scripts/audit_isa_shapes.py [pytest args...]

Runs the tests/isa suite (or the pytest arguments given) with every compiled kernel's IR text
recorded, then reads each instruction of the IR: the partition count of its widest on-chip
operand, the free sizes of its operands, and whether an operand's pattern steps by more than 1
(strided) or by 0 (broadcast) in a free dimension. A transpose's partition count is its data's. An instruction is listed with the cases no
test gives it. Kernels a test compiles but does not run count too (their instructions exist).
"""

import os
import re
import sys
from math import prod
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "python"))

import pytest  # noqa: E402

import nki  # noqa: E402

IRS = []
# Instructions that are not computations on tiles (allocation, registers, control, barriers).
SKIP = {"alloc", "register_move", "register_load", "register_store", "register_alu", "core_barrier", "sendrecv",
        "set_rng_seed", "rand_get_state", "rand_set_state", "loop_begin", "loop_end"}
TRANSPOSES = {"nc_transpose", "dma_transpose"}
CASES = ("1 partition", "128 partitions", "odd free size", "strided", "broadcast")



def operands(text):
    """[(name, index text)] of the `name[...]` operands in an instruction's text (nested brackets)."""
    out = []
    for m in re.finditer(r"(%?[\w.]+)\[", text):
        if out and m.start() < out[-1][2]:
            continue  # inside the previous operand's brackets
        depth, i = 1, m.end()
        while depth and i < len(text):
            depth += {"[": 1, "]": -1}.get(text[i], 0)
            i += 1
        out.append((m.group(1), text[m.end():i - 1], i))
    return [(name, index) for name, index, _ in out]


class Recorder:
    def pytest_configure(self, config):
        original = nki.Kernel._compiled

        def compiled(kernel, pos, kw):
            c = original(kernel, pos, kw)
            IRS.append(c.ir)
            return c

        nki.Kernel._compiled = compiled


def dims_of(index):
    """[(step, num)] of one operand's index text: slices "a:b[:s]" or a pattern "@off [s,n] ..."."""
    index = index.strip()
    if index.startswith("@"):  # element steps
        return "pattern", [(int(s), int(n)) for s, n in re.findall(r"\[(-?\d+),(\d+)\]", index)]
    dims = []
    for part in index.split(","):
        nums = [int(x) for x in part.split(":") if x.strip().lstrip("-").isdigit()]
        if len(nums) >= 2:
            step = nums[2] if len(nums) > 2 else 1
            dims.append((step, max(0, -(-(nums[1] - nums[0]) // step))))
        else:
            dims.append((1, 1))
    return "slice", dims  # steps per dimension


def instructions(ir):
    """(opcode, [(buffer, dims)]) per instruction line of one kernel's IR text."""
    buffers = {}
    header = ir.splitlines()[0]
    for name, buf in re.findall(r"(%?[\w.]+): (\w+) ", header):
        buffers[name if name.startswith("%") else name] = buf
    for line in ir.splitlines()[1:]:
        body = line.split(";")[0].strip()
        m = re.match(r"(%[\w.]+) = alloc (\w+)", body)
        if m:
            buffers[m.group(1)] = m.group(2)
            continue
        m = re.match(r"(\w+)\s+(.*)", body)
        if not m or m.group(1) in SKIP:
            continue
        ops = [(buffers.get(name, "?"), dims_of(index)) for name, index in operands(m.group(2))]
        yield m.group(1), ops


def cases_of(op, ops):
    on_chip = [d for b, (_, d) in ops if b in ("sbuf", "psum") and d]
    if op in TRANSPOSES and len(ops) > 1 and ops[1][1][1]:
        on_chip = [ops[1][1][1]]  # dst has the data's free size as partitions: count the data's
    found = set()
    if on_chip:
        widest = max(d[0][1] for d in on_chip)
        if widest == 1:
            found.add("1 partition")
        if widest == 128:
            found.add("128 partitions")
    for b, (kind, d) in ops:
        if not d or b not in ("sbuf", "psum"):
            continue
        free = d[1:]
        size = prod(n for _, n in free) if free else 1
        if size > 1 and size % 2 == 1:
            found.add("odd free size")
        if kind == "slice":
            if any(s > 1 and n > 1 for s, n in free):
                found.add("strided")
        else:  # contiguous: the last step 1, each other the element count of the dims after it
            if any(n > 1 and s not in (0, prod(m for _, m in free[i + 1:])) for i, (s, n) in enumerate(free)):
                found.add("strided")
        if kind == "pattern" and any(s == 0 and n > 1 for s, n in free):
            found.add("broadcast")
    return found


def main(args):
    args = args or [str(ROOT / "tests" / "isa")]
    os.environ.setdefault("NKI_SOURCE_DIR", str(ROOT))
    code = pytest.main(["-q", "-p", "no:cacheprovider"] + args, plugins=[Recorder()])
    seen = {}
    for ir in IRS:
        for op, ops in instructions(ir):
            seen.setdefault(op, set()).update(cases_of(op, ops))
    print(f"\n{len(IRS)} kernels compiled, {len(seen)} instructions")
    for op in sorted(seen):
        missing = [c for c in CASES if c not in seen[op]]
        print(f"{op:28} missing: {', '.join(missing) if missing else '-'}")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
