"""Shared by every pytest suite. ctest puts the package of the build under test first on
PYTHONPATH (`make sanitize` has its own, with a sanitized extension: NKI_PYTHON_DIR in
CMakeLists.txt). Test files also put the source tree's python/ first on sys.path, for runs by
hand; importing nki here, before them, keeps the one PYTHONPATH names."""

import nki  # noqa: F401
