"""The weights of a first-order linear-chain CRF trained by CRFsuite, and decoding with numpy.

CRFsuite scores a label sequence as the sum, over tokens, of the weights of the token's
attributes for its label, plus the weights of the transitions between consecutive labels.
The attributes of a token come in parts that recur (a word's own attributes, what it says
to its neighbours, a lexicon mark): summing each part's weights once into one vector per
label lets a caller build every token's label scores with a few array operations, and the
many short windows of one document are decoded together, as one batch. Viterbi keeps the
first best label on ties, as CRFsuite does; marginals come from forward-backward in log space.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


class LinearChainCrf:
    """Labels, transition weights and attribute weights of one CRFsuite model."""

    def __init__(self, path: str) -> None:
        import numpy as np
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        try:
            info = tagger.info()
            self.labels: tuple[str, ...] = tuple(tagger.labels())
        finally:
            tagger.close()
        index = {label: i for i, label in enumerate(self.labels)}
        n = len(self.labels)
        self.transitions = np.zeros((n, n))
        for (a, b), w in info.transitions.items():
            self.transitions[index[a], index[b]] = w
        self.exp_transitions = np.exp(self.transitions)
        # One row of weights (one per label) for each attribute with any: `index` maps the
        # attribute to its row of `matrix`, and `weights` to the row itself.
        self.index: dict[str, int] = {}
        for attr, _ in info.state_features:
            self.index.setdefault(attr, len(self.index))
        self.matrix = np.zeros((len(self.index), n))
        for (attr, label), w in info.state_features.items():
            self.matrix[self.index[attr], index[label]] += w
        self.weights = {attr: self.matrix[i] for attr, i in self.index.items()}
        self.zero = np.zeros(n)

    def score(self, attributes: Iterable[str]) -> np.ndarray:
        """The summed weights, one per label, of attributes (each counted as often as it
        occurs, as CRFsuite counts it); attributes the model does not know weigh nothing."""
        total = self.zero.copy()
        get = self.weights.get
        for a in attributes:
            w = get(a)
            if w is not None:
                total += w
        return total

    def viterbi(self, scores: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Best label indices for a batch of sequences, longest first: `scores` (steps,
        batch, labels) holds sequence b's token scores in steps [0, lengths[b]) (lengths in
        decreasing order; later steps are padding). Returns (steps, batch) label indices
        (padding: anything). Each step works on the sequences still running, a prefix of
        the batch, so a sequence's last scores stay in place once it has ended."""
        import numpy as np

        steps, batch, n = scores.shape
        # running[t]: how many sequences have a token at step t.
        running = (batch - np.cumsum(np.bincount(lengths, minlength=steps))[:steps]).tolist()
        back = np.empty((steps, batch, n), dtype=np.intp)
        candidates = np.empty((batch, n, n))
        delta = scores[0].copy()
        # candidates[b, j, i]: the best score ending in label i, then label j.
        into = self.transitions.T
        for t in range(1, steps):
            k = running[t]
            c, d = candidates[:k], delta[:k]
            np.add(d[:, None, :], into, out=c)
            c.argmax(2, out=back[t, :k])
            c.max(2, out=d)
            d += scores[t, :k]
        out = np.empty((steps, batch), dtype=np.intp)
        y = delta.argmax(1)
        out[steps - 1] = y
        rows = np.arange(batch)
        for t in range(steps - 1, 0, -1):
            k = running[t]
            y[:k] = back[t, rows[:k], y[:k]]
            out[t - 1] = y
        return out

    def marginals(self, scores: np.ndarray, at: list[int]) -> np.ndarray:
        """P(label | the sequence) at the steps `at` (sorted), (len(at), labels), for one
        sequence's token scores (steps, labels). Forward-backward on exponentiated scores,
        each step rescaled (the constants cancel out), only as far as `at` needs."""
        import numpy as np

        trans = self.exp_transitions
        # Each token's scores shifted to a maximum of 0: a factor common to every path.
        weights = np.exp(scores - scores.max(1)[:, None])
        first, last = at[0], at[-1]
        forward = np.empty((last + 1, weights.shape[1]))
        f = weights[0] / weights[0].sum()
        forward[0] = f
        for t in range(1, last + 1):
            f = (f @ trans) * weights[t]
            f /= f.sum()
            forward[t] = f
        backward = np.empty((len(scores) - first, weights.shape[1]))
        g = np.ones(weights.shape[1])
        backward[-1] = g
        for t in range(len(scores) - 2, first - 1, -1):
            g = trans @ (weights[t + 1] * g)
            g /= g.sum()
            backward[t - first] = g
        out = forward[at] * backward[[t - first for t in at]]
        return out / out.sum(1)[:, None]
