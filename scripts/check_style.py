#!/usr/bin/env python3
"""The style checks `make test` runs (ctest `style`):

1. format: every C++ file of the tree is as `.clang-format` formats it
   (fix: clang-format -i FILE);
2. size: no source file is longer than its budget (C++ 700 lines, Python 500): a file past it
   is split by what it holds, not trimmed;
3. naming: clang-tidy's readability-identifier-naming (`.clang-tidy`) on the C++ files of src/
   and python/ changed since REV (default HEAD~1, the last commit; every one with --tidy-all),
   as errors.

    python3 scripts/check_style.py --build build [--since REV | --tidy-all]
"""

import argparse
import json
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CPP = ("src", "python", "tests/unit", "bench")
NAMED = ("src", "python")  # the product's code; the unit tests' helpers are a notation of their own
BUDGET = {".cpp": 700, ".h": 700, ".py": 500}
BUDGET_DIRS = ("src", "python", "scripts", "kernels")


def tracked(suffixes, dirs):
    """Tracked files under `dirs` with one of `suffixes` (every such file without git)."""
    try:
        out = subprocess.run(["git", "ls-files", "--", *dirs], cwd=ROOT, check=True, capture_output=True,
                             text=True).stdout.split()
        files = [ROOT / f for f in out]
    except (OSError, subprocess.CalledProcessError):
        files = [f for d in dirs for f in (ROOT / d).rglob("*")]
    return sorted(f for f in files if f.suffix in suffixes and f.is_file())


def need(tool):
    path = shutil.which(tool)
    if not path:
        sys.exit(f"check_style: {tool} is not installed (scripts/install-deps.sh installs it)")
    return path


def check_format():
    clang_format = need("clang-format")
    files = tracked((".cpp", ".h"), CPP)
    bad = [f for f in files
           if subprocess.run([clang_format, "--dry-run", "-Werror", str(f)], capture_output=True).returncode]
    return [f"{f.relative_to(ROOT)}: not formatted (clang-format -i {f.relative_to(ROOT)})" for f in bad]


def check_size():
    problems = []
    for f in tracked(tuple(BUDGET), BUDGET_DIRS):
        n = sum(1 for _ in f.open(encoding="utf-8"))
        if n > BUDGET[f.suffix]:
            problems.append(f"{f.relative_to(ROOT)}: {n} lines, over the budget of {BUDGET[f.suffix]} for "
                            f"{f.suffix} files; split it by what it holds")
    return problems


def changed_cpp(since):
    out = subprocess.run(["git", "diff", "--name-only", since, "--", *NAMED], cwd=ROOT, capture_output=True,
                         text=True)
    if out.returncode:
        print(f"check_style: no revision {since} to compare with (a shallow clone?); naming not checked")
        return []
    return [ROOT / f for f in out.stdout.split() if f.endswith(".cpp") and (ROOT / f).exists()]


def check_naming(build, files):
    clang_tidy = need("clang-tidy")
    db = json.loads((build / "compile_commands.json").read_text())
    compiled = {str(Path(e["file"]).resolve()) for e in db}
    files = [f for f in files if str(f.resolve()) in compiled]

    def tidy(f):
        r = subprocess.run([clang_tidy, "-p", str(build), "--quiet", "--checks=-*,readability-identifier-naming",
                            "--warnings-as-errors=readability-identifier-naming", str(f)],
                           capture_output=True, text=True)
        return [line for line in r.stdout.splitlines() if "readability-identifier-naming" in line]

    with ThreadPoolExecutor(max_workers=2) as pool:
        found = sorted({line for lines in pool.map(tidy, files) for line in lines})
    print(f"check_style: naming checked in {len(files)} file(s)")
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", type=Path, default=ROOT / "build", help="build directory (compile_commands.json)")
    ap.add_argument("--since", default="HEAD~1", help="check the naming of C++ files changed since this revision")
    ap.add_argument("--tidy-all", action="store_true", help="check the naming of every C++ file")
    args = ap.parse_args()
    problems = check_format() + check_size()
    files = tracked((".cpp",), NAMED) if args.tidy_all else changed_cpp(args.since)
    problems += check_naming(args.build.resolve(), files)
    for p in problems:
        print(p)
    if problems:
        print(f"check_style: {len(problems)} problem(s)")
        return 1
    print("check_style: format, size and naming clean")
    return 0


if __name__ == "__main__":
    sys.exit(main())
