"""The `nki` command as a user drives it: --help of every subcommand, exit codes, inputs from .npz
archives (checked against NumPy), `nki profile`, --target aliases. Error messages of bad
arguments are tests/errors/ cases."""

import json
import os
import resource
import signal
import subprocess
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
SOURCE_DIR = Path(os.environ.get("NKI_SOURCE_DIR") or HERE.parent.parent)
KERNELS = HERE / "tilekit" / "kernels.py"


@pytest.fixture(scope="module")
def nki_bin():
    path = os.environ.get("NKI_BIN") or str(SOURCE_DIR / "build" / "nki")
    if not os.path.exists(path):
        pytest.skip("the nki command is not built (make build)")
    return path


def run(nki_bin, *args, cwd=None):
    return subprocess.run([nki_bin, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=120)


@pytest.mark.parametrize("sub,expected", [
    ("run", ["--arg", "--npz", "--target", "--out", "--profile", "--json", "--timing-only"]),
    ("profile", ["--arg", "--npz", "--target", "--trace", "--json"]),
    ("compile", ["--arg", "--npz", "--target", "--emit"]),
    ("check", ["--arg", "--npz", "--target"]),
    ("arch", ["--target", "--arch-set"]),
])
def test_help_of_each_subcommand(nki_bin, sub, expected):
    proc = run(nki_bin, sub, "--help")
    assert proc.returncode == 0, proc.stderr
    for option in expected:
        assert option in proc.stdout, (option, proc.stdout)
    assert "Exit codes: 0 success, 1 an error in the kernel" in proc.stdout


def test_top_level_help_lists_subcommands(nki_bin):
    proc = run(nki_bin, "--help")
    assert proc.returncode == 0
    for sub in ("run", "profile", "compile", "check", "arch"):
        assert f"\n  {sub} " in proc.stdout


@pytest.mark.parametrize("args,code,message", [
    ((), 2, "A subcommand is required"),
    (("run",), 2, "nki run: missing the kernel: expected FILE:FUNCTION (e.g. kernels/matmul.py:matmul)"),
    (("frobnicate",), 2, "nki: unknown subcommand 'frobnicate' (expected run, profile, compile, check or arch)"),
    (("run", f"{KERNELS}:split_halves", "--bogus"), 2, "The following argument was not expected: --bogus"),
    (("arch", "--target", "trn7"), 2, "--target: trn7 not in {trn1,trn2,trn3}"),
    (("check", f"{KERNELS}:no_such_kernel"), 1, "has no kernel function 'no_such_kernel'"),
])
def test_exit_codes(nki_bin, args, code, message):
    proc = run(nki_bin, *args)
    assert proc.returncode == code, proc
    assert message in proc.stderr, proc.stderr


def test_run_with_npz_inputs(nki_bin, tmp_path):
    rng = np.random.default_rng(3)
    acc = rng.standard_normal((128, 64)).astype(np.float32)
    x = rng.standard_normal((128, 64)).astype(np.float32)
    np.savez(tmp_path / "in.npz", acc=acc, x=x, unused=np.zeros(3, np.float32))
    # All arrays of the archive by name (an --arg of the same name wins), then one array by key.
    proc = run(nki_bin, "run", f"{KERNELS}:accumulate", "--npz", tmp_path / "in.npz", "--arg", "times=2",
               "--out", tmp_path / "out")
    assert proc.returncode == 1 and "unexpected keyword argument 'unused'" in proc.stderr
    np.savez_compressed(tmp_path / "in.npz", acc=acc, x=x)
    proc = run(nki_bin, "run", f"{KERNELS}:accumulate", "--npz", tmp_path / "in.npz", "--arg", "times=2",
               "--out", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    np.testing.assert_array_equal(np.load(tmp_path / "out" / "doubled.npy"), 2 * x)
    proc = run(nki_bin, "run", f"{KERNELS}:split_halves", "--arg", f"a={tmp_path / 'in.npz'}:acc",
               "--out", tmp_path / "out2")
    assert proc.returncode == 0, proc.stderr
    np.testing.assert_array_equal(np.load(tmp_path / "out2" / "lo.npy"), acc[:, :32])
    np.testing.assert_array_equal(np.load(tmp_path / "out2" / "hi.npy"), acc[:, 32:])
    np.savez(tmp_path / "a.npz", a=acc)
    proc = run(nki_bin, "run", f"{KERNELS}:split_halves", "--npz", tmp_path / "a.npz", "--arg", "a=zeros:128x64:float32",
               "--out", tmp_path / "out3")
    assert proc.returncode == 0, proc.stderr
    assert not np.load(tmp_path / "out3" / "lo.npy").any()  # the --arg of the same name wins


def test_profile_writes_trace_and_summary(nki_bin, tmp_path):
    proc = run(nki_bin, "profile", f"{KERNELS}:split_halves", "--arg", "a=random:128x64:float32", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "estimated device time:" in proc.stdout
    assert "trace: split_halves.trace.json" in proc.stdout
    events = json.loads((tmp_path / "split_halves.trace.json").read_text())
    events = events["traceEvents"] if isinstance(events, dict) else events
    assert any(e.get("name") == "dma_copy" for e in events)
    proc = run(nki_bin, "profile", f"{KERNELS}:split_halves", "--arg", "a=random:128x64:float32",
               "--trace", tmp_path / "t.json", "--json", "--target", "gen4")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["target"] == "trn3"
    assert (tmp_path / "t.json").is_file()


def test_run_packed_mx_arguments_travel_as_raw_words(nki_bin, tmp_path):
    # trn3's packed MX dtypes: a uint32 .npy converted with :float8_e4m3fn_x4 is taken bit for bit,
    # outputs are written as uint32 words, and a float array is refused with the reason.
    kernel = f"{SOURCE_DIR / 'tests' / 'isa' / 'mx_kernels.py'}:packed_roundtrip"
    words = (np.arange(32 * 6, dtype=np.uint64) * 2654435761 % 2**32).astype(np.uint32).reshape(32, 6)
    np.save(tmp_path / "w.npy", words)
    np.save(tmp_path / "f.npy", np.ones((32, 6), np.float32))
    proc = run(nki_bin, "run", kernel, "--arg", f"bits={tmp_path / 'w.npy'}:float8_e4m3fn_x4", "--arg",
               "dtype='float8_e4m3fn_x4'", "--target", "trn3", "--out", tmp_path / "out")
    assert proc.returncode == 0, proc.stderr
    out = np.load(tmp_path / "out" / "out.npy")
    assert out.dtype == np.uint32
    np.testing.assert_array_equal(out, words)
    assert not np.load(tmp_path / "out" / "out.1.npy").any()
    assert "out.1: float8_e4m3fn_x4[32x6] min=0 max=0 mean=0" in proc.stdout
    proc = run(nki_bin, "run", kernel, "--arg", f"bits={tmp_path / 'f.npy'}:float8_e4m3fn_x4", "--arg",
               "dtype='float8_e4m3fn_x4'", "--target", "trn3")
    assert proc.returncode == 1
    assert "--arg bits: a float8_e4m3fn_x4 argument is its raw bits: a uint32 array, not float32" in proc.stderr


# --- output files: checked before any work, never half-written ---------------------------------

def test_unwritable_output_paths_are_usage_errors_before_compiling(nki_bin, tmp_path):
    # The kernel would fail to compile (exit code 1): exit code 2 shows the paths are checked first.
    # (Run as root, a chmod'ed folder is writable; a regular file in the way is not, for anyone.)
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    kernel = (f"{KERNELS}:too_many_partitions", "--arg", "a=zeros:128x4:float32")
    cases = [
        (("run", *kernel, "--out", blocker), f"nki run: --out: cannot write outputs to '{blocker}': '{blocker}' is not a folder"),
        (("run", *kernel, "--out", blocker / "out" / "deeper"), f"'{blocker}' is not a folder"),
        (("run", *kernel, "--profile", tmp_path / "missing" / "t.json"),
         f"nki run: --profile: cannot write '{tmp_path / 'missing' / 't.json'}': the folder '{tmp_path / 'missing'}' does not exist"),
        (("run", *kernel, "--profile", tmp_path), f"cannot write '{tmp_path}': '{tmp_path}' is a folder"),
        (("run", *kernel, "--profile", blocker / "t.json"), f"'{blocker}' is not a folder"),
        (("run", *kernel, "--profile", "/dev/null"), "'/dev/null' exists and is not a regular file"),
        (("profile", *kernel, "--trace", tmp_path / "missing" / "t.json"), "nki profile: --trace: cannot write"),
        (("profile", *kernel, "--out", blocker), "nki profile: --out: cannot write outputs to"),
    ]
    for args, message in cases:
        proc = run(nki_bin, *args)
        assert proc.returncode == 2, (args, proc.returncode, proc.stderr)
        assert message in proc.stderr, (args, proc.stderr)
        assert "Run with --help for more information." in proc.stderr
        assert "partition" not in proc.stderr  # nothing was compiled
    assert blocker.read_text() == "not a folder"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]  # nothing created


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into any folder")
def test_output_folder_without_write_permission_is_a_usage_error(nki_bin, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    try:
        proc = run(nki_bin, "run", f"{KERNELS}:split_halves", "--arg", "a=zeros:128x64:float32",
                   "--out", locked / "out")
        assert proc.returncode == 2 and f"the folder '{locked}' is not writable" in proc.stderr, proc.stderr
    finally:
        locked.chmod(0o700)


def test_a_failed_write_leaves_no_partial_file(nki_bin, tmp_path):
    # A file-size limit of 4 KiB makes the write of the 16 KiB outputs fail part-way (as a full disk
    # would): no output or trace appears, and an earlier file of the same name is left as it was.
    out = tmp_path / "out"
    out.mkdir()
    (out / "lo.npy").write_bytes(b"earlier run")

    def limit_file_size():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    argv = [nki_bin, "run", f"{KERNELS}:split_halves", "--arg", "a=random:128x64:float32", "--out", out,
            "--profile", tmp_path / "t.json"]
    proc = subprocess.run(list(map(str, argv)), capture_output=True, text=True, timeout=120,
                          preexec_fn=limit_file_size)
    assert proc.returncode == 1, proc.stderr
    assert "cannot write '" in proc.stderr and "write failed" in proc.stderr, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["lo.npy"]  # no temporary file left either
    assert (out / "lo.npy").read_bytes() == b"earlier run"
    assert not (tmp_path / "t.json").exists()
    # Without the limit the same run writes every file, and leaves nothing else behind.
    proc = run(nki_bin, *argv[1:])
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.iterdir()) == ["hi.npy", "lo.npy"]
    assert np.load(out / "lo.npy").shape == (128, 32)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "t.json"]
    json.loads((tmp_path / "t.json").read_text())
