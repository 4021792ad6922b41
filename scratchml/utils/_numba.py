"""Compiling a kernel twice: a parallel version and a serial twin.

Several kernels come in two compiled versions of the same plain function:
``numba.njit(parallel=True)`` for large inputs and a serial one for small
inputs, where waking the thread pool costs more than the work. Both give the
same bits (each output row is computed by one thread in a fixed order).
"""

import types

import numba

__all__ = ["serial_twin"]


def serial_twin(func, **options):
    """Compile ``func`` without ``parallel=True``, under its own cache entry.

    Numba's on-disk cache (``cache=True``) names its files after the
    function's qualified name and keys the entries by argument types, not by
    the options given to ``njit``: a serial and a parallel compilation of the
    same function would load each other's machine code, whichever was
    compiled first. The twin is therefore a copy of the function under the
    name ``<name>_serial``.

    Parameters
    ----------
    func : function
        The plain Python kernel.
    **options
        Extra ``numba.njit`` options (e.g. ``nogil=True``).

    Returns
    -------
    twin : numba dispatcher
        ``numba.njit(cache=True, **options)`` of the renamed copy. Under
        ``NUMBA_DISABLE_JIT=1`` it is the plain renamed function.
    """
    name = func.__name__ + "_serial"
    twin = types.FunctionType(func.__code__, func.__globals__, name, func.__defaults__,
                              func.__closure__)
    twin.__qualname__ = func.__qualname__ + "_serial"
    twin.__doc__ = func.__doc__
    return numba.njit(cache=True, **options)(twin)
