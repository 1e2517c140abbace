"""Render worker processes: where the server's jobs run, so rendering never competes with the event loop.

Rendering is CPU-bound Python. In threads of the server's own process it shares one interpreter with the event
loop, which caps the server at about one core and makes health checks wait behind layout code. So the server keeps
a small pool of worker processes (`WorkerPool`, an `Executor`), forked from a forkserver that has already imported
the renderers, and hands each job to one of them over a pipe. What stays in the server process:

- the store: the worker renders into a work folder the server made; the server commits it (one SQLite writer);
- the image model: a worker asks the server for generated pictures over its pipe (`_PipeImages`), so one process
  owns the GPU and pictures from concurrent renders still share batches;
- the preview browser: files made after the answer (`PendingFile`) come back as picklable descriptions.

A job that is cancelled (client gone, time limit) is asked to stop at its next progress report; one that does not
stop within a grace period has its worker killed and replaced, so a stuck render really ends and frees its worker.
A worker that dies mid-render fails only that render. Whatever goes wrong between taking a worker and giving it
back, the worker is either given back (it said its last word on the job) or replaced.

The pipe speaks tuples, first the kind of message:

    server -> worker   ("job", job_id, Job)  ("cancel", job_id)  ("pictures", call_id, list | str)
    worker -> server   ("progress", job_id, event, data)  ("pictures", call_id, kwargs)
                       ("done", job_id, Outcome)  ("failed", job_id, status, detail)  ("cancelled", job_id)
"""

from __future__ import annotations

import ctypes
import itertools
import logging
import multiprocessing
import os
import queue
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

from modalities import registry
from models.images import RenderImages, image_backend
from models.planners.base import Cancelled
from renderers.base import GeneratedImage, ImageBackend, ImageBackendBase

from .errors import RenderFailed, failure_answer
from .pipeline import Job, Outcome, Progress, image_config, images_for_render, run_job
from .settings import Settings

log = logging.getLogger("atelier.workers")

CANCEL_GRACE_S = 5.0  # how long a cancelled render may take to reach its next progress report before its worker dies


def _context():
    """The forkserver context, told once which modules to import ahead of the workers.

    Workers fork from a process that has imported the renderers and the offline planner once (about 0.4 s), so a
    new worker starts in milliseconds, shares those pages with its siblings, and its first render of a kind is not
    slowed by the imports (a first small deck: 110 ms instead of 290). Only imports happen there: anything that
    holds a file open (a loaded font) is made in each worker, never shared across the fork.
    """
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__, "models.planners.offline", *registry.preload_modules()])
    return context


class _Worker:
    """One worker process and the server's end of its pipe."""

    def __init__(self, context, settings: Settings, picture_backend: str):
        self.conn, child = context.Pipe(duplex=True)
        self.process = context.Process(target=_worker_main, args=(child, settings, picture_backend),
                                       name="atelier-render", daemon=True)
        self.process.start()
        child.close()
        self._send_lock = threading.Lock()  # the job's thread and picture callbacks both answer on the pipe

    def send(self, message: tuple) -> None:
        with self._send_lock:
            self.conn.send(message)

    @property
    def alive(self) -> bool:
        return self.process.is_alive() and not self.conn.closed

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.close()  # the worker sees the end of its pipe and exits
        except OSError:
            pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.kill()


class PoolClosed(RenderFailed):
    def __init__(self) -> None:
        super().__init__(503, "the server is shutting down; try again in a moment")


