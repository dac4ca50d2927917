"""Service functions shared by the CLI, the HTTP API and the web app (one per area).

Projectors of the packages above the projections layer register here (targets re-derive figures
through the extractor; projects read targets; matching re-links records): the projections layer
imports none of them, so there is no import cycle. Every service write imports this package first, so
they are always in place when apply_changes runs.
"""

from shuanglian.matching.projector import MatchingIndex
from shuanglian.projections import projector_names, register
from shuanglian.projects.projection import ProjectsProjector
from shuanglian.targets.projection import TargetsProjector

if "targets" not in projector_names():
    register("targets", TargetsProjector, after="search_index")  # targets/outcomes derived from the documents (issue 13)
if "projects" not in projector_names():
    register("projects", ProjectsProjector, after="targets")  # managed projects follow their documents (issues 9, 13)
if "matching_index" not in projector_names():
    register("matching_index", MatchingIndex, after="projects")  # demand/supply records follow entities and chains
