"""Normal forms of gold and predicted items and how they match (docs/DESIGN.md, Scoring).

- Events compare on a normal form: `acquire B<-A` is `transfer A->B`; ratify, accede and
  succeed are all `join`; the other side is the counterpart for transfers, the location for
  use/clear/casualty, nothing for the other acts; treaty acts (join, sign, withdraw, suspend)
  compare the treaty in place of the weapon. A null gold field matches anything.
- Weapons compare by family (landmine, cluster, naval, erw) for the main score and exactly for
  the strict one (where a gold "mine" of unstated type accepts any landmine).
- Only predicted events of a family the treaties cover (landmine, cluster, or a treaty act)
  count. Pairing is greedy and one-to-one, required gold items first; an optional gold item is
  never a miss, and a prediction paired with it is never a false alarm.
- Findings count only of the compliance kinds (prohibited_act, deadline_missed, non_party_act)
  and match on treaty, state, kind and the article's leading number ("1.1.b" is "1").

These are the rules of `../shared/eval/score.py`; a test holds the two to the same figures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from treatywatch.model import COMPLIANCE_KINDS

FAMILIES = {
    "ap_mine": "landmine",
    "av_mine": "landmine",
    "mine": "landmine",
    "improvised_mine": "landmine",
    "cluster_munition": "cluster",
    "naval_mine": "naval",
    "erw": "erw",
}
JOINING = frozenset({"ratify", "accede", "succeed", "join"})
TREATY_LEVEL = frozenset({"join", "sign", "withdraw", "suspend"})
PLACED = frozenset({"use", "clear", "casualty"})
COUNTED_FAMILIES = frozenset({"landmine", "cluster", "apmbc", "ccm"})
TREATY_OF_FAMILY = {"landmine": "apmbc", "cluster": "ccm", "apmbc": "apmbc", "ccm": "ccm"}
COMPLIANCE = frozenset(str(k) for k in COMPLIANCE_KINDS)


def _low(value: Any) -> str | None:
    return str(value).lower() if value else None


@dataclass(frozen=True)
class EventKey:
    act: str
    actor: str | None
    other: str | None
    weapon: str | None
    family: str | None
    modality: str | None
    optional: bool = False

    @classmethod
    def of(cls, event: dict[str, Any]) -> EventKey:
        act = (event.get("act") or "").lower()
        actor, other = event.get("actor"), event.get("counterpart")
        if act == "acquire":
            act, actor, other = "transfer", other, actor
        act = "join" if act in JOINING else act
        if act in PLACED:
            other = event.get("location")
        elif act != "transfer":
            other = None
        weapon = _low(event.get("weapon"))
        family = FAMILIES.get(weapon, weapon) if weapon else None
        if act in TREATY_LEVEL:
            weapon = family = _low(event.get("treaty"))
        return cls(
            act,
            actor,
            other,
            weapon,
            family,
            _low(event.get("modality")),
            bool(event.get("optional")),
        )

    @property
    def counted(self) -> bool:
        return self.family in COUNTED_FAMILIES

    @property
    def treaty(self) -> str | None:
        """The treaty the event falls under by its weapon or act (None: not stated)."""
        return TREATY_OF_FAMILY.get(self.family or "")

    def brief(self) -> tuple:
        return (self.act, self.actor, self.other, self.family)

    def matches(self, pred: EventKey, *, strict: bool) -> bool:
        """Whether `pred` matches this gold event (gold nulls are wildcards)."""
        if self.act != pred.act:
            return False
        if (self.actor is not None and self.actor != pred.actor) or (
            self.other is not None and self.other != pred.other
        ):
            return False
        wanted = self.weapon if strict else self.family
        got = pred.weapon if strict else pred.family
        if wanted is None or wanted == got:
            return True
        return strict and self.weapon == "mine" and pred.family == "landmine"


@dataclass(frozen=True)
class FindingKey:
    treaty: str
    state: str | None
    kind: str
    article: str | None
    optional: bool = False

    @classmethod
    def of(cls, finding: dict[str, Any]) -> FindingKey:
        article = str(finding.get("article") or "")
        return cls(
            (finding.get("treaty") or "").lower(),
            finding.get("state"),
            (finding.get("kind") or "").lower(),
            article.split(".")[0] or None,
            bool(finding.get("optional")),
        )

    @property
    def counted(self) -> bool:
        return self.kind in COMPLIANCE

    def brief(self) -> tuple:
        return (self.treaty, self.state, self.kind, self.article)

    def matches(self, pred: FindingKey) -> bool:
        pairs = (
            (self.treaty, pred.treaty),
            (self.state, pred.state),
            (self.kind, pred.kind),
            (self.article, pred.article),
        )
        return all(g is None or g == p for g, p in pairs)


def pair_up(
    gold: list[Any], pred: list[Any], match: Callable[[Any, Any], bool]
) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, prediction index); required gold items go first."""
    taken: set[int] = set()
    pairs = []
    for gi in sorted(range(len(gold)), key=lambda i: gold[i].optional):
        for pi, p in enumerate(pred):
            if pi not in taken and match(gold[gi], p):
                taken.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def family_match(gold: EventKey, pred: EventKey) -> bool:
    return gold.matches(pred, strict=False)


def strict_match(gold: EventKey, pred: EventKey) -> bool:
    return gold.matches(pred, strict=True)


def finding_match(gold: FindingKey, pred: FindingKey) -> bool:
    return gold.matches(pred)


@dataclass
class Tally:
    """Counts for one kind of item: true positives, predictions that count, required gold."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, gold: list[Any], pred: list[Any], pairs: list[tuple[int, int]]) -> None:
        optional_hits = sum(1 for gi, _ in pairs if gold[gi].optional)
        self.tp += len(pairs) - optional_hits
        self.predicted += len(pred) - optional_hits
        self.gold += sum(1 for g in gold if not g.optional)

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.predicted if self.predicted else 1.0
        r = self.tp / self.gold if self.gold else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def figures(self) -> dict[str, Any]:
        p, r, f = self.prf()
        return {
            "p": round(p, 3),
            "r": round(r, 3),
            "f1": round(f, 3),
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
        }
