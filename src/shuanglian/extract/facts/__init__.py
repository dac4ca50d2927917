"""Fact stages run after entity extraction: named policies, figures with targets, official visits, investment projects."""

from shuanglian.extract.facts.events import EventStage
from shuanglian.extract.facts.figures import FigureStage
from shuanglian.extract.facts.policies import PolicyStage
from shuanglian.extract.facts.projects import ProjectStage

__all__ = ["EventStage", "FigureStage", "PolicyStage", "ProjectStage"]