class WorkerPool:
    """Up to `size` worker processes, started ahead of the first job and replaced when one dies.

    `run()` blocks the calling thread until the job ends, waiting for a free worker first; admission (how many may
    wait at all) is the render gate's business, not the pool's.
    """

    def __init__(self, settings: Settings, size: int):
        self.settings = settings
        self.size = size
        self._context = _context()
        self._idle: list[_Worker] = []
        self._all: set[_Worker] = set()
        self._changed = threading.Condition()
        self._ids = itertools.count(1)
        self._starting = 0  # workers being started, counted against `size` with those running
        self._start_failed = False  # the last attempt to start a worker failed: none may start until one does
        self._closed = False
        # The one image backend, in this process (loaded on its first picture): workers ask it over their pipes.
        # Requests are served by a few shared threads; the backend batches concurrent ones on the device.
        self.pictures: ImageBackend = image_backend(image_config(settings))
        self._picture_threads = ThreadPoolExecutor(max_workers=max(2, settings.image_max_batch),
                                                   thread_name_prefix="atelier-pictures")

    @property
    def ready(self) -> bool:
        """Whether the pool can take a job now or soon: open, with a live or startable worker."""
        with self._changed:
            if self._closed:
                return False
            if any(w.alive for w in self._all) or self._starting > 0:
                return True
            # No worker is running: the pool can render only if one can be started.
            return len(self._all) < self.size and not self._start_failed

    def start(self) -> None:
        """Starts every worker now, so the first render finds one warm (the forkserver's imports take about a
        second; the server answers meanwhile when this runs on a thread of its own). A worker that cannot start is
        logged and leaves the pool not ready (/healthz says so); each render tries again."""
        try:
            while (worker := self._spawn()) is not None:
                self._give_back(worker)
        except RenderFailed:
            return

    def _spawn(self) -> _Worker | None:
        """A new worker, or None when there are `size` already (or the pool is closed)."""
        with self._changed:
            if self._closed or self._starting + len(self._all) >= self.size:
                return None
            self._starting += 1
        worker = None
        try:
            worker = _Worker(self._context, self.settings, self.pictures.name)
        except Exception as exc:
            log.exception("a render worker could not be started")
            raise RenderFailed(503, "no render worker could be started on the server "
                                    f"({type(exc).__name__}); the server log has the details") from None
        finally:
            with self._changed:  # counted as starting until it is counted as running: never both, never neither
                self._starting -= 1
                self._start_failed = worker is None
                if worker is not None:
                    self._all.add(worker)
                self._changed.notify_all()
        return worker

    def _take(self) -> _Worker:
        """An idle worker, a new one while there are fewer than `size`, else the next that comes back."""
        while True:
            worker: _Worker | None
            with self._changed:
                while True:
                    if self._closed:
                        raise PoolClosed()
                    if self._idle:
                        worker = self._idle.pop()
                        break
                    if self._starting + len(self._all) < self.size:
                        worker = None
                        break
                    self._changed.wait(1.0)
            if worker is None:
                worker = self._spawn()
                if worker is None:
                    continue
            if worker.alive:
                return worker
            self._forget(worker)

    def _forget(self, worker: _Worker) -> None:
        worker.kill()
        with self._changed:
            self._all.discard(worker)
            self._changed.notify_all()

    def _give_back(self, worker: _Worker) -> None:
        with self._changed:
            if not self._closed and worker.alive:
                self._idle.append(worker)
                self._changed.notify_all()
                return
        self._forget(worker)

    def run(self, job: Job, progress: Progress, cancel: threading.Event,
            started: Callable[[], None] = lambda: None) -> Outcome:
        """Runs `job` in a worker. Raises Cancelled, or RenderFailed with the answer to give (the status a
        UserError carried, or a server failure)."""
        job_id = next(self._ids)
        worker = self._take()
        try:
            started()
            try:
                worker.send(("job", job_id, job))
            except OSError:  # it died while idle: a fresh one takes the job
                self._forget(worker)
                worker = self._take()
                worker.send(("job", job_id, job))
            outcome = self._follow(worker, job_id, progress, cancel)
        except _WorkerLost as lost:
            self._forget(worker)
            raise lost.answer from None
        except (Cancelled, RenderFailed):  # the worker's own last word on the job: it is free again
            self._give_back(worker)
            raise
        except (RecursionError, TypeError, ValueError, AttributeError) as exc:
            # The job could not be pickled for the pipe (pickling fails before anything is written): the worker
            # never saw it, and the request was at fault.
            self._give_back(worker)
            log.warning("a job could not be sent to a render worker", exc_info=True)
            raise RenderFailed(422, f"the request could not be prepared for rendering ({type(exc).__name__}); "
                                    "it is probably nested too deeply") from None
        except BaseException:  # anything else may have left the job running in there
            self._forget(worker)
            raise
        self._give_back(worker)
        return outcome

    def _follow(self, worker: _Worker, job_id: int, progress: Progress, cancel: threading.Event) -> Outcome:
        """Relays the worker's messages for one job until it ends."""
        asked_to_stop: float | None = None
        while True:
            if cancel.is_set() and asked_to_stop is None:
                asked_to_stop = time.monotonic()
                _quietly(worker.send, ("cancel", job_id))
            if asked_to_stop is not None and time.monotonic() - asked_to_stop > CANCEL_GRACE_S:
                log.warning("a cancelled render did not stop within %.0f s; its worker was replaced", CANCEL_GRACE_S)
                raise _WorkerLost(Cancelled())
            try:
                if not worker.conn.poll(0.1):
                    continue
                message = worker.conn.recv()
            except (EOFError, OSError):
                if self._closed:  # the server is stopping and closed the pipe itself
                    raise _WorkerLost(PoolClosed()) from None
                code = worker.process.exitcode if not worker.process.is_alive() else None
                log.error("a render worker stopped in the middle of a render (exit code %s)", code)
                raise _WorkerLost(RenderFailed(500, "the render worker stopped unexpectedly (it may have run out of "
                                               "memory); the server log has the details")) from None
            kind = message[0]
            if kind == "progress":
                progress(message[2], message[3])
            elif kind == "pictures":
                self._draw_pictures(worker, message[1], message[2])
            elif kind == "done":
                return message[2]
            elif kind == "cancelled":
                raise Cancelled()
            elif kind == "failed":
                raise RenderFailed(message[2], message[3])

    def _draw_pictures(self, worker: _Worker, call_id: int, kwargs: dict) -> None:
        """Asks this process's image backend for a worker's pictures on the shared picture threads: a render may
        wait for several at once, and the backend batches concurrent requests on the device."""
        def draw() -> None:
            try:
                answer: list[GeneratedImage] | str = self.pictures.generate_many(**kwargs)
            except Exception as exc:  # noqa: BLE001 - the worker raises it inside the render that asked
                log.exception("picture generation failed")
                answer = f"{type(exc).__name__}: {exc}"
            _quietly(worker.send, ("pictures", call_id, answer))

        self._picture_threads.submit(draw)

    def close(self) -> None:
        with self._changed:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
            self._idle.clear()
            self._changed.notify_all()
        for worker in workers:
            worker.stop()
        self._picture_threads.shutdown(wait=False, cancel_futures=True)


