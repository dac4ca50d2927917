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

    def __init__(self, factory: PipelineFactory, workers: int = 2, batch_size: int = 16) -> None:
        self.factory = factory
        self.workers = workers
        self.batch_size = batch_size

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Yield processed documents in input order."""
        # Submit lazily with a bounded window (Executor.map would read the whole input up front,
        # holding every page in memory and making Ctrl-C lose track of what was processed).
        window = self.workers * 2
        with ProcessPoolExecutor(self.workers, initializer=_init_worker, initargs=(self.factory,)) as ex:
            pending: deque[Future[list[Document]]] = deque()
            for chunk in _chunks(docs, self.batch_size):
                pending.append(ex.submit(_run_chunk, chunk))
                if len(pending) >= window:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()


class RayRunner:
    """Run the pipeline on a Ray cluster (or a local Ray); stages never import Ray themselves."""

    def __init__(self, factory: PipelineFactory, batch_size: int = 16, address: str | None = None) -> None:
        self.factory = factory
        self.batch_size = batch_size
        self.address = address

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Yield processed documents in input order."""
        import ray  # lazy: Ray is an optional extra

        if not ray.is_initialized():
            ray.init(address=self.address, include_dashboard=False, log_to_driver=False)
        factory = self.factory

        @ray.remote
        def work(chunk: list[Document]) -> list[Document]:
            return list(factory().batch(chunk))

        window = 8
        pending: deque[Any] = deque()
        for chunk in _chunks(docs, self.batch_size):
            pending.append(work.remote(chunk))
            if len(pending) >= window:
                yield from ray.get(pending.popleft())
        while pending:
            yield from ray.get(pending.popleft())


def make_runner(kind: str, factory: PipelineFactory, workers: int = 2, batch_size: int = 16) -> Any:
    """Build a runner by name: local, process, ray."""
    if kind == "local":
        return LocalRunner(factory, batch_size)
    if kind == "process":
        return ProcessPoolRunner(factory, workers, batch_size)
    if kind == "ray":
        return RayRunner(factory, batch_size)
    raise ValueError(f"unknown runner {kind!r} (local, process, ray)")
