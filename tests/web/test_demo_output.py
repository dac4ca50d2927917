"""What `shuanglian demo` tells a newcomer: the chain line counts the entities the chain maps show."""

from __future__ import annotations

import re
from pathlib import Path

from shuanglian.web.demo import prepare_demo


def test_demo_reports_the_entities_on_chain_links(tmp_path: Path) -> None:
    lines: list[str] = []
    prepare_demo(f"sqlite:///{tmp_path / 'demo.db'}", echo=lines.append)
    (line,) = [x for x in lines if x.startswith("chains:")]
    m = re.fullmatch(r"chains: (\d+) entities on chain links", line)
    assert m and int(m.group(1)) > 0, line  # placed as the samples were stored, not "0 placed"
