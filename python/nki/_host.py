"""The Python side of nki's host bridge (src/pyhost): what the C++ compiler asks CPython.

A kernel file is an ordinary Python module: CPython imports it; nki compiles only the kernel
function and the functions it calls, from their source, and reads every global as CPython's value.
The compiler calls these helpers (in the extension and in the `nki` command's embedded
interpreter) to find a function's source, to recognize nki's own stand-in objects, and to import
a kernel file; the compile cache of nki.Kernel uses fingerprint() to notice changed globals.
"""

import ast
import enum
import importlib
import importlib.util
import os
import sys
import sysconfig
import traceback
import types

from nki._symbols import _Named

_TREES = {}  # path -> ((mtime_ns, size), {qualname: [def nodes]}, [lambda nodes])


def _index(path):
    """The defs (by qualified name) and lambdas of `path`, parsed by CPython (cached on mtime)."""
    st = os.stat(path)
    key = (st.st_mtime_ns, st.st_size)
    hit = _TREES.get(path)
    if hit is not None and hit[0] == key:
        return hit
    with open(path, "rb") as f:
        tree = ast.parse(f.read(), path)
    defs, lambdas = {}, []

    def walk(node, prefix):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                qualname = prefix + child.name
                defs.setdefault(qualname, []).append(child)
                walk(child, qualname + ".<locals>.")
            elif isinstance(child, ast.ClassDef):
                walk(child, prefix + child.name + ".")
            elif isinstance(child, ast.Lambda):
                lambdas.append(child)
                walk(child, prefix + "<lambda>.<locals>.")
            else:
                walk(child, prefix)

    walk(tree, "")
    entry = (key, defs, lambdas)
    _TREES[path] = entry
    return entry


def _first_line(node):
    return min([node.lineno] + [d.lineno for d in node.decorator_list])


def _body_position(code):
    """(line, col) of the first instruction of `code` that has a position (its body's start)."""
    for line, _, col, _ in code.co_positions():
        if line is not None and line >= code.co_firstlineno and col is not None and (line, col) != (code.co_firstlineno, 0):
            return line, col
    return code.co_firstlineno, 0


def locate(code):
    """Where the source of a function's code object is, as the compiler parses it:
    ("def", path, first_line, last_line, mtime_ns) for a def (first_line is its first decorator's),
    ("lambda", path, line, col, end_line, end_col, mtime_ns) for a lambda (0-based columns),
    or None when it has no source file (defined in a string, an interactive session, generated)."""
    path = os.path.abspath(code.co_filename)
    if not os.path.isfile(path):
        return None
    try:
        key, defs, lambdas = _index(path)
    except (OSError, SyntaxError, ValueError):
        return None
    if code.co_name == "<lambda>":
        line, col = _body_position(code)
        best = None
        for node in lambdas:
            if node.lineno != code.co_firstlineno:
                continue
            body = node.body
            inside = (body.lineno, body.col_offset) <= (line, col) <= (body.end_lineno, body.end_col_offset)
            size = (body.end_lineno - body.lineno, body.end_col_offset - body.col_offset)
            if inside and (best is None or size < best[0]):
                best = (size, node)
        if best is None:
            return None
        node = best[1]
        return ("lambda", path, node.lineno, node.col_offset, node.end_lineno, node.end_col_offset, key[0])
    candidates = defs.get(code.co_qualname) or [n for nodes in defs.values() for n in nodes if n.name == code.co_name]
    if not candidates:
        return None
    node = min(candidates, key=lambda n: abs(_first_line(n) - code.co_firstlineno))
    return ("def", path, _first_line(node), node.end_lineno, key[0])


def builtin_path(obj):
    """The name of one of nki's own objects inside the compiler ("nl.add", "nisa.engine.vector",
    "nl.NKIObject"), or None for anything else."""
    if isinstance(obj, _Named):
        return f"{obj._module}.{obj.name}"
    if isinstance(obj, enum.Enum):
        path = type(obj).__dict__.get("__nki_builtin__")
        return f"{path}.{obj.name}" if isinstance(path, str) else None
    if isinstance(obj, (type, types.FunctionType)):
        path = obj.__dict__.get("__nki_builtin__")
        return path if isinstance(path, str) else None
    path = type(obj).__dict__.get("__nki_builtin_instance__")
    return path if isinstance(path, str) else None


