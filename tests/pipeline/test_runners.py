"""Runners are interchangeable: same output, same order; the process runner reads its input lazily."""

from __future__ import annotations

from collections.abc import Iterator

from shuanglian.document import Document
from shuanglian.pipeline import FunctionStage, Pipeline
from shuanglian.pipeline.runners import LocalRunner, ProcessPoolRunner, make_runner


def _upper(doc: Document) -> Document:
    if doc.raw == "boom":
        raise ValueError("bad page")
    doc.text = doc.raw.upper()
    return doc


def _factory() -> Pipeline:
    return Pipeline([FunctionStage("upper", _upper)])


def _docs(n: int, pulled: list[int] | None = None) -> Iterator[Document]:
    for i in range(n):
        if pulled is not None:
            pulled.append(i)
        yield Document(source=f"d{i}", raw="boom" if i == 3 else f"page {i}")


def test_local_and_process_runners_agree_in_order() -> None:
    local = [(d.source, d.text, d.error) for d in LocalRunner(_factory, batch_size=4).run(_docs(20))]
    pooled = [(d.source, d.text, d.error) for d in ProcessPoolRunner(_factory, 2, 4).run(_docs(20))]
    assert local == pooled
    assert [s for s, _, _ in local] == [f"d{i}" for i in range(20)]
    assert local[3][2] is not None and "bad page" in local[3][2]  # one bad page marked, batch goes on
    assert local[4][1] == "PAGE 4"


def test_process_runner_reads_input_lazily() -> None:
    pulled: list[int] = []
    it = ProcessPoolRunner(_factory, workers=2, batch_size=2).run(_docs(1000, pulled))
    first = next(it)
    assert first.source == "d0"
    assert len(pulled) < 100  # a bounded window, not the whole input
    it.close()  # type: ignore[attr-defined]


def test_make_runner_rejects_unknown_kind() -> None:
    try:
        make_runner("spark", _factory)
    except ValueError as exc:
        assert "spark" in str(exc)
    else:
        raise AssertionError("unknown runner accepted")


def test_ray_runner_agrees_and_starts_once() -> None:
    import ray

    from shuanglian.pipeline.runners import RayRunner

    runner = RayRunner(_factory, batch_size=4, workers=2)
    try:
        local = [(d.source, d.text, d.error) for d in LocalRunner(_factory, batch_size=4).run(_docs(20))]
        first = [(d.source, d.text, d.error) for d in runner.run(_docs(20))]
        actors = list(runner._actors)
        again = [(d.source, d.text, d.error) for d in runner.run(_docs(20))]
        assert first == local == again
        assert runner._actors == actors and len(actors) == 2  # the pool is built once, reused
    finally:
        runner.close()
        ray.shutdown()
