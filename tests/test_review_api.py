"""Reviews through the JSON API: who may write, the one error shape for every refusal, the
audit trail of every write, and what a review shows; SQLite and (when set) PostgreSQL."""

from __future__ import annotations

import pytest

from tests.review_support import error, finding_id, worlds
from tests.storekit import BACKENDS


@pytest.fixture(params=BACKENDS)
def world(request, tmp_path):
    yield from worlds(request.param, tmp_path)


CONFIRM = {"verdict": "confirmed", "reason": "Checked against the ministry's statement."}


def test_an_analyst_with_a_token_confirms_and_the_finding_shows_it(world):
    fid = finding_id(world.client, "UKR", "prohibited_act")
    r = world.client.post(f"/api/v1/findings/{fid}/review", json=CONFIRM,
                          headers=world.auth("analyst"))
    assert r.status_code == 201, r.text
    assert r.json()["verdict"] == "confirmed" and r.json()["user"] == "analyst"
    shown = world.client.get(f"/api/v1/findings/{fid}").json()
    assert shown["finding"]["review"]["verdict"] == "confirmed"
    assert [x["reason"] for x in shown["reviews"]] == [CONFIRM["reason"]]
    assert shown["reviews"][0]["as_reviewed"]["status"] == "needs_review"
    listed = world.client.get("/api/v1/findings", params={"state": "UKR"}).json()["findings"]
    assert {f["id"]: (f["review"] or {}).get("verdict") for f in listed}[fid] == "confirmed"
    trail = world.client.get("/api/v1/audit", headers=world.auth("admin")).json()["entries"]
    last = trail[-1]
    assert (last["action"], last["target"], last["user"], last["via"]) == (
        "review.finding", f"finding:{fid}", "analyst", "token")
    assert last["details"]["verdict"] == "confirmed" and "token_id" in last["details"]


@pytest.mark.parametrize("who, status", [(None, 401), ("viewer", 403)])
def test_nobody_and_a_viewer_cannot_write(world, who, status):
    fid = finding_id(world.client, "UKR", "prohibited_act")
    headers = world.auth(who) if who else {}
    for path in (f"/api/v1/findings/{fid}/review", "/api/v1/events/1/review"):
        error(world.client.post(path, json=CONFIRM, headers=headers), status)
    assert world.client.get(f"/api/v1/findings/{fid}").json()["reviews"] == []
    actions = [e["action"] for e in world.client.get(
        "/api/v1/audit", headers=world.auth("admin")).json()["entries"]]
    assert not any(a.startswith("review.") for a in actions)


def test_a_bad_or_revoked_token_is_refused_even_for_reading(world):
    error(world.client.get("/api/v1/findings", headers={"Authorization": "Bearer nope"}), 401)
    from treatywatch.accounts import revoke_token

    with world.db() as db:
        revoke_token(db, 2)  # the analyst's
    error(world.client.post("/api/v1/findings/1/review", json=CONFIRM,
                            headers=world.auth("analyst")), 401)


def test_a_disabled_users_token_stops_at_once(world):
    from treatywatch.accounts import disable_user

    fid = finding_id(world.client, "UKR", "prohibited_act")
    path = f"/api/v1/findings/{fid}/review"
    assert world.client.post(path, json=CONFIRM, headers=world.auth("analyst")).status_code == 201
    with world.db() as db:
        disable_user(db, "analyst")
    error(world.client.post(path, json=CONFIRM, headers=world.auth("analyst")), 401)
    assert len(world.client.get(f"/api/v1/findings/{fid}").json()["reviews"]) == 1


@pytest.mark.parametrize("body, words", [
    ({"verdict": "maybe", "reason": "x"}, "choose one of confirmed, rejected, amended"),
    ({"verdict": "confirmed"}, "needs a reason"),
    ({"verdict": "confirmed", "reason": "   "}, "needs a reason"),
    ({"verdict": "amended", "reason": "wrong state"}, "an amendment says what to correct"),
    ({"verdict": "amended", "reason": "x", "changes": {"explanation": "y"}}, "cannot amend"),
    ({"verdict": "amended", "reason": "x", "state": "Narnia"}, "Narnia"),
    ({"verdict": "confirmed", "reason": "x", "state": "RUS"}, "only an amendment"),
    ({"verdict": "confirmed", "reason": "x" * 4001}, "too long"),
    (["not", "an", "object"], "send a JSON object"),
])
def test_bad_reviews_are_refused_with_a_clear_message(world, body, words):
    fid = finding_id(world.client, "UKR", "prohibited_act")
    err = error(world.client.post(f"/api/v1/findings/{fid}/review", json=body,
                                  headers=world.auth("analyst")),
                404 if words == "Narnia" else 400)
    assert words in err["message"]
    assert world.client.get(f"/api/v1/findings/{fid}").json()["reviews"] == []


def test_unknown_finding_is_404(world):
    error(world.client.post("/api/v1/findings/999999/review", json=CONFIRM,
                            headers=world.auth("analyst")), 404)
    error(world.client.get("/api/v1/findings/999999"), 404)


def test_an_amendment_corrects_what_is_shown_and_keeps_what_was_found(world):
    fid = finding_id(world.client, "RUS", "non_party_act")
    r = world.client.post(f"/api/v1/findings/{fid}/review", headers=world.auth("analyst"),
                          json={"verdict": "amended", "reason": "The source says it was laid, "
                                "not alleged.", "modality": "occurred"})
    assert r.status_code == 201, r.text
    shown = world.client.get(f"/api/v1/findings/{fid}").json()["finding"]
    assert shown["modality"] == "occurred" and shown["as_found"] == {"modality": "alleged"}
    assert shown["review"]["verdict"] == "amended"


def test_the_audit_trail_is_for_admins(world):
    error(world.client.get("/api/v1/audit"), 401)
    error(world.client.get("/api/v1/audit", headers=world.auth("analyst")), 403)
    entries = world.client.get("/api/v1/audit", headers=world.auth("admin")).json()["entries"]
    assert [e["action"] for e in entries][:2] == ["user.add", "token.create"]


def test_a_json_write_with_the_session_cookie_needs_the_csrf_header(world):
    from tests.review_support import csrf_of, log_in

    assert log_in(world.client, "analyst").status_code == 303
    fid = finding_id(world.client, "UKR", "prohibited_act")
    path = f"/api/v1/findings/{fid}/review"
    error(world.client.post(path, json=CONFIRM), 403)
    token = csrf_of(world.client.get(f"/findings/{fid}").text)
    r = world.client.post(path, json=CONFIRM, headers={"X-CSRF-Token": token})
    assert r.status_code == 201 and r.json()["user"] == "analyst"


def test_the_queue_puts_a_weak_prohibited_act_first_and_non_party_acts_last(world):
    rows = world.client.get("/api/v1/queue").json()["findings"]
    kinds = [(f["kind"], f["status"]) for f in rows]
    assert kinds[0] == ("prohibited_act", "needs_review")
    assert kinds[1][0] == "deadline_missed"
    assert {k for k, _ in kinds[2:]} == {"non_party_act"}
    world.client.post(f"/api/v1/findings/{rows[0]['id']}/review", json=CONFIRM,
                      headers=world.auth("analyst"))
    after = world.client.get("/api/v1/queue").json()["findings"]
    assert rows[0]["id"] not in [f["id"] for f in after] and len(after) == len(rows) - 1
    only = world.client.get("/api/v1/queue", params={"state": "Russia"}).json()["findings"]
    assert [f["state"] for f in only] == ["RUS"]
