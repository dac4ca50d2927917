"""Fact stages run after entity extraction: named policies, figures with targets, official visits."""

from shuanglian.extract.facts.events import EventStage
from shuanglian.extract.facts.figures import FigureStage
from shuanglian.extract.facts.policies import PolicyStage

__all__ = ["EventStage", "FigureStage", "PolicyStage"]
