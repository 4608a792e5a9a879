"""The lint workers of `reportlint serve`: a fixed number of warm processes, each doing one job at a
time, so that a slow or hostile report never blocks the event loop and a runaway one can be stopped.

A job past the time limit (and a short grace for the worker to answer with its own `timeout`) gets
its worker killed and replaced; so does a worker that dies (the OOM killer). Either way the caller
gets `Lost` and the other workers go on. Requests beyond the busy workers wait in a bounded queue,
`admit` refuses past it; each waits for the next worker free, which comes within the time limit.

Workers are spawned (a fresh interpreter that imports and warms up, a few seconds), never forked
from the server, whose threads make a fork unsafe. The fork server would start them faster but keeps
a socket in a temporary folder that uvicorn's way of ending on SIGTERM leaves behind.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from . import jobs

GRACE_SECONDS = 2.0  # past the time limit, for a worker whose own deadline fired to say so


class Lost(Exception):
    """A job whose worker had to be killed (`timeout`) or died (`crashed`)."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


class Busy(Exception):
    """Every worker is busy and the queue is full."""


def _work(conn: Connection) -> None:
    """A worker's life: warm up, then answer jobs until told to stop (None) or the server is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in the server's terminal is the server's
    jobs.warm()
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        conn.send(jobs.run(job))


@dataclass
class _Worker:
    process: Any
    conn: Connection


class WorkerPool:
    """`size` workers and a queue of at most `queue` waiting requests; `time_limit` seconds per job."""

    def __init__(self, size: int, queue: int, time_limit: float):
        self.size, self.queue_limit, self.time_limit = size, queue, time_limit
        self._context = multiprocessing.get_context("spawn")
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._workers: list[_Worker] = []
        self.admitted = 0  # requests holding a place: working or waiting for a worker
        self.replaced = 0  # workers killed or dead and started anew

    async def start(self) -> None:
        self._workers = await asyncio.gather(*(asyncio.to_thread(self._start_worker) for _ in range(self.size)))
        for worker in self._workers:
            self._idle.put_nowait(worker)

    def _start_worker(self) -> _Worker:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=_work, args=(theirs,), daemon=True, name="reportlint-worker")
        process.start()
        theirs.close()
        if not ours.poll(60) or ours.recv() != "ready":
            raise RuntimeError("a lint worker did not start")
        return _Worker(process, ours)

    @property
    def busy(self) -> int:
        return self.size - self._idle.qsize()

    @contextlib.contextmanager
    def admit(self) -> Iterator[None]:
        """Hold a place for a request, or raise Busy when every worker is busy and the queue full."""
        if self.admitted >= self.size + self.queue_limit:
            raise Busy
        self.admitted += 1
        try:
            yield
        finally:
            self.admitted -= 1

    async def run(self, job: jobs.Job) -> jobs.Reply:
        """The reply of a worker to `job`; Lost when the worker was killed or died."""
        worker = await self._idle.get()
        # the call runs to its end even when the request is cancelled (the client went away): only
        # then is the worker free again
        call = asyncio.ensure_future(asyncio.to_thread(self._call, worker, job))
        call.add_done_callback(lambda _: self._idle.put_nowait(worker))
        outcome, reply = await asyncio.shield(call)
        if outcome != "ok":
            raise Lost(outcome)
        return reply

    def _call(self, worker: _Worker, job: jobs.Job) -> tuple[str, Any]:
        """("ok", reply), or ("timeout" | "crashed", None) after the worker was replaced (in a thread)."""
        try:
            worker.conn.send(job)
            if worker.conn.poll(self.time_limit + GRACE_SECONDS):
                return "ok", worker.conn.recv()
            outcome = "timeout"
        except (EOFError, OSError):
            outcome = "crashed"
        self._replace(worker)
        return outcome, None

    def _replace(self, worker: _Worker) -> None:
        worker.process.kill()
        worker.process.join(5)
        worker.conn.close()
        fresh = self._start_worker()
        worker.process, worker.conn = fresh.process, fresh.conn
        self.replaced += 1

    def pids(self) -> list[int]:
        return [w.process.pid for w in self._workers]

    async def stop(self) -> None:
        await asyncio.to_thread(self._stop)

    def _stop(self) -> None:
        for worker in self._workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        deadline = time.monotonic() + 5
        for worker in self._workers:
            worker.process.join(max(0.1, deadline - time.monotonic()))
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(5)
            worker.conn.close()
