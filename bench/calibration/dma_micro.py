"""Calibration kernels for the DMA and Scalar Engine micro-benchmarks read from the Trn2 DMA
overview profiles (hw-model.md §9.7, §4.3, §5.4): one HBM->SBUF load, then exp on the tile."""
import nki
import nki.language as nl
import nki.isa as nisa


@nki.jit
def load_exp(x):
    P, F = x.shape
    out = nl.ndarray((P, F), dtype=x.dtype, buffer=nl.shared_hbm)
    t = nl.ndarray((P, F), dtype=x.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=x)
    nisa.activation(dst=t, op=nl.exp, data=t)
    nisa.dma_copy(dst=out, src=t)
    return out
