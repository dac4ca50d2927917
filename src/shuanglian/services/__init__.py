"""Service functions shared by the CLI, the HTTP API and the web app (one per area).

Projectors that read document text through the extractor (targets re-derive figures) register here,
above the projections layer, which may not import the text pipeline; every service write imports this
package first, so they are always in place when apply_changes runs.
"""

from shuanglian.projections import projector_names, register
from shuanglian.projects.projection import ProjectsProjector
from shuanglian.targets.projection import TargetsProjector

if "targets" not in projector_names():
    register("targets", TargetsProjector, after="search_index")  # targets/outcomes derived from the documents (issue 13)
if "projects" not in projector_names():
    register("projects", ProjectsProjector, after="targets")  # managed projects follow their documents (issues 9, 13)
