"""A store for the faces tests (pages, downloads, casualty figures, the incident map), written
through the store's own write path; the analyses are made by hand, as in web_support.py.

- a wire report (Wire A) and a near copy of it (Wire B), one story: a mine blast in Ukraine in
  February 2025 (a month, not a day) that killed 3 and injured 5; the copy says the same and
  must not be counted twice;
- a clearance finished in Ukraine (good news, occurred), placed at Kharkiv;
- an armed group's (ELN) use of mines in Colombia, a State Party;
- a Landmine Monitor summary for Ukraine: 2024 casualties as a report gives them;
- a paragraph that is all evidence;
- a second incident in Ukraine (Mykolaiv, March 2025): one farmer killed, a civilian.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tests.storekit import evidence, migrated
from treatywatch.model import (
    Act,
    Analysis,
    Article,
    DatePrecision,
    Event,
    Finding,
    FindingKind,
    Modality,
    Treaty,
    Weapon,
)

BLAST = (
    "Kyiv, 12 February 2025. A landmine exploded near a village in Kharkiv region in February "
    "2025, killing three people and injuring five, regional officials said.\n"
    "Deminers said they had finished clearing the fields around Kharkiv of mines last week.\n"
    "Separately, officials in Bogota said ELN fighters had laid landmines around a school in "
    "Colombia.\n"
    "The regional governor said more than 100 villages remain contaminated and that clearance "
    "would take years, while aid groups asked for more funding for survivors and their families."
)
COPY_TAIL = "\nThe report was carried by several outlets."
MONITOR = (
    "Landmine Monitor 2025 said 221 people were killed and 656 injured by mines and explosive "
    "remnants of war in Ukraine in 2024, most of them civilians.\n"
    "The figures were compiled from official and NGO data."
)


def _blast(outlet: str, text: str, published: date) -> Analysis:
    art = Article(title="Mine blast kills three in Kharkiv region", text=text,
                  published=published, outlet=outlet, url=f"https://{outlet.lower()}.example/b")
    blast = evidence(art, "A landmine exploded near a village in Kharkiv region in February "
                          "2025, killing three people and injuring five")
    clear = evidence(art, "Deminers said they had finished clearing the fields around Kharkiv "
                          "of mines last week.")
    armed = evidence(art, "ELN fighters had laid landmines around a school")
    events = [
        Event(Act.CASUALTY, Modality.OCCURRED, Weapon.MINE, location="UKR",
              when=date(2025, 2, 1), when_precision=DatePrecision.MONTH, killed=3, injured=5,
              evidence=[blast]),
        Event(Act.CLEAR, Modality.OCCURRED, Weapon.MINE, actor="UKR", location="UKR",
              evidence=[clear]),
        Event(Act.USE, Modality.ALLEGED, Weapon.MINE, actor=None, actor_name="ELN",
              location="COL", evidence=[armed]),
    ]
    findings = [
        Finding(Treaty.APMBC, "UKR", FindingKind.PROGRESS, Modality.OCCURRED,
                "Ukraine reports clearance done. The text: \u201cDeminers said they had "
                "finished clearing the fields around Kharkiv of mines last week.\u201d",
                "5", [clear], "apmbc.progress.v1", published, "publication date", 1),
        Finding(Treaty.APMBC, "COL", FindingKind.NON_STATE_USE, Modality.ALLEGED,
                "ELN, a non-state armed group, is said to have laid mines in Colombia; recorded "
                "for information, not a breach by Colombia.", None, [armed],
                "apmbc.non_state_use.v1", published, "publication date", 2),
    ]
    return Analysis(art, events, findings)


def _monitor() -> Analysis:
    art = Article(title="Landmine Monitor: Ukraine casualties in 2024", text=MONITOR,
                  published=date(2025, 11, 20), outlet="Landmine Monitor",
                  url="https://the-monitor.example/ukraine")
    ev = evidence(art, "Landmine Monitor 2025 said 221 people were killed and 656 injured by "
                       "mines and explosive remnants of war in Ukraine in 2024, most of them "
                       "civilians.")
    events = [Event(Act.CASUALTY, Modality.OCCURRED, Weapon.MINE, location="UKR",
                    when=date(2024, 1, 1), when_precision=DatePrecision.YEAR, killed=221,
                    injured=656, speaker="Landmine Monitor", evidence=[ev])]
    return Analysis(art, events, [])


TRACTOR = ("A tractor hit an anti-vehicle mine in Mykolaiv region in March 2025, killing the "
           "farmer driving it, police said.\nThe field had been shelled in 2022.")


def _tractor() -> Analysis:
    art = Article(title="Farmer killed by mine in Mykolaiv region", text=TRACTOR,
                  published=date(2025, 3, 20), outlet="Regional News")
    ev = evidence(art, "A tractor hit an anti-vehicle mine in Mykolaiv region in March 2025, "
                       "killing the farmer driving it, police said.")
    events = [Event(Act.CASUALTY, Modality.OCCURRED, Weapon.AV_MINE, location="UKR",
                    when=date(2025, 3, 1), when_precision=DatePrecision.MONTH, killed=1,
                    civilians=1, device="anti-vehicle mine", evidence=[ev])]
    return Analysis(art, events, [])


def _whole_paragraph() -> Analysis:
    text = ("Mines found near a school\n"
            "Soldiers laid mines around the school, villagers said.\n"
            "Nobody was hurt.")
    art = Article(title="Mines found near a school", text=text, published=date(2025, 3, 1),
                  outlet="Local Paper")
    ev = evidence(art, "Soldiers laid mines around the school, villagers said.")
    basis = "event date: the text gives February 2025 only, judged on its first day"
    finding = Finding(Treaty.APMBC, "MMR", FindingKind.NON_PARTY_ACT, Modality.ALLEGED,
                      "Myanmar is not party; its alleged use is recorded for information.",
                      "1.1.a", [ev], "apmbc.non_party_act.v1", date(2025, 2, 1), basis, 0)
    return Analysis(art, [Event(Act.USE, Modality.ALLEGED, Weapon.MINE, actor="MMR",
                                location="MMR", when=date(2025, 2, 1),
                                when_precision=DatePrecision.MONTH, evidence=[ev])], [finding])


def analyses() -> list[Analysis]:
    return [
        _blast("WireA", BLAST, date(2025, 2, 12)),
        _blast("WireB", BLAST + COPY_TAIL, date(2025, 2, 13)),
        _monitor(),
        _whole_paragraph(),
        _tractor(),
    ]


def fill_faces_store(path: Path) -> str:
    from treatywatch.store import open_database
    from treatywatch.store.writer import store_analysis

    url = migrated(path)
    db = open_database(url)
    try:
        for analysis in analyses():
            with db.write() as session:
                store_analysis(session, analysis, relevant=True)
    finally:
        db.close()
    return url


@pytest.fixture(scope="module")
def faces_url(tmp_path_factory) -> str:
    return fill_faces_store(tmp_path_factory.mktemp("faces") / "faces.db")


@pytest.fixture(scope="module")
def faces(faces_url):
    from fastapi.testclient import TestClient

    from treatywatch.web import create_app

    with TestClient(create_app(faces_url)) as test_client:
        yield test_client
