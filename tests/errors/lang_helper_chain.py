# RUN: check kernel --arg a=zeros:128x512:float32
# EXPECT: inner.py
# EXPECT: index 200 is out of bounds for dimension 0 of tensor 'a' (size 128)
# EXPECT: lang_helper_chain.py:11:12: note: called from here
# EXPECT: lang_helper_chain.py:15:5: note: called from here
import nki


def middle(t):
    from errhelpers.inner import row
    return row(t, 200)


def kernel(a):
    middle(a)
