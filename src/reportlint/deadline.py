"""The per-file time limit (REPORTLINT_FILE_SECONDS): a deadline that the long loops — the parser's,
the rule loop and the matcher's — check at their boundaries, raising ReadError("timeout").

Cooperative on purpose: a signal (SIGALRM) does not exist on Windows and cannot interrupt a worker
thread, and killing a thread is not possible in Python. A check is a clock read, so it is cheap
enough for every paragraph, section and problem. The deadline belongs to the current context (a
ContextVar), so threads of a service each have their own.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from .errors import ReadError

_DEADLINE: ContextVar[tuple[float, float] | None] = ContextVar("reportlint_deadline", default=None)


@contextmanager
def within(seconds: float | None, since: float | None = None) -> Iterator[None]:
    """Run the block with a deadline `seconds` after `since` (a time.monotonic() reading; None: now).
    `seconds` None: no deadline."""
    start = time.monotonic() if since is None else since
    token = _DEADLINE.set(None if seconds is None else (start + seconds, seconds))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check() -> None:
    """Raise ReadError("timeout") when the current deadline has passed."""
    current = _DEADLINE.get()
    if current is not None and time.monotonic() > current[0]:
        raise ReadError("timeout", f"读取和检查超过 {current[1]:g} 秒的上限（REPORTLINT_FILE_SECONDS）")
