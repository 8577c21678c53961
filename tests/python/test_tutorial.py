"""docs/tutorial.md is run as written: its fenced blocks, in order, in a fresh folder. A block
```python file=NAME.py is written to NAME.py; a plain ```python block runs in one Python session
shared by all of them; a ```sh block runs in bash (-e, pipefail) with the built `nki` command
first on the PATH. Other blocks (```text) are only shown. When the tutorial drifts from what nki
does, this fails and names the block's line."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SOURCE_DIR = Path(os.environ.get("NKI_SOURCE_DIR") or HERE.parent.parent)
sys.path.insert(0, str(SOURCE_DIR / "python"))
TUTORIAL = SOURCE_DIR / "docs" / "tutorial.md"
FENCE = re.compile(r"^```(\S*)(.*)$")


def blocks(path):
    """[(line, language, attributes, text)] of the fenced blocks of a Markdown file."""
    out, current = [], None
    for number, line in enumerate(path.read_text().splitlines(), 1):
        m = FENCE.match(line)
        if current is None and m:
            attrs = dict(a.split("=", 1) for a in m.group(2).split() if "=" in a)
            current = (number + 1, m.group(1), attrs, [])
        elif current is not None and line.startswith("```"):
            out.append((current[0], current[1], current[2], "\n".join(current[3]) + "\n"))
            current = None
        elif current is not None:
            current[3].append(line)
    assert current is None, f"{path}: unclosed code block at line {current[0] - 1}"
    return out


def test_tutorial_blocks_are_known_kinds():
    kinds = {(lang, tuple(sorted(attrs))) for _, lang, attrs, _ in blocks(TUTORIAL)}
    assert kinds <= {("python", ()), ("python", ("file",)), ("sh", ()), ("text", ())}, kinds


def test_tutorial_runs(tmp_path, monkeypatch, capsys):
    nki_bin = Path(os.environ.get("NKI_BIN") or SOURCE_DIR / "build" / "nki")
    if not nki_bin.exists():
        pytest.skip("the nki command is not built (make build)")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "nki").symlink_to(nki_bin)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.syspath_prepend(str(work))
    monkeypatch.delenv("NEURON_PLATFORM_TARGET_OVERRIDE", raising=False)
    env = dict(os.environ, PATH=f"{bin_dir}:/usr/bin:/bin")
    session = {"__name__": "__tutorial__"}
    ran = {"python": 0, "sh": 0, "file": 0}
    for line, lang, attrs, text in blocks(TUTORIAL):
        where = f"docs/tutorial.md:{line}"
        if lang == "python" and "file" in attrs:
            (work / attrs["file"]).write_text(text)
            ran["file"] += 1
        elif lang == "python":
            exec(compile(text, where, "exec"), session)  # noqa: S102 (the tutorial's own code)
            ran["python"] += 1
        elif lang == "sh":
            proc = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", text], cwd=work, env=env,
                                  capture_output=True, text=True, timeout=300)
            assert proc.returncode == 0, f"{where}: exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
            assert proc.stdout.strip(), f"{where}: printed nothing"
            ran["sh"] += 1
    assert ran["python"] >= 5 and ran["sh"] >= 3 and ran["file"] >= 3, ran
    out = capsys.readouterr().out
    assert "estimated device time:" in out and "v1 " in out and "-> v3 " in out
    assert (work / "v1.json").stat().st_size > 0 and (work / "v3.json").stat().st_size > 0
