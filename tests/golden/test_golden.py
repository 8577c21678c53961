"""Golden IR tests: each kernel file in tests/golden/ is compiled by the `nki` command and its
stdout compared, exactly, with the sibling .ir file.

An input starts with `# RUN: compile <fn> --arg NAME=SPEC ...` (see tests/nki_testing.py); the
harness runs `nki compile <file>:<fn> <args> --emit ir` with cwd = tests/golden, so the paths in
the output are the bare file name. To accept new output, run with NKI_UPDATE_GOLDEN=1: the .ir
files are rewritten instead of compared.
"""

import difflib
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import nki_testing  # noqa: E402

HERE = Path(__file__).resolve().parent
INPUTS = nki_testing.input_files(HERE)
UPDATE = os.environ.get("NKI_UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_golden(path):
    argv = nki_testing.command(path, nki_testing.read_directives(path))
    if argv[0] == "compile" and "--emit" not in argv:
        argv += ["--emit", "ir"]
    proc = nki_testing.run_nki(argv, cwd=HERE)
    assert proc.returncode == 0, nki_testing.describe(argv, proc)

    expected_path = path.with_suffix(".ir")
    if UPDATE:
        expected_path.write_text(proc.stdout)
        return
    if not expected_path.exists():
        pytest.fail(f"{expected_path.name} is missing; create it with NKI_UPDATE_GOLDEN=1")
    expected = expected_path.read_text()
    if proc.stdout != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), proc.stdout.splitlines(True),
                                            fromfile=expected_path.name, tofile="nki output"))
        pytest.fail(f"output differs from {expected_path.name} "
                    f"(NKI_UPDATE_GOLDEN=1 accepts it):\n{diff}")
