"""`make install` into a temporary prefix (and with DESTDIR staging): the nki command and the Python
package land there, and /usr/bin/python3 imports the installed package (not the source tree) and
runs a kernel with it."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SOURCE_DIR = Path(os.environ.get("NKI_SOURCE_DIR") or HERE.parent.parent)
PYVER = "%d.%d" % sys.version_info[:2]

SCRIPT = """
import sys, numpy as np, nki
assert nki.__file__.startswith(sys.argv[1]), nki.__file__
sys.path.insert(0, sys.argv[2])
from tilekit import kernels
a = np.arange(128 * 64, dtype=np.float32).reshape(128, 64)
lo, hi = kernels.split_halves(a)
assert (lo == a[:, :32]).all() and (hi == a[:, 32:]).all()
print("ok", nki.__file__)
"""


def make_install(tmp_path, *variables):
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    if not list((SOURCE_DIR / "python" / "nki").glob("_nki*.so")):
        pytest.skip("the extension is not built (make build)")
    # Only the install step: the build is current (ctest runs after `make build`).
    proc = subprocess.run(["make", "-C", str(SOURCE_DIR), "--no-print-directory", "install-files", *variables],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def check_installed(root, prefix):
    site = root / prefix.relative_to("/") if root != Path("/") else prefix
    site = site / "lib" / f"python{PYVER}" / "dist-packages"
    nki_bin = (root / prefix.relative_to("/") if root != Path("/") else prefix) / "bin" / "nki"
    assert os.access(nki_bin, os.X_OK)
    assert (site / "nki" / "isa" / "constants.py").is_file()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "PYTHONPATH": str(site)}
    proc = subprocess.run(["/usr/bin/python3", "-c", SCRIPT, str(site), str(HERE)], capture_output=True, text=True,
                          env=env, cwd="/", timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("ok ")
    proc = subprocess.run([str(nki_bin), "arch", "--target", "trn1"], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout.startswith("target trn1")


def test_make_install_prefix(tmp_path):
    prefix = tmp_path / "prefix"
    make_install(tmp_path, f"PREFIX={prefix}")
    check_installed(Path("/"), prefix)


def test_make_install_destdir(tmp_path):
    stage = tmp_path / "stage"
    make_install(tmp_path, f"DESTDIR={stage}", "PREFIX=/opt/nki")
    check_installed(stage, Path("/opt/nki"))
