"""PDF worker processes that never outlive the build that started them.

A build killed with SIGKILL (the OOM killer, a CI timeout) cannot clean up, and forked
WeasyPrint workers (~300 MB each) would then run on forever, orphaned. On Linux each worker
asks the kernel to kill it when its parent dies (`PR_SET_PDEATHSIG`); a worker whose
parent already died before that request exits at once.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def die_with_parent(parent_pid: int) -> None:
    """Pool initializer: be killed when the parent process dies (Linux; elsewhere a no-op)."""
    library = ctypes.util.find_library("c")
    if library is not None:
        try:
            libc = ctypes.CDLL(library, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # not Linux: workers then end when the pool's pipe closes
    if os.getppid() != parent_pid:
        os._exit(1)  # the parent died before the request above took effect
