"""Interchangeable runners for a pipeline: local loop, process pool, Ray (imported lazily, only here)."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from shuanglian.document import Document

PipelineFactory = Callable[[], Any]

_worker_pipeline: Any = None


def _chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    buf: list[Document] = []
    for it in items:
        buf.append(it)
        if len(buf) >= size:
            yield buf
            buf = []
    if buf:
        yield buf


def _init_worker(factory: PipelineFactory) -> None:
    global _worker_pipeline
    _worker_pipeline = factory()


def _run_chunk(docs: list[Document]) -> list[Document]:
    assert _worker_pipeline is not None
    return list(_worker_pipeline.batch(docs))


class LocalRunner:
    """Run the pipeline in this process, in batches (models load once)."""

    def __init__(self, factory: PipelineFactory, batch_size: int = 16) -> None:
        self.factory = factory
        self.batch_size = batch_size
        self._pipeline: Any = None

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Yield processed documents in input order."""
        if self._pipeline is None:
            self._pipeline = self.factory()
        for chunk in _chunks(docs, self.batch_size):
            yield from self._pipeline.batch(chunk)


class ProcessPoolRunner:
    """Run the pipeline across worker processes; each worker builds the pipeline once."""

    def __init__(self, factory: PipelineFactory, workers: int = 2, batch_size: int = 16, window: int | None = None) -> None:
        self.factory = factory
        self.workers = workers
        self.batch_size = batch_size
        self.window = window  # chunks in flight (default two per worker): more keeps workers busy during writes

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Yield processed documents in input order."""
        # Submit lazily with a bounded window (Executor.map would read the whole input up front,
        # holding every page in memory and making Ctrl-C lose track of what was processed).
        window = self.window or self.workers * 2
        with ProcessPoolExecutor(self.workers, initializer=_init_worker, initargs=(self.factory,)) as ex:
            pending: deque[Future[list[Document]]] = deque()
            for chunk in _chunks(docs, self.batch_size):
                pending.append(ex.submit(_run_chunk, chunk))
                if len(pending) >= window:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()


class _RayWorker:
    """Body of one Ray actor: builds the pipeline once (models load once per worker, not per batch)."""

    def __init__(self, factory: PipelineFactory) -> None:
        self.pipeline = factory()

    def run(self, docs: list[Document]) -> list[Document]:
        """Process one chunk."""
        return list(self.pipeline.batch(docs))

    def ready(self) -> bool:
        """True once the pipeline is built (start-up is awaited once, before the first chunk)."""
        return True


class RayRunner:
    """Run the pipeline on a pool of Ray actors, locally or on a cluster (`address`, e.g. "auto" or
    "ray://head:10001"). Each actor builds the pipeline once; the pool is kept across `run` calls, so
    start-up is paid once per runner. Stages never import Ray themselves."""

    def __init__(self, factory: PipelineFactory, batch_size: int = 16, address: str | None = None,
                 workers: int = 2, window: int | None = None) -> None:  # fmt: skip
        self.factory = factory
        self.batch_size = batch_size
        self.address = address
        self.workers = workers
        self.window = window  # chunks in flight (default two per actor)
        self._actors: list[Any] = []

    def start(self) -> None:
        """Join the cluster (or start a local Ray with one CPU per worker) and build the worker pool."""
        import ray  # lazy: Ray is an optional extra

        if self._actors:
            return
        if not ray.is_initialized():
            if self.address:
                ray.init(address=self.address, log_to_driver=False)
            else:
                ray.init(num_cpus=self.workers, include_dashboard=False, log_to_driver=False)
        actor = ray.remote(num_cpus=1)(_RayWorker)
        self._actors = [actor.remote(self.factory) for _ in range(self.workers)]
        ray.get([a.ready.remote() for a in self._actors])

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Yield processed documents in input order (`window` chunks in flight, two per actor by default)."""
        import ray

        self.start()
        window = self.window or 2 * len(self._actors)
        pending: deque[Any] = deque()
        for i, chunk in enumerate(_chunks(docs, self.batch_size)):
            pending.append(self._actors[i % len(self._actors)].run.remote(chunk))
            if len(pending) >= window:
                yield from ray.get(pending.popleft())
        while pending:
            yield from ray.get(pending.popleft())

    def close(self) -> None:
        """Stop the actors (the Ray session itself is left to its owner)."""
        import ray

        for a in self._actors:
            ray.kill(a)
        self._actors = []


def make_runner(kind: str, factory: PipelineFactory, workers: int = 2, batch_size: int = 16,
                address: str | None = None) -> Any:  # fmt: skip
    """Build a runner by name: local, process, ray (`address`: the Ray cluster to join)."""
    if kind == "local":
        return LocalRunner(factory, batch_size)
    if kind == "process":
        return ProcessPoolRunner(factory, workers, batch_size)
    if kind == "ray":
        return RayRunner(factory, batch_size, address, workers)
    raise ValueError(f"unknown runner {kind!r} (local, process, ray)")