def import_module(name, importer_package, level):
    """`import name` (level 0) or `from .name import` (level dots) for code of a module whose
    __package__ is importer_package."""
    if level:
        return importlib.import_module("." * level + name if name else "." * level, importer_package)
    return importlib.import_module(name)


def import_file(path):
    """Imports kernel file `path` as Python would run it: its folder (and, inside a package, the
    folder above the outermost package) on sys.path; a module of a package gets its dotted name,
    so relative imports work."""
    path = os.path.abspath(path)
    folder = os.path.dirname(path)
    parts = [os.path.splitext(os.path.basename(path))[0]]
    root = folder
    while os.path.isfile(os.path.join(root, "__init__.py")) and os.path.dirname(root) != root:
        parts.insert(0, os.path.basename(root))
        root = os.path.dirname(root)
    for entry in (root, folder):
        if entry not in sys.path:
            sys.path.insert(0, entry)
    if parts[-1] == "__init__":
        parts.pop()
    name = ".".join(parts)
    known = sys.modules.get(name)
    if known is not None and os.path.abspath(getattr(known, "__file__", "") or "") == path:
        return known
    if known is not None or len(parts) == 1 and name in sys.builtin_module_names:
        name = f"__nki_kernel__.{name}"  # a standalone file named like a loaded module
    elif len(parts) > 1:
        importlib.import_module(".".join(parts[:-1]))
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def error_frames(tb):
    """(path, line, column) of each frame of traceback `tb` in the user's own files, outermost
    first (1-based column, 0 when unknown): the frames of CPython's import machinery and standard
    library, and of this module, are left out. The compiler reports an exception raised while a
    module was imported at the last of them, with the others as the chain that led there."""
    stdlib = os.path.join(os.path.abspath(sysconfig.get_paths()["stdlib"]), "")
    out = []
    for frame in traceback.extract_tb(tb):
        path = os.path.abspath(frame.filename)
        if path == os.path.abspath(__file__) or path.startswith(stdlib) or not os.path.isfile(path):
            continue
        out.append((path, frame.lineno or 0, (frame.colno + 1) if frame.colno is not None else 0))
    return out


MISSING = object()


def read(namespace, name):
    """The current value of a name a compilation read: a dict entry, a class attribute (its
    mappingproxy) or a closure cell (name "")."""
    if isinstance(namespace, types.CellType):
        try:
            return namespace.cell_contents
        except ValueError:
            return MISSING
    return namespace.get(name, MISSING)


def fingerprint(value, depth=0):
    """What a compiled kernel depends on in `value`: scalars, containers and instances by content
    (deeply), functions by code, defaults and closure contents, classes and modules by identity."""
    t = type(value)
    if value is None or value is MISSING or t in (bool, int, float, str, bytes, complex):
        return (t, value)
    if depth > 20:
        return (t, id(value))
    if t in (tuple, list, set, frozenset):
        return (t, tuple(fingerprint(v, depth + 1) for v in value))
    if t is dict:
        return (t, tuple((fingerprint(k, depth + 1), fingerprint(v, depth + 1)) for k, v in value.items()))
    if t is types.FunctionType:
        cells = tuple(fingerprint(read(c, ""), depth + 1) for c in value.__closure__ or ())
        return (t, id(value.__code__), id(value.__globals__), fingerprint(value.__defaults__, depth + 1),
                fingerprint(value.__kwdefaults__, depth + 1), cells)
    np = sys.modules.get("numpy")
    if np is not None and isinstance(value, np.generic):
        return (t, value.item())
    if isinstance(value, (types.ModuleType, type, types.BuiltinFunctionType, enum.Enum, _Named)):
        return (t, id(value))
    fields = getattr(value, "__dict__", None)
    if isinstance(fields, dict):
        return (t, fingerprint(fields, depth + 1))
    return (t, id(value))