class _WorkerLost(Exception):
    """The worker cannot be trusted with another job (it died, or would not stop); `answer` is the render's end."""

    def __init__(self, answer: Exception):
        super().__init__(str(answer))
        self.answer = answer


def _quietly(send, message: tuple) -> None:
    try:
        send(message)
    except (OSError, ValueError):  # the worker is gone; whoever waits on it finds out from its pipe
        pass


# ---- the worker side ------------------------------------------------------------------------------------------

class _PipeImages(ImageBackendBase):
    """A worker's image backend: pictures are drawn by the server process, which owns the model (and the GPU)."""

    def __init__(self, name: str, ask):
        self.name = name
        self._ask = ask

    def generate_many(self, prompt: str, *, count: int, width: int, height: int, seed: int | None = None,
                      negative_prompt: str | None = None, style: str | None = None) -> list[GeneratedImage]:
        return self._ask(dict(prompt=prompt, count=count, width=width, height=height, seed=seed,
                              negative_prompt=negative_prompt, style=style))


class _WorkerLoop:
    """Inside a worker: one reader thread takes messages off the pipe; the main thread renders one job at a time."""

    def __init__(self, conn, settings: Settings, picture_backend: str):
        self.conn = conn
        self.settings = settings
        self.picture_backend = picture_backend
        self.jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._send_lock = threading.Lock()
        self._cancels: dict[int, threading.Event] = {}
        self._pictures: dict[int, Future] = {}
        self._calls = itertools.count(1)
        self._lock = threading.Lock()

    def send(self, message: tuple) -> None:
        with self._send_lock:
            self.conn.send(message)

    def read(self) -> None:
        while True:
            try:
                message = self.conn.recv()
            except (EOFError, OSError):
                os._exit(0)  # the server went away: nothing this worker makes can be delivered
            kind = message[0]
            if kind == "job":
                with self._lock:
                    self._cancels[message[1]] = threading.Event()
                self.jobs.put(message)
            elif kind == "cancel":
                with self._lock:
                    event = self._cancels.get(message[1])
                if event is not None:
                    event.set()
            elif kind == "pictures":
                with self._lock:
                    waiting = self._pictures.pop(message[1], None)
                if waiting is not None:
                    waiting.set_result(message[2])

    def ask_for_pictures(self, kwargs: dict) -> list[GeneratedImage]:
        call_id = next(self._calls)
        answer: Future = Future()
        with self._lock:
            self._pictures[call_id] = answer
        self.send(("pictures", call_id, kwargs))
        result = answer.result()
        if isinstance(result, str):
            raise RuntimeError(f"the image model failed: {result}")
        return result

    def images(self) -> RenderImages:
        if not self.settings.image_model:
            return images_for_render(self.settings)  # offline illustrations are drawn right here
        return RenderImages(_PipeImages(self.picture_backend, self.ask_for_pictures),
                            self.settings.image_max_per_render)

    def serve(self) -> None:
        threading.Thread(target=self.read, name="atelier-worker-pipe", daemon=True).start()
        while True:
            _, job_id, job = self.jobs.get()
            with self._lock:
                cancel = self._cancels[job_id]
            try:
                self.send(self.render(job_id, job, cancel))
            finally:
                with self._lock:
                    self._cancels.pop(job_id, None)

    def render(self, job_id: int, job: Job, cancel: threading.Event) -> tuple:
        def progress(event: str, data: dict) -> None:
            self.send(("progress", job_id, event, data))

        try:
            outcome = run_job(job, self.settings, progress, cancel, images=self.images())
        except Cancelled:
            return ("cancelled", job_id)
        except Exception as exc:  # noqa: BLE001 - every failure becomes an answer for the server to give
            return ("failed", job_id, *failure_answer(exc))
        return ("done", job_id, outcome)


def die_with_parent() -> None:
    """Asks Linux to kill this process when the process that forked it ends (the forkserver, which ends with the
    server), so a server killed outright leaves no renders (or helpers) running behind it."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the worker notices its closed pipe instead
        pass
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the server, which then stops its helpers


def _worker_main(conn, settings: Settings, picture_backend: str) -> None:
    die_with_parent()
    _WorkerLoop(conn, settings, picture_backend).serve()
