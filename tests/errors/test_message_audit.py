"""The specializer's and the simulator's messages (scripts/audit_messages.py): every message is
quoted by a test, or listed in scripts/untested_messages.txt; a new message without a test fails
here, and so does a listed one that has since got its test (the line is stale)."""

import os
import subprocess
import sys
from pathlib import Path

SOURCE_DIR = Path(os.environ.get("NKI_SOURCE_DIR", Path(__file__).resolve().parents[2]))
SCRIPT = SOURCE_DIR / "scripts" / "audit_messages.py"


def test_every_message_is_tested_or_listed():
    proc = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_the_audit_finds_messages_of_both_layers():
    proc = subprocess.run([sys.executable, str(SCRIPT), "--summary"], capture_output=True, text=True, check=True)
    counts = {line.split(":")[0]: int(line.split()[1]) for line in proc.stdout.splitlines()
              if line.startswith(("lang:", "sim:"))}
    assert counts["lang"] > 200 and counts["sim"] > 40, proc.stdout
