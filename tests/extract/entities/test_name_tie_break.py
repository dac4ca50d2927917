"""An entity written two ways of the same length is named by the form written first, whatever the hash seed
(the tie used to go to set order, which PYTHONHASHSEED decides)."""

from __future__ import annotations

import os
import subprocess
import sys

CODE = (
    "from shuanglian.extract.entities.stage import extract_entities\n"
    "print([(m.name, m.aliases) for m in extract_entities('总台记者在北京采访，央视记者随后报道，央视和总台联合制作节目。')"
    " if m.kind == 'media'])\n"
)


def test_entity_names_do_not_depend_on_the_hash_seed() -> None:
    outs = set()
    for seed in ("0", "1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", CODE], env=env, capture_output=True, text=True, check=True)
        outs.add(out.stdout.strip())
    assert outs == {"[('总台', ['央视'])]"}, outs
