# RUN: check kernel --target trn3
# EXPECT: tensor_copy: dst is float8_e5m2_x4; packed MX dtypes are only computed on by nc_matmul_mx and quantize_mx (dma_copy and memset 0 move them)
# LOC: 13:5
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel():
    q = nl.ndarray((32, 16), dtype=nl.float8_e5m2_x4, buffer=nl.sbuf)
    f = nl.ndarray((32, 16), dtype=nl.float32, buffer=nl.sbuf)
    nisa.tensor_copy(dst=q, src=f)
