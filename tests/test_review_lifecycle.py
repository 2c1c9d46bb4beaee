"""A review's life across `reassess` and re-ingest: finding ids stay while a finding is still
produced, one no longer produced is retired and stays reachable with its reviews, and an
event's correction makes its findings follow; SQLite and (when set) PostgreSQL."""

from __future__ import annotations

import pytest

from tests.review_support import error, finding_id, worlds
from tests.storekit import BACKENDS, article_record, stub_analyze, write_jsonl
from tests.web_support import seed_analysis
from treatywatch.model import FindingKind, Modality, Treaty
from treatywatch.runner import ingest, reassess

CONFIRM = {"verdict": "confirmed", "reason": "The ministry confirmed the shipment."}


@pytest.fixture(params=BACKENDS)
def world(request, tmp_path):
    yield from worlds(request.param, tmp_path)


def _ids(client) -> dict[tuple, int]:
    rows = client.get("/api/v1/findings", params={"per_page": 200}).json()["findings"]
    return {(f["state"], f["kind"]): f["id"] for f in rows}


def _review(world, fid, body=CONFIRM, who="analyst"):
    r = world.client.post(f"/api/v1/findings/{fid}/review", json=body, headers=world.auth(who))
    assert r.status_code == 201, r.text
    return r.json()


def test_reassess_keeps_ids_and_reviews_of_findings_still_produced(world):
    before = _ids(world.client)
    fid = before[("UKR", "prohibited_act")]
    _review(world, fid)
    with world.db() as db:
        reassess(db)
        reassess(db)
    assert _ids(world.client) == before
    shown = world.client.get(f"/api/v1/findings/{fid}").json()
    assert shown["finding"]["review"]["verdict"] == "confirmed" and not shown["finding"]["retired"]
    assert len(shown["reviews"]) == 1
    assert fid not in [f["id"] for f in world.client.get("/api/v1/queue").json()["findings"]]


def test_a_finding_no_longer_produced_is_retired_and_keeps_its_review(world):
    from treatywatch.model import Finding
    from treatywatch.store.writer import store_analysis

    extra = seed_analysis()
    extra.article.text += "\nA second copy of the text, so that it is another article."
    extra.findings.append(Finding(
        Treaty.APMBC, "UKR", FindingKind.PROGRESS, Modality.OCCURRED,
        "An old rule said this was progress.", "4", [], "apmbc.progress.v0",
        extra.article.published, "publication date", 2))
    with world.db() as db, db.write() as s:
        stored = store_analysis(s, extra, relevant=True)
    listed = world.client.get("/api/v1/findings", params={"kind": "progress"}).json()
    (old,) = [f["id"] for f in listed["findings"] if f["article_id"] == stored.article_id]
    _review(world, old, {"verdict": "rejected", "reason": "Nothing was destroyed."})
    with world.db() as db:
        totals = reassess(db)
    assert totals["changed"] >= 1
    listed = world.client.get("/api/v1/findings", params={"kind": "progress"}).json()
    assert old not in [f["id"] for f in listed["findings"]]
    shown = world.client.get(f"/api/v1/findings/{old}").json()
    assert shown["finding"]["retired"] is True and shown["finding"]["retired_at"]
    assert [r["verdict"] for r in shown["reviews"]] == ["rejected"]
    assert any(h["what"].startswith("retired") for h in shown["history"])
    page = world.client.get(f"/findings/{old}")
    assert page.status_code == 200 and "retired" in page.text
    assert "Nothing was destroyed." in page.text


def test_re_ingest_keeps_ids_and_reviews(world, tmp_path):
    dump = write_jsonl(tmp_path / "d.jsonl", [article_record(i, mines=True) for i in range(2)])
    with world.db() as db:
        ingest(db, [str(dump)], analyze=stub_analyze)
    before = world.client.get("/api/v1/findings", params={"per_page": 200}).json()["findings"]
    new = [f["id"] for f in before if f["article_title"].startswith("Report")]
    assert len(new) == 4
    _review(world, new[0])
    with world.db() as db:
        ingest(db, [str(dump)], analyze=stub_analyze)
        reassess(db)
    after = world.client.get("/api/v1/findings", params={"per_page": 200}).json()["findings"]
    assert sorted(f["id"] for f in after) == sorted(f["id"] for f in before)
    assert world.client.get(f"/api/v1/findings/{new[0]}").json()["finding"]["review"][
        "verdict"] == "confirmed"


