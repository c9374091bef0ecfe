"""The exceptions of the Shade front end."""


class ShadeError(Exception):
    """Base class of every error raised by Shade."""


class TraceError(ShadeError):
    """The function cannot be traced into a Shade graph: an unsupported
    construct, a float result, or a trace whose meaning would differ from the
    function's. The message starts with the user's file:line."""


class CompilationError(ShadeError):
    """`shadec` refused the traced program or failed; the message is the
    driver's error line, with the user's line of the node it names."""


class RuntimeFailure(ShadeError):
    """`shadec` failed to make keys, encrypt, execute or decrypt; the message
    is the driver's error line."""
