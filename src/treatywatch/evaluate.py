"""Score analyses against gold annotations, by the rules of docs/DESIGN.md (Scoring).

Gold is JSONL, one article a line: `id`, `events`, `findings`, `negative`, `no_findings`,
optionally `published`. Predictions are the `analyze --json` objects (`events`, `findings`).

- Events are compared on a normal form: `acquire B<-A` is `transfer A->B`; ratify, accede and
  succeed are all `join`; the other side is the counterpart for transfers, the location for
  use/clear/casualty, nothing for the other acts; treaty acts (join, sign, withdraw, suspend)
  compare the treaty in place of the weapon. A null gold field matches anything.
- Weapons compare by family (landmine, cluster, naval, erw) for the main score and exactly for
  the strict one (where a gold "mine" of unstated type accepts any landmine).
- Only predicted events of a family the treaties cover (landmine, cluster, or a treaty act)
  count. Pairing is greedy and one-to-one, required gold items first; an optional gold item is
  never a miss, and a prediction paired with it is never a false alarm.
- Modality accuracy is over matched required gold events that give a modality.
- Findings count only of the compliance kinds (prohibited_act, deadline_missed, non_party_act)
  and match on treaty, state, kind and the article's leading number ("1.1.b" is "1").

The figures are those of `../shared/eval/score.py`, which this module re-implements.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from treatywatch.dates import leading_date
from treatywatch.errors import BadInput
from treatywatch.model import COMPLIANCE_KINDS

log = logging.getLogger(__name__)

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
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".json")


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


@dataclass
class ArticleScore:
    id: str
    missed_events: list[tuple] = field(default_factory=list)
    extra_events: list[tuple] = field(default_factory=list)
    missed_findings: list[tuple] = field(default_factory=list)
    extra_findings: list[tuple] = field(default_factory=list)
    wrong_modality: list[tuple] = field(default_factory=list)
    missing: bool = False

    @property
    def clean(self) -> bool:
        return not (
            self.missed_events
            or self.extra_events
            or self.missed_findings
            or self.extra_findings
            or self.wrong_modality
            or self.missing
        )


@dataclass
class Evaluation:
    events: Tally = field(default_factory=Tally)
    strict: Tally = field(default_factory=Tally)
    findings: Tally = field(default_factory=Tally)
    modality_ok: int = 0
    modality_n: int = 0
    negatives: int = 0
    negatives_with_output: int = 0
    scope_violations: int = 0
    missing: int = 0
    articles: list[ArticleScore] = field(default_factory=list)

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


def _brief(key: EventKey) -> tuple:
    return (key.act, key.actor, key.other, key.family)


def score_article(result: Evaluation, gold: dict[str, Any], pred: dict[str, Any] | None) -> None:
    """Add one article's counts to `result` (a missing prediction counts as empty output)."""
    detail = ArticleScore(str(gold.get("id")), missing=pred is None)
    result.missing += pred is None
    pred = pred or {}
    gev = [EventKey.of(e) for e in gold.get("events") or []]
    pev = [k for k in (EventKey.of(e) for e in pred.get("events") or []) if k.counted]
    pairs = pair_up(gev, pev, lambda g, p: g.matches(p, strict=False))
    result.events.add(gev, pev, pairs)
    result.strict.add(gev, pev, pair_up(gev, pev, lambda g, p: g.matches(p, strict=True)))
    for gi, pi in pairs:
        if not gev[gi].optional and gev[gi].modality:
            result.modality_n += 1
            ok = gev[gi].modality == pev[pi].modality
            result.modality_ok += ok
            if not ok:
                detail.wrong_modality.append(_brief(gev[gi]) + (gev[gi].modality, pev[pi].modality))
    gf = [FindingKey.of(f) for f in gold.get("findings") or []]
    predicted = (FindingKey.of(f) for f in pred.get("findings") or [])
    pf = [k for k in predicted if k.kind in COMPLIANCE_KINDS]
    fpairs = pair_up(gf, pf, lambda g, p: g.matches(p))
    result.findings.add(gf, pf, fpairs)
    if gold.get("negative"):
        result.negatives += 1
        result.negatives_with_output += bool(pev or pf)
    if gold.get("no_findings") and pf:
        result.scope_violations += 1
    _differences(detail, gev, pev, pairs, gf, pf, fpairs)
    result.articles.append(detail)


