"""Every verifier message has an error test (scripts/audit_verifier_rules.py): a new fail(...) in
src/passes/verify*.cpp without a tests/errors kernel that quotes it fails here."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

SOURCE_DIR = Path(os.environ.get("NKI_SOURCE_DIR", Path(__file__).resolve().parents[2]))
SCRIPT = SOURCE_DIR / "scripts" / "audit_verifier_rules.py"

spec = importlib.util.spec_from_file_location("audit_verifier_rules", SCRIPT)
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)


def test_every_verifier_message_has_an_error_test():
    proc = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_audit_finds_the_rules():
    rules = {msg: ops for msg, _, ops, _ in audit.rules()}
    # A generic operand rule (any instruction), an instruction's own rule, a two-branch message.
    assert rules["the GpSimd engine cannot access PSUM ({} {} is in psum)"] is None
    assert rules["operands must be floating point, got {}"] == ("nc_matmul",)
    assert "stationary free size is {}; the column tile holds {} (tile_size[1])" in rules
    assert "stationary free size is {}; the maximum is {} (nl.tile_size.gemm_stationary_fmax)" in rules
    assert len(rules) > 100


def test_matching_rule():
    covers = audit.covers
    msg = "dst must be [{},{}] (data [{},{}] transposed), got {} partitions x {} elements"
    assert covers(msg, ("nc_transpose",), "nc_transpose: dst must be [32,64] (data [64,32] transposed), "
                  "got 64 partitions x 32 elements")
    # Another instruction's message with the same wording, and a binding's own "nisa.<op>():" error.
    assert not covers(msg, ("nc_transpose",), "dma_transpose: dst must be [32,64] (data [64,32] transposed), "
                      "got 64 partitions x 32 elements")
    assert not covers("{} is not an ALU operator", None, "nisa.tensor_tensor(): op=nl.exp is not an ALU operator")
    # A weak message must be the whole EXPECT, with one word per inner placeholder.
    weak = "{} is {}; it must be {}"
    assert audit.weak(weak)
    assert covers(weak, None, "nc_find_index8: dst is float32; it must be uint16 or uint32")
    assert not covers(weak, None, "dma_transpose: axes (0, 1) is not supported for a 2-D src; it must be (1, 0)")


def test_allow_list_entries_exist():
    messages = {msg for msg, *_ in audit.rules()}
    assert set(audit.ALLOWED) <= messages
