"""A store filled for the web and report tests, through the store's own write path (the
`store_url` and `client` fixtures of conftest.py serve it).

The analyses are written by hand (what the pipeline should make of the project's sample
articles), so these tests do not depend on the extraction models.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.storekit import evidence, migrated
from treatywatch.model import (
    Act,
    Analysis,
    Article,
    Event,
    Finding,
    FindingKind,
    FindingStatus,
    Modality,
    Treaty,
    Weapon,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SEED_SAMPLE = SAMPLES / "2024-11-28-siem-reap-us-mines-ukraine.json"

HOSTILE_TITLE = 'Mines <script>alert("title")</script> report'
HOSTILE_TEXT = (
    "Officials said <script>window.__pwned = 1; alert('x')</script> that the army laid mines.\n"
    "A photo <img src=x onerror=\"window.__pwned = 2; alert('y')\"> showed the field.\n"
    "Residents said the army used landmines near <b onmouseover=alert(1)>the school</b>."
)
HOSTILE_EVIDENCE = "the army laid mines"


def load_sample(path: Path) -> Article:
    record = json.loads(path.read_text("utf-8"))
    return Article(title=record["title"], text=record["text"],
                   published=date.fromisoformat(record["published"]), url=record.get("url"),
                   outlet=record.get("outlet"), path=str(path))


def seed_analysis() -> Analysis:
    """What the pipeline should find in the sample retelling the seed (docs/DESIGN.md)."""
    art = load_sample(SEED_SAMPLE)
    transfer = evidence(art, "it would transfer anti-personnel mines to Ukraine")
    use = evidence(art, "accused Russia of laying landmines across Ukrainian territory")
    destroy = evidence(art, "Ukraine could not destroy its remaining stockpile of Soviet-era "
                            "anti-personnel mines")
    events = [
        Event(Act.TRANSFER, Modality.ANNOUNCED, Weapon.AP_MINE, actor="USA", counterpart="UKR",
              evidence=[transfer], speaker="United States"),
        Event(Act.USE, Modality.ALLEGED, Weapon.MINE, actor="RUS", location="UKR",
              evidence=[use], speaker="Oleksandr Riabtsev"),
        Event(Act.DESTROY_STOCKPILE, Modality.NEGATED, Weapon.AP_MINE, actor="UKR",
              evidence=[destroy]),
    ]
    on = art.published
    findings = [
        Finding(Treaty.APMBC, "UKR", FindingKind.PROHIBITED_ACT, Modality.ANNOUNCED,
                "Ukraine, a State Party since 2006-06-01, is to acquire anti-personnel mines, "
                "which Art. 1(1)(b) forbids.", "1.1.b", [transfer],
                "apmbc.prohibited_act.v2", on, "publication date", 0, confidence=0.5,
                status=FindingStatus.NEEDS_REVIEW,
                review_reasons=["it rests on a single sentence"]),
        Finding(Treaty.APMBC, "UKR", FindingKind.DEADLINE_MISSED, Modality.NEGATED,
                "Ukraine's Art. 4 deadline to destroy its stockpile (2010-06-01) has passed "
                "unmet.", "4", [destroy], "apmbc.deadline_missed.v1", on, "publication date", 2),
        Finding(Treaty.APMBC, "USA", FindingKind.NON_PARTY_ACT, Modality.ANNOUNCED,
                "The United States is not party to the Convention; its transfer is recorded "
                "for information.", "1.1.b", [transfer], "apmbc.non_party_act.v1", on,
                "publication date", 0),
        Finding(Treaty.APMBC, "RUS", FindingKind.NON_PARTY_ACT, Modality.ALLEGED,
                "Russia is not party to the Convention; its alleged use is recorded for "
                "information.", "1.1.a", [use], "apmbc.non_party_act.v1", on,
                "publication date", 1),
    ]
    return Analysis(art, events, findings)


def hostile_analysis() -> Analysis:
    art = Article(title=HOSTILE_TITLE, text=HOSTILE_TEXT, published=date(2025, 1, 15),
                  url="javascript:alert(3)", outlet="<i>Bad Outlet</i>")
    ev = evidence(art, HOSTILE_EVIDENCE)
    events = [Event(Act.USE, Modality.ALLEGED, Weapon.MINE, actor="MMR", evidence=[ev])]
    findings = [Finding(Treaty.APMBC, "MMR", FindingKind.NON_PARTY_ACT, Modality.ALLEGED,
                        "Myanmar <script>alert('explanation')</script> is not party.", "1.1.a",
                        [ev], "apmbc.non_party_act.v1", art.published, "publication date", 0)]
    return Analysis(art, events, findings)


def fill_store(path: Path) -> str:
    """A new SQLite store at `path` holding the sample analyses; returns its URL."""
    from treatywatch.store import open_database
    from treatywatch.store.writer import store_analysis

    url = migrated(path)
    db = open_database(url)
    try:
        for analysis in (seed_analysis(), hostile_analysis()):
            with db.write() as session:
                store_analysis(session, analysis, relevant=True)
    finally:
        db.close()
    return url
