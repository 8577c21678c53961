# A tuple/list/dict --arg is read by Python's ast.literal_eval; one it cannot read is an error.
# RUN: check kernel --arg "shape=(1, 2"
# EXPECT: --arg shape: cannot read '(1, 2' as a Python literal
# CARET: no
import nki


def kernel(shape):
    pass
