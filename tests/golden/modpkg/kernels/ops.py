"""Sibling module imported relatively."""
import nki.isa as nisa
import nki.language as nl

SCALE = 3.0


def scale(t, factor=SCALE):
    nisa.tensor_scalar(dst=t, data=t, op0=nl.multiply, operand0=factor)
