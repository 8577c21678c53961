"""`nki run --check-uninitialized` on kernels that read only what they wrote: the library kernels,
PSUM accumulation (accumulate=None onto fresh PSUM), a predicated copy that keeps unwritten dst
elements, an oob_mode=skip gather and a dma_compute read-modify-write must run clean and give the
same outputs as without the check. (The failing reads are tests/errors/uninit_*.py.)"""

import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import nki_testing  # noqa: E402

ISA = "tests/isa/matmul_dma_kernels.py"
CASES = [
    ("kernels/matmul.py:matmul", ["lhsT=random:256x128:bfloat16", "rhs=random:256x512:bfloat16"]),
    ("kernels/tensor_add.py:tensor_add", ["a=random:256x64:float32", "b=random:256x64:float32"]),
    (f"{ISA}:matmul_tiled", ["s=random:128x128:float32", "m=random:128x16:float32", "row_size=64", "col_size=32"]),
    (f"{ISA}:gather_rows", ["data=random:300x16:float32", "indices=zeros:128x1:uint32", "oob='skip'"]),
    (f"{ISA}:scatter_add", ["base=random:50x8:float32", "src_data=random:16x8:float32",
                            "indices=zeros:16x1:uint32", "oob='error'"]),
    (f"{ISA}:dynamic_loop_rows", ["data=random:12x8:float32", "n=12"]),
]


@pytest.mark.parametrize("ref,args", CASES, ids=[c[0].split(":")[1] for c in CASES])
def test_clean_kernels_pass_the_check(tmp_path, ref, args):
    outs = []
    for flag in ([], ["--check-uninitialized"]):
        out = tmp_path / ("checked" if flag else "plain")
        argv = ["run", ref, *[a for x in args for a in ("--arg", x)], "--out", str(out), *flag]
        proc = nki_testing.run_nki(argv, cwd=nki_testing.SOURCE_DIR)
        assert proc.returncode == 0, nki_testing.describe(argv, proc)
        outs.append({p.stem: np.load(p) for p in out.glob("*.npy")})
    assert outs[0].keys() == outs[1].keys() and outs[0]
    for k in outs[0]:
        np.testing.assert_array_equal(outs[0][k], outs[1][k])


def test_predicated_copy_keeps_unwritten_elements_without_a_report(tmp_path):
    kernel = tmp_path / "k.py"
    kernel.write_text(
        "import nki\nimport nki.language as nl\nimport nki.isa as nisa\n\n\n"
        "@nki.jit\ndef kernel(a, p):\n"
        "    t = nl.ndarray((8, 4), dtype=nl.float32, buffer=nl.sbuf)\n"
        "    nisa.dma_copy(dst=t, src=a)\n"
        "    pr = nl.ndarray((8, 4), dtype=nl.uint8, buffer=nl.sbuf)\n"
        "    nisa.dma_copy(dst=pr, src=p)\n"
        "    d = nl.ndarray((8, 4), dtype=nl.float32, buffer=nl.sbuf)\n"
        "    nisa.tensor_copy_predicated(dst=d, src=t, predicate=pr)\n"
        "    return None\n")
    argv = ["run", f"{kernel}:kernel", "--arg", "a=random:8x4:float32", "--arg", "p=zeros:8x4:uint8",
            "--check-uninitialized"]
    proc = nki_testing.run_nki(argv, cwd=tmp_path)
    assert proc.returncode == 0, nki_testing.describe(argv, proc)


def test_instructions_that_keep_dst_elements_run_clean(tmp_path):
    """nc_stream_shuffle's mask 255 and nonzero_with_count's untouched partitions keep dst as it
    was: carrying unwritten bytes along is not a read of them."""
    kernel = tmp_path / "k.py"
    kernel.write_text(
        "import nki\nimport nki.language as nl\nimport nki.isa as nisa\n\n\n"
        "@nki.jit\ndef kernel(a):\n"
        "    t = nl.ndarray((32, 8), dtype=nl.float32, buffer=nl.sbuf)\n"
        "    nisa.dma_copy(dst=t, src=a)\n"
        "    s = nl.ndarray((32, 8), dtype=nl.float32, buffer=nl.sbuf)\n"
        "    nisa.nc_stream_shuffle(dst=s, src=t, shuffle_mask=[255] + list(range(1, 32)))\n"
        "    z = nl.ndarray((32, 9), dtype=nl.int32, buffer=nl.sbuf)\n"
        "    nisa.nonzero_with_count(dst=z, src=t)\n"
        "    return None\n")
    argv = ["run", f"{kernel}:kernel", "--arg", "a=random:32x8:float32", "--check-uninitialized"]
    proc = nki_testing.run_nki(argv, cwd=tmp_path)
    assert proc.returncode == 0, nki_testing.describe(argv, proc)
