"""The exceptions a kernel call raises. Every one is an nki.NkiError, whose str() is exactly the
diagnostic the `nki` command prints (`file:line:col: error: message`, the source line, a caret and
one `note: called from here` per inlined call), with the attributes `message` (the bare message),
`location` ("path:line:col" or None) and `error_class`. Each is also the built-in Python exception
real NKI raises for that kind of problem, so `except AssertionError` works as it does there:

    NkiSyntaxError      (SyntaxError)     the kernel file (or a module it imports) does not parse
    NkiTypeError        (TypeError)       a call with wrong arguments (count, keyword, kind of value)
    NkiAssertionError   (AssertionError)  an `assert` in the kernel failed
    NkiValidationError                    a hardware rule of the target is violated (nki.isa.NkiValidationError)
    NkiRuntimeError     (RuntimeError)    the simulator faulted (e.g. an out-of-bounds DMA)
    NkiError                              anything else wrong with the kernel or its arguments
"""


class NkiError(Exception):
    """A problem in a kernel or its arguments; str() is the full file:line:col + caret diagnostic."""

    message = ""
    location = None
    error_class = "general"


class NkiSyntaxError(NkiError, SyntaxError):
    """The kernel source does not parse."""


class NkiTypeError(NkiError, TypeError):
    """A function or kernel was called with wrong arguments."""


class NkiAssertionError(NkiError, AssertionError):
    """An assert statement in the kernel failed at compile time."""


class NkiValidationError(NkiError):
    """A hardware constraint of the target is violated (nki.isa.NkiValidationError)."""


class NkiRuntimeError(NkiError, RuntimeError):
    """The simulated NeuronCore faulted while running the kernel."""


_BY_CLASS = {
    "general": NkiError,
    "syntax": NkiSyntaxError,
    "type": NkiTypeError,
    "assertion": NkiAssertionError,
    "validation": NkiValidationError,
    "runtime": NkiRuntimeError,
}


def exception_for(error_class, text, message, location):
    """The exception for a compiler diagnostic (called by the extension)."""
    exc = _BY_CLASS.get(error_class, NkiError)(text)
    exc.message = message
    exc.location = location
    exc.error_class = error_class
    return exc
