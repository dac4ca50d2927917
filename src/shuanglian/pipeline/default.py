"""The product's default pipeline (clean or plain, then extract) and picklable factories for runners."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from shuanglian.pipeline import Pipeline, Stage


def build_pipeline(plain: bool = False, extract: bool = True) -> Pipeline:
    """Clean (or take the text exactly as given with `plain`), then extract facts unless `extract=False`."""
    # Stages are imported here, not at module level: process/Ray workers import this module first and
    # build the (model-loading) stages once inside the worker.
    stages: list[Stage] = []
    if plain:
        from shuanglian.clean.pipeline import PlainStage

        stages.append(PlainStage())
    else:
        from shuanglian.clean.pipeline import CleanStage

        stages.append(CleanStage())
    if extract:
        from shuanglian.extract.pipeline import ExtractStage

        stages.append(ExtractStage())
    return Pipeline(stages)


def pipeline_factory(plain: bool = False, extract: bool = True) -> Callable[[], Pipeline]:
    """A picklable zero-argument factory for `build_pipeline` (what process and Ray runners ship)."""
    return partial(build_pipeline, plain=plain, extract=extract)
