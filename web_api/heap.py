"""glibc's malloc set up for the server: one heap that keeps what a request frees for the next.

By default each thread has an arena of its own, and freed memory above a few MB goes back to the
system at once: a worker's next large batch, often on another thread, had its arrays' pages
faulted in and zeroed again (35,000-60,000 faults, 50-150 ms of 100,000 households after a run
of small requests). With one arena, arrays up to 32 MB from the heap and the heap never trimmed
on its own, a batch reuses the pages of the one before. Memory is still given back when a
worker is over its ceiling (`ops.over_memory_ceiling`).

The settings must come before any thread allocates: a thread that does gets an arena of its own,
which `arena_max` does not take away. numpy starts OpenBLAS's thread when it is imported and
pyarrow its pools, and after the fork a worker's threads take over those arenas; a non-main
arena hands its 64 MB sub-heaps back to the system whenever they empty, whatever the trim
threshold, so a worker faulted in about 35,000 pages on every 100,000-household batch
(80-150 ms; its resident memory rising by 110 MB during each and falling after). So
gunicorn_conf.py runs this file by its path, before it imports anything else; this module
imports nothing but the standard library.

An operator's own MALLOC_* or GLIBC_TUNABLES settings are left as they are.
"""

from __future__ import annotations

import ctypes
import os

# glibc's mallopt parameters, and the server's values for them.
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD, M_ARENA_MAX = -1, -3, -8
SERVER_MALLOC = {
    M_ARENA_MAX: 1,
    M_MMAP_THRESHOLD: 32 * 1024 * 1024,  # glibc's largest: arrays up to 32 MB from the heap
    M_TRIM_THRESHOLD: 1024 * 1024 * 1024,
}
MALLOC_ENVIRONMENT = ("MALLOC_ARENA_MAX", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_")


def keep_freed_memory() -> bool:
    """Set glibc's malloc for the server (the module's docstring); True when set, False when the
    operator's settings are kept or the C library is not glibc."""
    if any(name in os.environ for name in (*MALLOC_ENVIRONMENT, "GLIBC_TUNABLES")):
        return False
    try:
        mallopt = ctypes.CDLL("libc.so.6").mallopt
    except (OSError, AttributeError):  # not glibc
        return False
    return all(mallopt(parameter, value) == 1 for parameter, value in SERVER_MALLOC.items())
