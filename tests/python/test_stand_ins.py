"""CPython runs kernel modules, so every name of nki's built-in modules must exist in the Python
package too (`from nki.language import exp` is executed by Python), and each stand-in must map to
the compiler's object of that name (nki._host.builtin_path)."""

import importlib
import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SOURCE_DIR = Path(os.environ.get("NKI_SOURCE_DIR") or HERE.parent.parent)
sys.path.insert(0, str(SOURCE_DIR / "python"))
import nki  # noqa: E402
from nki import _host  # noqa: E402

MODULES = ["nki", "nki.language", "nki.isa", "nki.isa.constants", "nki.collectives", "nki.typing"]
MODULE_OF = {"nl": "nki.language", "nisa": "nki.isa", "ncc": "nki.collectives"}


@pytest.mark.parametrize("module", MODULES)
def test_every_compiler_name_has_a_python_stand_in(module):
    python_module = importlib.import_module(module)
    names = nki._extension().builtin_names(module)
    assert names, module
    missing = [n for n in names if not n.startswith("_") and not hasattr(python_module, n)]
    assert not missing, f"{module} lacks stand-ins for {missing}"


@pytest.mark.parametrize("module", ["nki.language", "nki.isa", "nki.collectives"])
def test_kernel_only_stand_ins_name_compiler_objects(module):
    python_module = importlib.import_module(module)
    lacking = []
    for name in dir(python_module):
        path = _host.builtin_path(getattr(python_module, name))
        if path is None or name.startswith("_"):
            continue
        head, _, rest = path.partition(".")
        if rest.split(".")[0] not in nki._extension().builtin_names(MODULE_OF[head]):
            lacking.append(path)
    assert not lacking, f"stand-ins of {module} name objects the compiler lacks: {lacking}"
