"""How the engine consults the learned classifier: a policy, installed through
`modality.set_classifier` (a modality instead of the rules') and `rejects` (a mention the
classifier calls `none`, dropped where the engine builds mentions).

The setting `TREATYWATCH_LEARNED` (read once, when this module is first imported) picks the
policy: `off` (the default), `on` (the shipped policy, `DEFAULT_POLICY`), or a policy spelled
out, e.g. `decisions:0.8` or `confident:0.9`. `configure` does the same from code.
`TREATYWATCH_LEARNED_MODEL` names another trained model folder (default: the shipped one).

Policies:
- `off`: the rules alone.
- `confident:T`: the classifier's label wherever its probability is at least T (`none` drops
  the mention).
- `decisions:T`: only the hard pairs of the label scheme, at probability T or more: not-an-act
  vs act (`none` drops), alleged vs occurred or ongoing, announced vs occurred, hypothetical vs
  announced or occurred, denied vs negated; elsewhere the rules stand.
- `swaps:T`: as `decisions`, but never drops a mention (not-an-act stays with the rules).
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from treatywatch.errors import TreatywatchError
from treatywatch.extract.learned.classifier import MODEL_DIR, Reading, classify
from treatywatch.extract.modality import ALLEGEABLE, set_classifier
from treatywatch.model import Act, Modality

__all__ = [
    "BadSetting",
    "Policy",
    "configure",
    "use_model",
    "active",
    "rejects",
    "ENV",
    "DEFAULT_POLICY",
]

ENV = "TREATYWATCH_LEARNED"
MODEL_ENV = "TREATYWATCH_LEARNED_MODEL"
_model = Path(os.environ.get(MODEL_ENV) or MODEL_DIR)
DEFAULT_POLICY = "decisions:0.9"  # the best "both" measured (docs/learned.md)
_O, _G, _A, _L, _D, _N, _H = (
    Modality.OCCURRED,
    Modality.ONGOING,
    Modality.ANNOUNCED,
    Modality.ALLEGED,
    Modality.DENIED,
    Modality.NEGATED,
    Modality.HYPOTHETICAL,
)
# The hard pairs of the label scheme, the only ones `decisions` may swap: accusation vs fact,
# plan vs act, condition vs plan or act, denial vs negation.
_PAIRS = frozenset(
    frozenset(p) for p in ((_O, _L), (_G, _L), (_O, _A), (_A, _H), (_O, _H), (_D, _N))
)


class BadSetting(TreatywatchError, ValueError):
    """A `TREATYWATCH_LEARNED` value that names no policy."""


@dataclass(frozen=True)
class Policy:
    kind: str  # "confident", "decisions" or "swaps"
    threshold: float

    @classmethod
    def parse(cls, spec: str) -> Policy | None:
        """`off` -> None; `on` -> the default policy; `kind:threshold` -> that policy."""
        spec = spec.strip().lower()
        if spec in ("", "off", "0", "false", "no"):
            return None
        if spec in ("on", "1", "true", "yes"):
            spec = DEFAULT_POLICY
        kind, _, number = spec.partition(":")
        try:
            threshold = float(number) if number else 0.0
        except ValueError:
            threshold = -1.0
        if kind not in ("confident", "decisions", "swaps") or not 0.0 <= threshold <= 1.0:
            raise BadSetting(
                f"{ENV}={spec!r}: expected off, on, confident:T, decisions:T or swaps:T "
                "(0 <= T <= 1)"
            )
        return cls(kind, threshold)

    def modality(self, reading: Reading, ruled: Modality, act: Act) -> Modality | None:
        """The modality to use instead of the rules' `ruled`, or None to keep it. Only a
        misdeed can be alleged or denied (`modality.ALLEGEABLE`): joining or clearing told by
        a speaker is reported, whatever the sentence's words."""
        if reading.label == "none" or reading.probability < self.threshold:
            return None
        learned = Modality(reading.label)
        if learned in (Modality.ALLEGED, Modality.DENIED) and act not in ALLEGEABLE:
            return None
        if self.kind == "confident":
            return learned
        return learned if frozenset((ruled, learned)) in _PAIRS else None

    def drops(self, reading: Reading) -> bool:
        if self.kind == "swaps":
            return False
        return reading.label == "none" and reading.probability >= self.threshold


_policy: Policy | None = None


@functools.lru_cache(maxsize=4096)
def _reading(text: str) -> Reading:
    return classify(text.strip(), _model)


def _consult(text: str, act: Act, ruled: Modality) -> Modality | None:
    return _policy.modality(_reading(text), ruled, act) if _policy else None


def rejects(text: str, act: Act) -> bool:
    """Whether the classifier, under the active policy, says the sentence tells no act."""
    return _policy is not None and _policy.drops(_reading(text))


def configure(spec: str | Policy | None) -> Policy | None:
    """Install a policy (a `Policy`, a spec as for `TREATYWATCH_LEARNED`, or None for off)."""
    global _policy
    _policy = Policy.parse(spec) if isinstance(spec, str) else spec
    set_classifier(_consult if _policy else None)
    return _policy


def use_model(path: Path) -> None:
    """Consult the model at `path` from now on (as `TREATYWATCH_LEARNED_MODEL` does)."""
    global _model
    _model = Path(path)
    _reading.cache_clear()


def active() -> Policy | None:
    return _policy


configure(os.environ.get(ENV, "off"))
