"""Give the running OS thread a name, so the weft timeline shows it.

Python's threading.Thread(name=...) is only known inside Python; the
kernel (and so the trace) sees "python3" for every thread.  prctl(PR_SET_NAME)
names the thread that calls it (at most 15 characters are kept).
"""
import ctypes
import threading

_PR_SET_NAME = 15
_libc = ctypes.CDLL(None, use_errno=True)


def name_this_thread(name=None):
    """Name the calling thread; by default after its threading name."""
    name = name or threading.current_thread().name
    _libc.prctl(_PR_SET_NAME, name.encode()[:15], 0, 0, 0)
