"""Import point that registers every table on `Base.metadata` (documents, graph, users...)."""

from __future__ import annotations

from shuanglian.chains import tables as chain_tables  # noqa: F401
from shuanglian.graph import tables as graph_tables  # noqa: F401
from shuanglian.projects import tables as project_tables  # noqa: F401
from shuanglian.registers import tables as register_tables  # noqa: F401
from shuanglian.store import documents  # noqa: F401
from shuanglian.targets import tables as target_tables  # noqa: F401
from shuanglian.web import auth_tables  # noqa: F401
