"""A private network namespace for this process's main thread: only loopback, so no test traffic can leave it.

Ray binds its servers to the machine's main interface when it finds one, even when told 127.0.0.1. Inside a fresh
network namespace there is no interface but `lo`, so every server the distributed tests start (Postgres, the S3
server, the Ray head and worker, API replicas) listens on loopback only, and nothing they send can reach another
host. `unshare(CLONE_NEWNET)` moves only the calling thread; the processes it starts afterwards inherit the
namespace, and `leave()` moves the thread back when the tests are done, so the rest of a pytest run is untouched.
Needs CAP_SYS_ADMIN (root, as here and in CI).
"""

from __future__ import annotations

import ctypes
import os
import subprocess

CLONE_NEWNET = 0x40000000


class PrivateNetwork:
    def __init__(self) -> None:
        self._home: int | None = None

    @staticmethod
    def _libc():
        return ctypes.CDLL(None, use_errno=True)

    def enter(self) -> None:
        """Moves this thread into a new network namespace and brings its loopback up; raises OSError if not allowed."""
        home = os.open(f"/proc/self/task/{ctypes.CDLL(None).gettid()}/ns/net", os.O_RDONLY)
        if self._libc().unshare(CLONE_NEWNET) != 0:
            os.close(home)
            err = ctypes.get_errno()
            raise OSError(err, f"unshare(CLONE_NEWNET): {os.strerror(err)}")
        self._home = home
        subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
        links = subprocess.run(["ip", "-o", "link"], check=True, capture_output=True, text=True).stdout
        if any(": lo:" not in line for line in links.strip().splitlines()):
            raise OSError(f"the private network namespace has more than loopback: {links}")

    def leave(self) -> None:
        if self._home is None:
            return
        if self._libc().setns(self._home, CLONE_NEWNET) != 0:
            raise OSError(ctypes.get_errno(), "setns back to the original network namespace failed")
        os.close(self._home)
        self._home = None
