# The matmul options, DMA instructions and dynamic addressing as they appear in the IR: tiling
# and mode attributes, dge/oob modes, dma_transpose axes, dma_compute's sources by role, and the
# runtime offsets of dynamically addressed patterns (register and tensor forms).
# RUN: compile kernel --arg x=zeros:256x16:bfloat16 --arg f8=zeros:128x2x64:float8_e4m3
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def kernel(x, f8):
    s = nl.ndarray((64, 32), dtype=nl.bfloat16, buffer=nl.sbuf)
    acc = nl.ndarray((32, 32), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul(dst=acc, stationary=s, moving=s[:, 0:32], tile_position=(64, 32), tile_size=(64, 32))
    w = nl.ndarray((128, 2, 64), dtype=nl.float8_e4m3, buffer=nl.sbuf)
    nisa.dma_copy(dst=w, src=f8, dge_mode=nisa.dge_mode.swdge)
    dr = nl.ndarray((64, 64), dtype=nl.float32, buffer=nl.psum)
    nisa.nc_matmul(dst=dr, stationary=w, moving=w, perf_mode=nisa.matmul_perf_mode.double_row)
    idx = nl.ndarray((16, 1), dtype=nl.uint32, buffer=nl.sbuf)
    rows = nl.ndarray((16, 16), dtype=nl.bfloat16, buffer=nl.sbuf)
    nisa.dma_copy(dst=rows, src=x.ap(pattern=[[16, 16], [1, 16]], vector_offset=idx, indirect_dim=0),
                  oob_mode=nisa.oob_mode.skip)
    r = nisa.register_alloc(3)
    nisa.dma_copy(dst=rows[0:1, :], src=x.ap(pattern=[[16, 1], [1, 16]], offset=0, scalar_offset=r, indirect_dim=0),
                  dge_mode=nisa.dge_mode.hwdge, engine=nisa.engine.scalar)
    t = nl.ndarray((16, 16), dtype=nl.bfloat16, buffer=nl.sbuf)
    nisa.dma_transpose(dst=t, src=rows, axes=(1, 0))
    nisa.dma_compute(dst=t, srcs=[t, rows, rows], reduce_op=nl.add)
    tr = nl.ndarray((32, 64), dtype=nl.bfloat16, buffer=nl.psum)
    ident = nl.ndarray((64, 64), dtype=nl.bfloat16, buffer=nl.sbuf)
    nisa.nc_matmul(dst=tr, stationary=s, moving=ident, is_transpose=True, is_moving_onezero=True)
