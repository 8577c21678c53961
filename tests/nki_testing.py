"""Helpers shared by nki's pytest suites: locating the `nki` command, and the directive comments
that golden and error test inputs carry.

A test input is an NKI kernel file whose comment lines hold directives, `# NAME: value`:

    # RUN: compile add --arg a=random:256x512:float32 --arg b=random:256x512:float32
    # EXPECT: tensor_tensor: src covers 128 partitions, dst 64
    # LOC: 12:5
    # EXIT: 1
    # CARET: no

RUN gives the `nki` subcommand, then the kernel function, then the arguments; the harness makes
`nki <cmd> <file>:<fn> <args...>` (a function written as FILE:FN is used as is, to name another
file). Several RUN lines are joined into one command. Files without a RUN line are not tests
(helper modules that kernels import may sit beside them).
"""

import os
import re
import shlex
import subprocess
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("NKI_SOURCE_DIR") or Path(__file__).resolve().parent.parent)

# Subcommands whose first operand is FILE:FN.
KERNEL_COMMANDS = ("run", "compile", "check", "profile")

_DIRECTIVE = re.compile(r"^\s*#\s*([A-Z][A-Z_-]*):(.*)$")


def nki_bin():
    """The `nki` executable: $NKI_BIN (set by ctest), else build/nki; skips if neither exists."""
    path = os.environ.get("NKI_BIN")
    if path:
        if not os.path.isfile(path):
            pytest.fail(f"NKI_BIN={path} does not exist")
        return path
    default = SOURCE_DIR / "build" / "nki"
    if not default.is_file():
        pytest.skip("the nki command is not built (run `make build`, or set NKI_BIN)")
    return str(default)


def read_directives(path):
    """{NAME: [value, ...]} for every `# NAME: value` comment line of `path`, in file order."""
    found = {}
    for line in Path(path).read_text().splitlines():
        m = _DIRECTIVE.match(line)
        if m:
            found.setdefault(m.group(1), []).append(m.group(2).strip())
    return found


def input_files(folder):
    """The kernel files of `folder` that carry a RUN directive, sorted by name."""
    files = []
    for p in sorted(Path(folder).glob("*.py")):
        if p.name.startswith("test_") or p.name == "conftest.py":
            continue
        if "RUN" in read_directives(p):
            files.append(p)
    return files


def command(path, directives, out_dir=None):
    """The argv (without the nki executable) that the RUN lines of `path` describe.

    `run` commands get `--out out_dir` unless they give their own."""
    tokens = []
    for line in directives.get("RUN", []):
        tokens += shlex.split(line)
    if not tokens:
        raise ValueError(f"{path}: no `# RUN:` directive")
    cmd, rest = tokens[0], tokens[1:]
    if cmd in KERNEL_COMMANDS:
        if not rest or rest[0].startswith("-"):
            raise ValueError(f"{path}: `# RUN: {cmd}` must name the kernel function first")
        target = rest[0] if ":" in rest[0] else f"{Path(path).name}:{rest[0]}"
        rest = [target] + rest[1:]
        if cmd == "run" and out_dir is not None and "--out" not in rest:
            rest += ["--out", str(out_dir)]
    return [cmd] + rest


def run_nki(argv, cwd, timeout=120):
    """Runs `nki argv...` in `cwd`; returns the CompletedProcess (text mode)."""
    return subprocess.run([nki_bin()] + list(argv), cwd=cwd, capture_output=True, text=True,
                          timeout=timeout)


def describe(argv, proc):
    """A failure message showing the command and everything it printed."""
    return (f"command: nki {shlex.join(argv)}\nexit code: {proc.returncode}\n"
            f"--- stdout ---\n{proc.stdout}--- stderr ---\n{proc.stderr}")
