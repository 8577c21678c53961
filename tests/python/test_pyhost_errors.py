"""The errors of module-level Python (tests/errors/pyhost_*.py) from Python: nki.simulate raises
an nki.NkiError whose text is exactly what the `nki` command prints for the same file (both run in
tests/errors, so the paths agree), and a module whose top level fails raises Python's own
exception on import, with the message the command reports."""

import importlib.util
import os
import sys
import traceback
from pathlib import Path

import numpy as np
import pytest

HERE = Path(__file__).resolve().parent
SOURCE_DIR = Path(os.environ.get("NKI_SOURCE_DIR") or HERE.parent.parent)
ERRORS = SOURCE_DIR / "tests" / "errors"
sys.path[:0] = [str(SOURCE_DIR / "python"), str(SOURCE_DIR / "tests")]
import nki  # noqa: E402
import nki_testing  # noqa: E402


def command_stderr(name):
    """What `nki check tests/errors/<name>:kernel --arg a=zeros:128x64:float32` prints."""
    argv = ["check", f"{name}:kernel", "--arg", "a=zeros:128x64:float32"]
    proc = nki_testing.run_nki(argv, cwd=ERRORS)
    assert proc.returncode == 1, nki_testing.describe(argv, proc)
    return proc.stderr


def import_file(name):
    """tests/errors/<name> imported as Python imports a script's module (its folder on sys.path)."""
    spec = importlib.util.spec_from_file_location(f"pyhost_errors_{Path(name).stem}", ERRORS / name)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def in_errors(monkeypatch):
    monkeypatch.chdir(ERRORS)
    monkeypatch.syspath_prepend(str(ERRORS))


@pytest.mark.parametrize("name,message", [
    ("pyhost_global_ndarray.py", "global 'W' is a numpy.ndarray, which kernel code cannot use"),
    ("pyhost_global_generator.py", "global 'STEPS' is a generator, which kernel code cannot use"),
    ("pyhost_global_int_too_big.py", "global 'SEED' is an int, which kernel code cannot use"),
    ("pyhost_global_exec_function.py", "global 'scale' is a function, which kernel code cannot use"),
    ("pyhost_import_raises.py", "importing 'pyhost_raising_helper' raised ValueError"),
])
def test_same_error_from_python_and_the_command(in_errors, name, message):
    module = import_file(name)
    with pytest.raises(nki.NkiError) as info:
        nki.simulate(module.kernel)(np.zeros((128, 64), np.float32))
    assert info.value.message.startswith(message), info.value.message
    assert str(info.value).strip() == command_stderr(name).strip()


def test_module_whose_top_level_raises(in_errors):
    with pytest.raises(RuntimeError) as info:
        import_file("pyhost_module_raises.py")
    assert str(info.value) == "PYHOST_DEVICE is not set"
    last = traceback.extract_tb(info.tb)[-1]
    assert (Path(last.filename).name, last.lineno, last.colno + 1) == ("pyhost_module_raises.py", 13, 9)
    stderr = command_stderr("pyhost_module_raises.py")
    assert stderr.startswith("pyhost_module_raises.py:13:9: error: importing the kernel module raised "
                             f"RuntimeError: {info.value}\n"), stderr


def test_module_with_a_syntax_error(in_errors):
    with pytest.raises(SyntaxError) as info:
        import_file("pyhost_module_syntax_error.py")
    stderr = command_stderr("pyhost_module_syntax_error.py")
    assert (info.value.lineno, info.value.offset) == (10, 1)
    assert stderr.startswith(f"pyhost_module_syntax_error.py:10:1: error: {info.value.msg}\n"), stderr


def test_helper_import_error_is_not_cached(in_errors, monkeypatch):
    """A helper module that failed to import is imported again by the next compilation (Python
    does not keep a module whose import raised), so fixing its cause fixes the kernel."""
    module = import_file("pyhost_import_raises.py")
    x = np.ones((128, 64), np.float32)
    with pytest.raises(nki.NkiError):
        nki.simulate(module.kernel)(x)
    monkeypatch.setenv("PYHOST_HELPER_OK", "1")
    np.testing.assert_array_equal(nki.simulate(module.kernel)(x), x)
    sys.modules.pop("pyhost_raising_helper", None)
