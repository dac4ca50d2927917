"""Learn ranking weights from users' verdicts (useful / contacted = 1, not useful = 0).

A logistic regression over the stored pair features (numpy gradient descent, L2 towards the prior) gives
per-feature weights; they are blended with the prior weights by the amount of feedback, so a handful of
clicks nudges the ranking and a few hundred decide it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from shuanglian.matching.graph import FEATURES
from shuanglian.matching.rank import DEFAULT_WEIGHTS

VERDICTS = {"useful": 1.0, "contacted": 1.0, "not_useful": 0.0}
HALF_TRUST = 30  # feedback rows at which learned and prior weights count equally


def learn_weights(rows: Sequence[tuple[Mapping[str, float], str]],
                  prior: Mapping[str, float] = DEFAULT_WEIGHTS, steps: int = 300) -> dict[str, float]:
    """Weights from (features, verdict) rows; the prior when there is no feedback or one class only."""
    data = [(f, VERDICTS[v]) for f, v in rows if v in VERDICTS]
    ys = np.asarray([y for _, y in data])
    if len(data) < 2 or ys.min() == ys.max():
        return dict(prior)
    x = np.asarray([[float(f.get(k, 0.0)) for k in FEATURES] for f, _ in data])
    p0 = np.asarray([prior.get(k, 0.0) for k in FEATURES])
    w, b = p0.copy(), 0.0
    lam, lr = 0.1, 0.5
    for _ in range(steps):
        z = x @ w + b
        pred = 1 / (1 + np.exp(-z))
        grad = x.T @ (pred - ys) / len(ys) + lam * (w - p0)
        w -= lr * grad
        b -= lr * float(np.mean(pred - ys))
    w = np.clip(w, 0.0, None)  # a signal may be switched off by feedback but never turned against the match
    scale = p0.sum() / w.sum() if w.sum() > 0 else 1.0
    learned = w * scale  # same total weight as the prior, so scores stay comparable
    t = len(data) / (len(data) + HALF_TRUST)
    return {k: float((1 - t) * p0[i] + t * learned[i]) for i, k in enumerate(FEATURES)}
