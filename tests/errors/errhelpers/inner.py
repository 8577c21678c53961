"""A helper module for tests/errors/lang_helper_chain.py: the error is raised here."""


def row(t, i):
    return t[i]