def _differences(
    detail: ArticleScore,
    gev: list[EventKey],
    pev: list[EventKey],
    pairs: list,
    gf: list[FindingKey],
    pf: list[FindingKey],
    fpairs: list,
) -> None:
    hit, used = {g for g, _ in pairs}, {p for _, p in pairs}
    detail.missed_events = [_brief(k) for i, k in enumerate(gev) if i not in hit and not k.optional]
    detail.extra_events = [_brief(k) for i, k in enumerate(pev) if i not in used]
    fhit, fused = {g for g, _ in fpairs}, {p for _, p in fpairs}
    detail.missed_findings = [
        (k.treaty, k.state, k.kind, k.article)
        for i, k in enumerate(gf)
        if i not in fhit and not k.optional
    ]
    detail.extra_findings = [
        (k.treaty, k.state, k.kind, k.article) for i, k in enumerate(pf) if i not in fused
    ]


def evaluate(
    gold: Iterable[dict[str, Any]], predictions: dict[str, dict[str, Any] | None]
) -> Evaluation:
    """Score predictions (by article id; None = no output) against gold rows."""
    result = Evaluation()
    for row in gold:
        score_article(result, row, predictions.get(str(row.get("id"))))
    return result


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise BadInput(f"{path}: cannot read the gold file ({exc.strerror or exc})") from exc
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise BadInput(f"{path}:{number}: not a JSON object ({exc.msg})") from exc
        if not isinstance(row, dict) or "id" not in row:
            raise BadInput(f"{path}:{number}: each line needs an object with an 'id'")
        rows.append(row)
    return rows


def find_input(folder: Path, article_id: str) -> Path | None:
    """The file for one gold id in `folder`: <id>.json, .txt, .html or .htm."""
    for suffix in ARTICLE_SUFFIXES:
        candidate = folder / f"{article_id}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def is_prediction(path: Path) -> bool:
    """A JSON file holding an `analyze --json` line (it has "events") rather than an article."""
    if path.suffix != ".json":
        return False
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and isinstance(data.get("events"), list)


Analyzer = Callable[[Path, dict[str, Any]], dict[str, Any]]


def predictions_from_folder(
    gold: list[dict[str, Any]], folder: str | Path, analyze: Analyzer | None = None
) -> dict[str, dict[str, Any] | None]:
    """Per gold id: the prediction file's content, or the analysis of the article file.

    `analyze(path, gold_row)` turns an article file into the `analyze --json` object; the default
    reads it, takes the gold's `published` when the file has no date, and runs the pipeline.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise BadInput(f"{folder}: not a folder; give the folder of <id>.txt/.html/.json files")
    analyze = analyze or analyze_file
    out: dict[str, dict[str, Any] | None] = {}
    for row in gold:
        key = str(row["id"])
        path = find_input(folder, key)
        if path is None:
            log.warning("%s: no file for article %s", folder, key)
            out[key] = None
        elif is_prediction(path):
            out[key] = json.loads(path.read_text(encoding="utf-8"))
        else:
            try:
                out[key] = analyze(path, row)
            except BadInput as exc:
                log.warning("%s", exc)
                out[key] = None
    return out


def analyze_file(path: Path, row: dict[str, Any]) -> dict[str, Any]:
    """Read and analyze one article file; the gold's `published` fills a missing date."""
    from treatywatch.ingest.files import read_article
    from treatywatch.pipeline import analyze_article

    article = read_article(path)
    if article.published is None and row.get("published"):
        article.published = leading_date(row["published"], what="gold published")
    return analyze_article(article).to_json()


def run(
    gold_path: str | Path, folder: str | Path | None = None, analyze: Analyzer | None = None
) -> Evaluation:
    """Load gold, gather predictions from `folder` (default: the gold file's folder), score."""
    gold = load_gold(gold_path)
    folder = Path(folder) if folder is not None else Path(gold_path).parent
    return evaluate(gold, predictions_from_folder(gold, folder, analyze))
