# RUN: check kernel --arg a=zeros:128x512:float32
# EXPECT: 'NkiTensor' object has no attribute 'shap'
# LOC: 8:12
import nki


def kernel(a):
    rows = a.shap[0]
