"""Scoring gold against predictions: the totals of `score.py`, and the breakdowns of the report.

One `Evaluation` holds, over the articles scored: event, strict-event and finding tallies; the
same per act, per treaty and per finding kind; the modality confusion table over matched events;
negatives with output; invented violations (see `invented.py`); and each article's differences
with the evidence the reader gave for its predictions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from treatywatch.evaluation.invented import invented_violations
from treatywatch.evaluation.matching import (
    EventKey,
    FindingKey,
    Tally,
    family_match,
    finding_match,
    pair_up,
    strict_match,
)

UNSTATED = "unstated"


def evidence_of(item: dict[str, Any]) -> list[str]:
    """The evidence sentences a predicted event or finding carries."""
    out = []
    for ev in item.get("evidence") or []:
        text = ev.get("text") if isinstance(ev, dict) else None
        if text:
            out.append(str(text))
    return out


@dataclass
class Difference:
    """One error in one article: what it is (a brief tuple) and the reader's evidence."""

    what: str  # missed_event, extra_event, wrong_modality, missed_finding, extra_finding
    item: tuple
    evidence: list[str] = field(default_factory=list)
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "what": self.what,
            "item": list(self.item),
            "evidence": self.evidence,
            "note": self.note,
        }


@dataclass
class ArticleScore:
    id: str
    differences: list[Difference] = field(default_factory=list)
    invented: list[dict[str, Any]] = field(default_factory=list)
    negative_with_output: bool = False
    missing: bool = False

    def of(self, what: str) -> list[tuple]:
        return [d.item for d in self.differences if d.what == what]

    @property
    def missed_events(self) -> list[tuple]:
        return self.of("missed_event")

    @property
    def extra_events(self) -> list[tuple]:
        return self.of("extra_event")

    @property
    def wrong_modality(self) -> list[tuple]:
        return self.of("wrong_modality")

    @property
    def missed_findings(self) -> list[tuple]:
        return self.of("missed_finding")

    @property
    def extra_findings(self) -> list[tuple]:
        return self.of("extra_finding")

    @property
    def clean(self) -> bool:
        return not (self.differences or self.missing)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "missing": self.missing,
            "differences": [d.to_json() for d in self.differences],
            "invented": self.invented,
        }


def _groups() -> dict[str, Tally]:
    return {}


@dataclass
class Evaluation:
    events: Tally = field(default_factory=Tally)
    strict: Tally = field(default_factory=Tally)
    findings: Tally = field(default_factory=Tally)
    by_act: dict[str, Tally] = field(default_factory=_groups)
    by_act_strict: dict[str, Tally] = field(default_factory=_groups)
    by_treaty: dict[str, Tally] = field(default_factory=_groups)
    by_treaty_strict: dict[str, Tally] = field(default_factory=_groups)
    by_kind: dict[str, Tally] = field(default_factory=_groups)
    modality: Counter = field(default_factory=Counter)  # (gold, predicted) -> count
    modality_ok: int = 0
    modality_n: int = 0
    negatives: int = 0
    negatives_with_output: int = 0
    scope_violations: int = 0
    missing: int = 0
    articles: list[ArticleScore] = field(default_factory=list)

    @property
    def invented(self) -> list[dict[str, Any]]:
        return [v for a in self.articles for v in a.invented]

    def summary(self) -> dict[str, Any]:
        """The figures, under the names `score.py` prints, rounded to three places."""
        ep, er, ef = self.events.prf()
        fp, fr, ff = self.findings.prf()
        return {
            "event_p": round(ep, 3),
            "event_r": round(er, 3),
            "event_f1": round(ef, 3),
            "event_f1_strict": round(self.strict.prf()[2], 3),
            "modality_acc": round(self.modality_ok / self.modality_n, 3)
            if self.modality_n
            else None,
            "finding_p": round(fp, 3),
            "finding_r": round(fr, 3),
            "finding_f1": round(ff, 3),
            "negatives_with_output": f"{self.negatives_with_output}/{self.negatives}",
            "scope_violations": self.scope_violations,
            "missing_outputs": self.missing,
        }


def _count_groups(
    table: dict[str, Tally],
    gold: list[EventKey],
    pred: list[EventKey],
    pairs: list[tuple[int, int]],
    group: str,
) -> None:
    """Add one article's counts to `table`, keyed by the event's act or treaty."""

    def key(k: EventKey) -> str:
        value = getattr(k, group)
        if value is None and group == "treaty" and k.family:
            return f"none ({k.family})"  # a gold naval mine or ERW event: under no treaty
        return value or UNSTATED

    optional_hit = {pi for gi, pi in pairs if gold[gi].optional}
    paired_pred = {gi: pi for gi, pi in pairs}
    for gi, g in enumerate(gold):
        if g.optional:
            continue
        name = key(g) if key(g) != UNSTATED or gi not in paired_pred else key(pred[paired_pred[gi]])
        tally = table.setdefault(name, Tally())
        tally.gold += 1
        tally.tp += gi in paired_pred
    for pi, p in enumerate(pred):
        if pi not in optional_hit:
            table.setdefault(key(p), Tally()).predicted += 1


