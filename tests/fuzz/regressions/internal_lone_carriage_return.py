# A lone carriage return (an old Mac line end) in the first line: CPython reads it as a line end,
# nki's source files did not, so the def CPython found at line 10 was at line 9 for nki's parser
# (NKI_CHECK "is not one def for nki's parser", an internal error of the kind the 10^6-input fuzz
# run hit twice; its inputs were lost, this one was written from the check). Fixed in
# src/support/source.cpp: source text gets CPython's universal newlines.
import nki
x = 1


def kernel():
    y = x
