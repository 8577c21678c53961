"""Helpers the tilekit kernels call: ordinary functions inlined into the kernel, with nl and
nisa constants as default arguments."""
import nki.isa as nisa
import nki.language as nl

from .config import Epilogue


def load_tile(src, rows, cols, dtype=nl.float32, buffer=nl.sbuf):
    tile = nl.ndarray((rows, cols), dtype=dtype, buffer=buffer)
    nisa.dma_copy(dst=tile, src=src)
    return tile


def combine(dst, x, y, op=nl.add, engine=nisa.engine.vector):
    nisa.tensor_tensor(dst=dst, data1=x, data2=y, op=op, engine=engine)


def apply_epilogue(tile, epilogue):
    if epilogue == Epilogue.RELU:
        nisa.tensor_scalar(dst=tile, data=tile, op0=nl.maximum, operand0=0.0)
    elif epilogue == Epilogue.NEGATE:
        nisa.tensor_scalar(dst=tile, data=tile, op0=nl.multiply, operand0=-1.0)


def square(dst, src):
    """A 'post' function callers may pass to a kernel as a compile-time argument."""
    nisa.tensor_tensor(dst=dst, data1=src, data2=src, op=nl.multiply)


def add_one(dst, src):
    nisa.tensor_scalar(dst=dst, data=src, op0=nl.add, operand0=1.0)
