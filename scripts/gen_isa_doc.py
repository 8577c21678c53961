#!/usr/bin/env python3
"""Generates docs/isa.md from src/ir/ops.def, the one table of NKI IR instructions.

    python3 scripts/gen_isa_doc.py            rewrite docs/isa.md
    python3 scripts/gen_isa_doc.py --check    exit 1 when docs/isa.md differs from ops.def

Each OP(name, engines, "operands", "attributes", cost, "summary") entry becomes one table row; a `// ----` comment
line before a group of entries becomes a section heading; other comments are left out.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OPS_DEF = ROOT / "src" / "ir" / "ops.def"
ISA_MD = ROOT / "docs" / "isa.md"

ENGINES = {"ENG_TENSOR": "Tensor", "ENG_VECTOR": "Vector", "ENG_SCALAR": "Scalar",
           "ENG_GPSIMD": "GpSimd", "ENG_SYNC": "Sync", "ENG_DMA": "DMA", "ENG_NONE": "-"}

HEADER = """\
# Instruction set

Generated from `src/ir/ops.def` by `scripts/gen_isa_doc.py`; do not edit by hand (a test fails
when this page and ops.def disagree). Each instruction is `nki.isa.<name>` in a kernel and
`<name>` in the IR text. Engines: those that may execute it (where a kernel leaves `engine=`
open, the compiler picks one; the verifier checks the choice per target generation). Operands:
the IR operands in order, with the buffers each may live in ("or a number": an immediate may
stand for it; `?`: optional; *written*: the instruction writes it, every other operand is only
read). Attributes: in the order the IR text
prints them, with their type (`alu`: an ALU operator, `act`: an activation function, `cmd`: a
`reduce_cmd`, `ints`: a list of integers, or the allowed words) and the default an absent one
means (`?`: may be absent, with no default; neither: always present). Cost: the class the
timing model prices it by ([performance.md](performance.md#the-model), `CostClass` in
`src/ir/ops.h`; its constants are `nki arch` values).
See [language.md](language.md) for the calls' arguments and the random-number generators.
"""

OP_RE = re.compile(r'OP\(\s*(\w+)\s*,\s*([^,]+?)\s*,\s*"([^"]*)"\s*,\s*"([^"]*)"\s*,\s*(\w+)\s*,\s*"((?:[^"\\]|\\.)*)"\s*\)',
                   re.S)


def parse(text):
    """(section, name, engines, operands, attributes, cost, summary) per entry, in file order."""
    entries, section = [], "Core instructions"
    heading = re.compile(r"^//\s*-{3,}\s*(.*?)\s*-*\s*$", re.M)
    marks = [(m.start(), m.group(1)) for m in heading.finditer(text)]
    for m in OP_RE.finditer(text):
        while marks and marks[0][0] < m.start():
            section = marks.pop(0)[1]
        engines = ", ".join(ENGINES.get(e.strip(), e.strip()) for e in m.group(2).split("|"))
        entries.append((section, m.group(1), engines, m.group(3), m.group(4), m.group(5), m.group(6)))
    return entries


def operands_cell(spec):
    cells = []
    for role in spec.split():
        written = role.startswith(">")
        name, _, bufs = role.lstrip(">").partition(":")
        opt = name.endswith("?") or bufs.endswith("?")
        name, bufs = name.rstrip("?"), bufs.rstrip("?")
        bufs = bufs.replace("|imm", " or a number")
        where = bufs.replace("|", "/") + (", written" if written else "") if bufs else ("written" if written else "")
        text = f"`{name}{'?' if opt else ''}`" + (f" ({where})" if where else "")
        cells.append(text)
    return ", ".join(cells) if cells else "-"


def attributes_cell(spec):
    cells = []
    for attr in spec.split():
        name, _, kind = attr.partition(":")
        kind, eq, default = kind.partition("=")
        optional = kind.endswith("?")
        kind = kind.rstrip("?").replace("|", " \\| ")
        cells.append(f"`{name}{'?' if optional else ''}` ({kind}{' = ' + default if eq else ''})")
    return ", ".join(cells) if cells else "-"


def render(entries):
    out = [HEADER.rstrip("\n")]
    section = None
    for sec, name, engines, operands, attributes, cost, summary in entries:
        if sec != section:
            section = sec
            out.append(f"\n## {sec}\n\n| Instruction | Engines | Operands | Attributes | Cost | Summary |\n"
                       "|---|---|---|---|---|---|")
        summary = summary.replace("|", "\\|")
        out.append(f"| `{name}` | {engines} | {operands_cell(operands)} | {attributes_cell(attributes)} | {cost} "
                   f"| {summary} |")
    return "\n".join(out) + "\n"


def main(argv):
    text = render(parse(OPS_DEF.read_text()))
    if "--check" in argv:
        if not ISA_MD.exists() or ISA_MD.read_text() != text:
            print(f"{ISA_MD.relative_to(ROOT)} is out of date with src/ir/ops.def; "
                  "run: python3 scripts/gen_isa_doc.py", file=sys.stderr)
            return 1
        return 0
    ISA_MD.write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
