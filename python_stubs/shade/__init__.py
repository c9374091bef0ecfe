"""Shade's Python front end: trace a numpy function on integers into a
Shade graph, compile it with shadec and run it on TFHE-encrypted data.

    import shade

    @shade.compiler({"x": "encrypted"})
    def f(x):
        return (x + 1) ** 2

    circuit = f.compile([np.array([0, 1, 2]), np.array([3, 2, 1])])
    circuit.encrypt_run_decrypt(np.array([1, 2, 3]))   # array([ 4,  9, 16])
"""
from ._circuit import Circuit, Client, EvaluationKeys, Server, Value, find_shadec
from ._compiler import Compiler, compiler
from ._graph import Graph
from ._location import Location
from ._nn import conv2d, maxpool2d, round_bits
from ._tracer import Tracer
from .errors import CompilationError, RuntimeFailure, ShadeError, TraceError

__version__ = "0.1.0"

__all__ = [
    "Circuit", "Client", "CompilationError", "Compiler", "EvaluationKeys",
    "Graph", "Location", "RuntimeFailure", "Server", "ShadeError", "TraceError", "Tracer",
    "Value", "compiler", "conv2d", "find_shadec", "maxpool2d", "round_bits",
]