def test_correcting_an_events_actor_makes_its_findings_follow_and_survives_reassess(world):
    rus = finding_id(world.client, "RUS", "non_party_act")
    event_id = world.client.get(f"/api/v1/findings/{rus}").json()["finding"]["event_id"]
    r = world.client.post(f"/api/v1/events/{event_id}/review", headers=world.auth("analyst"),
                          json={"verdict": "amended", "reason": "The source names Belarus.",
                                "actor": "Belarus"})
    assert r.status_code == 201, r.text
    event = world.client.get(f"/api/v1/events/{event_id}").json()
    assert event["event"]["actor"] == "BLR" and event["event"]["as_found"] == {"actor": "RUS"}
    states = {(f["state"], f["retired"]) for f in event["findings"]}
    assert ("RUS", True) in states and ("BLR", False) in states
    assert world.client.get(f"/api/v1/findings/{rus}").json()["finding"]["retired"] is True
    with world.db() as db:
        reassess(db)
    again = world.client.get(f"/api/v1/events/{event_id}").json()
    assert {(f["state"], f["retired"]) for f in again["findings"]} == states
    assert [x["verdict"] for x in again["reviews"]] == ["amended"]


def test_rejecting_an_event_rejects_its_findings(world):
    ukr = finding_id(world.client, "UKR", "prohibited_act")
    event_id = world.client.get(f"/api/v1/findings/{ukr}").json()["finding"]["event_id"]
    error(world.client.post(f"/api/v1/events/{event_id}/review", json=CONFIRM,
                            headers=world.auth("viewer")), 403)
    r = world.client.post(f"/api/v1/events/{event_id}/review", headers=world.auth("analyst"),
                          json={"verdict": "rejected", "reason": "A misread headline."})
    assert r.status_code == 201
    for f in world.client.get(f"/api/v1/events/{event_id}").json()["findings"]:
        assert f["review"]["verdict"] == "rejected"
    shown = world.client.get(f"/api/v1/findings/{ukr}").json()
    assert "A misread headline." in shown["reviews"][0]["reason"]


def test_a_retired_finding_produced_again_comes_back_under_its_id(world):
    rus = finding_id(world.client, "RUS", "non_party_act")
    event_id = world.client.get(f"/api/v1/findings/{rus}").json()["finding"]["event_id"]
    for actor in ("Belarus", "Russia"):
        r = world.client.post(f"/api/v1/events/{event_id}/review", headers=world.auth("analyst"),
                              json={"verdict": "amended", "reason": f"It was {actor}.",
                                    "actor": actor})
        assert r.status_code == 201, r.text
    back = world.client.get(f"/api/v1/findings/{rus}").json()["finding"]
    assert back["retired"] is False and back["state"] == "RUS"
    assert rus in [f["id"] for f in world.client.get("/api/v1/queue").json()["findings"]]


def test_a_finding_amended_to_another_state_moves_there_and_stays_amended(world):
    fid = finding_id(world.client, "USA", "non_party_act")
    r = world.client.post(f"/api/v1/findings/{fid}/review", headers=world.auth("analyst"),
                          json={"verdict": "amended", "reason": "The sender was Poland.",
                                "state": "POL", "modality": "occurred"})
    assert r.status_code == 201, r.text

    def where() -> tuple[set, set]:
        pol = world.client.get("/api/v1/states/POL?on=2024-11-28").json()["findings"]
        usa = world.client.get("/api/v1/states/USA?on=2024-11-28").json()["findings"]
        return {f["id"] for f in pol}, {f["id"] for f in usa}

    assert where() == ({fid}, set())
    with world.db() as db:
        reassess(db)
        assert reassess(db)["changed"] == 0  # the correction is not taken for a change
    assert where() == ({fid}, set())
    shown = world.client.get(f"/api/v1/findings/{fid}").json()["finding"]
    assert (shown["state"], shown["modality"]) == ("POL", "occurred")
    assert shown["as_found"] == {"state": "USA", "modality": "announced"}
    assert not shown["retired"] and shown["review"]["verdict"] == "amended"
