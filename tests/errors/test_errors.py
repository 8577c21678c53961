"""Error-message tests: each kernel file in tests/errors/ must make the `nki` command fail with
a precise diagnostic.

Directives (see tests/nki_testing.py):
    # RUN: <check|run|compile> <fn> [--arg NAME=SPEC ...]   the command (cwd = tests/errors)
    # EXPECT: <text>    stderr contains this text; several EXPECTs must appear in this order
    # LOC: <line>:<col> the first stderr line starts with `<file>:<line>:<col>: error:`
    # EXIT: <n>         the expected exit code (default 1, a user error)
    # CARET: no         no source line and caret expected (errors without a source location,
                        e.g. a bad --arg); otherwise exit code 1 requires a caret line
Whatever the error, nki must not crash or report an internal error.
"""

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import nki_testing  # noqa: E402

HERE = Path(__file__).resolve().parent
INPUTS = nki_testing.input_files(HERE)
FORBIDDEN = ("internal error", "Segmentation", "terminate called", "Traceback", "Aborted")
CARET_LINE = re.compile(r"^\s*\^[~^]*\s*$", re.MULTILINE)


def single(directives, name, path):
    values = directives.get(name, [])
    if len(values) > 1:
        pytest.fail(f"{path.name}: more than one `# {name}:` directive")
    return values[0] if values else None


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_error(path, tmp_path):
    directives = nki_testing.read_directives(path)
    expects = directives.get("EXPECT", [])
    assert expects, f"{path.name}: an error test needs at least one `# EXPECT:` line"
    exit_code = int(single(directives, "EXIT", path) or 1)
    loc = single(directives, "LOC", path)
    caret = (single(directives, "CARET", path) or "yes").lower() != "no"

    argv = nki_testing.command(path, directives, out_dir=tmp_path)
    proc = nki_testing.run_nki(argv, cwd=HERE)
    report = nki_testing.describe(argv, proc)

    for bad in FORBIDDEN:
        assert bad not in proc.stderr, f"nki reported {bad!r}\n{report}"
    assert proc.returncode == exit_code, f"expected exit code {exit_code}\n{report}"

    at = 0
    for text in expects:
        found = proc.stderr.find(text, at)
        assert found >= 0, f"stderr lacks (in order) {text!r}\n{report}"
        at = found + len(text)

    if loc is not None:
        prefix = f"{path.name}:{loc}: error:"
        first = proc.stderr.splitlines()[0] if proc.stderr else ""
        assert first.startswith(prefix), f"first stderr line should start with {prefix!r}\n{report}"
    if caret and exit_code == 1:
        assert CARET_LINE.search(proc.stderr), f"stderr has no caret line\n{report}"