def score_article(result: Evaluation, gold: dict[str, Any], pred: dict[str, Any] | None) -> None:
    """Add one article's counts to `result` (a missing prediction counts as empty output)."""
    detail = ArticleScore(str(gold.get("id")), missing=pred is None)
    result.missing += pred is None
    pred = pred or {}
    gev = [EventKey.of(e) for e in gold.get("events") or []]
    raw_ev = [e for e in pred.get("events") or [] if EventKey.of(e).counted]
    pev = [EventKey.of(e) for e in raw_ev]
    pairs = pair_up(gev, pev, family_match)
    spairs = pair_up(gev, pev, strict_match)
    result.events.add(gev, pev, pairs)
    result.strict.add(gev, pev, spairs)
    _count_groups(result.by_act, gev, pev, pairs, "act")
    _count_groups(result.by_act_strict, gev, pev, spairs, "act")
    _count_groups(result.by_treaty, gev, pev, pairs, "treaty")
    _count_groups(result.by_treaty_strict, gev, pev, spairs, "treaty")
    for gi, pi in pairs:
        g, p = gev[gi], pev[pi]
        if g.optional or not g.modality:
            continue
        result.modality_n += 1
        result.modality[(g.modality, p.modality or "none")] += 1
        if g.modality == p.modality:
            result.modality_ok += 1
        else:
            detail.differences.append(
                Difference(
                    "wrong_modality",
                    g.brief() + (g.modality, p.modality),
                    evidence_of(raw_ev[pi]),
                    f"gold {g.modality}, read {p.modality}",
                )
            )
    gf = [FindingKey.of(f) for f in gold.get("findings") or []]
    raw_f = [f for f in pred.get("findings") or [] if FindingKey.of(f).counted]
    pf = [FindingKey.of(f) for f in raw_f]
    fpairs = pair_up(gf, pf, finding_match)
    result.findings.add(gf, pf, fpairs)
    for kind in {k.kind for k in gf} | {k.kind for k in pf}:
        sub = [i for i, k in enumerate(gf) if k.kind == kind]
        subp = [i for i, k in enumerate(pf) if k.kind == kind]
        tally = result.by_kind.setdefault(kind, Tally())
        gpos, ppos = {i: n for n, i in enumerate(sub)}, {i: n for n, i in enumerate(subp)}
        tally.add(
            [gf[i] for i in sub],
            [pf[i] for i in subp],
            [(gpos[gi], ppos[pi]) for gi, pi in fpairs if gi in gpos and pi in ppos],
        )
    if gold.get("negative"):
        result.negatives += 1
        detail.negative_with_output = bool(pev or pf)
        result.negatives_with_output += detail.negative_with_output
    if gold.get("no_findings") and pf:
        result.scope_violations += 1
    _differences(detail, gev, pev, raw_ev, pairs, gf, pf, raw_f, fpairs)
    detail.invented = invented_violations(detail.id, gf, raw_f)
    result.articles.append(detail)


def _differences(
    detail: ArticleScore,
    gev: list[EventKey],
    pev: list[EventKey],
    raw_ev: list[dict[str, Any]],
    pairs: list,
    gf: list[FindingKey],
    pf: list[FindingKey],
    raw_f: list[dict[str, Any]],
    fpairs: list,
) -> None:
    hit, used = {g for g, _ in pairs}, {p for _, p in pairs}
    for i, k in enumerate(gev):
        if i not in hit and not k.optional:
            detail.differences.append(Difference("missed_event", k.brief()))
    for i, k in enumerate(pev):
        if i not in used:
            detail.differences.append(
                Difference("extra_event", k.brief() + (k.modality,), evidence_of(raw_ev[i]))
            )
    fhit, fused = {g for g, _ in fpairs}, {p for _, p in fpairs}
    for i, k in enumerate(gf):
        if i not in fhit and not k.optional:
            detail.differences.append(Difference("missed_finding", k.brief()))
    for i, k in enumerate(pf):
        if i not in fused:
            detail.differences.append(
                Difference(
                    "extra_finding",
                    k.brief(),
                    evidence_of(raw_f[i]),
                    str(raw_f[i].get("explanation") or ""),
                )
            )


def evaluate(
    gold: Iterable[dict[str, Any]], predictions: dict[str, dict[str, Any] | None]
) -> Evaluation:
    """Score predictions (by article id; None = no output) against gold rows."""
    result = Evaluation()
    for row in gold:
        score_article(result, row, predictions.get(str(row.get("id"))))
    return result
