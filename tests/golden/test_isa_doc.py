"""docs/isa.md is generated from src/ir/ops.def (scripts/gen_isa_doc.py); this fails when an
instruction was added or changed in ops.def without regenerating the page."""

import os
import subprocess
import sys
from pathlib import Path

SOURCE_DIR = Path(os.environ.get("NKI_SOURCE_DIR") or Path(__file__).resolve().parent.parent.parent)


def test_isa_md_matches_ops_def():
    proc = subprocess.run([sys.executable, str(SOURCE_DIR / "scripts" / "gen_isa_doc.py"), "--check"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_every_instruction_has_a_row():
    text = (SOURCE_DIR / "docs" / "isa.md").read_text()
    ops = (SOURCE_DIR / "src" / "ir" / "ops.def").read_text()
    import re
    names = re.findall(r"^OP\(\s*(\w+)", ops, re.M)
    assert len(names) > 30
    for name in names:
        assert f"| `{name}` |" in text, name
