"""Helpers imported by modpkg/kernels/scaled_copy.py with an absolute import."""
import nki.isa as nisa
import nki.language as nl

from modpkg import PARTITIONS


def load_tile(src, row):
    t = nl.ndarray((PARTITIONS, src.shape[1]), dtype=src.dtype, buffer=nl.sbuf)
    nisa.dma_copy(dst=t, src=src[nl.ds(row * PARTITIONS, PARTITIONS), :])
    return t
