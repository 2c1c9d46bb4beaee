"""Alerts through the real CLI: a signed webhook (retried when the receiver fails) and an e-mail
to a local SMTP server (aiosmtpd), each finding announced once, however often it is re-read."""

from __future__ import annotations

import json
import socket
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
from sqlalchemy import func, select

from tests.watchkit import Conditional, Web, article_page, cli, cli_json, rss, static, store
from treatywatch.alerts import dispatch
from treatywatch.alerts.webhook import verify
from treatywatch.store import open_database
from treatywatch.store.tables import AlertDelivery, FindingRow

LOCAL = ["--allow-network", "127.0.0.1"]


class Mailbox:
    def __init__(self):
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        message = message_from_bytes(envelope.content, policy=default_policy)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"


@pytest.fixture
def smtp():
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


class Receiver:
    """A webhook receiver that fails its first `fail` requests with HTTP 500."""

    def __init__(self, fail: int = 1):
        self.fail = fail
        self.bodies: list = []

    def __call__(self, request):
        if self.fail > 0:
            self.fail -= 1
            return 500, {"Content-Type": "text/plain"}, b"try later"
        self.bodies.append(request)
        return 200, {"Content-Type": "application/json"}, b'{"ok": true}'


def test_webhook_and_email_announce_each_finding_once(tmp_path, smtp):
    box, port = smtp
    db = store(tmp_path)
    env = {"TREATYWATCH_SMTP_HOST": "127.0.0.1", "TREATYWATCH_SMTP_PORT": str(port),
           "TREATYWATCH_SMTP_SECURITY": "none", "TREATYWATCH_SMTP_FROM": "tw@example.org"}
    receiver = Receiver(fail=1)
    with Web() as site, Web({"/hook": receiver}) as hooks:
        b = site.base
        site.routes["/robots.txt"] = static(b"", "text/plain")
        site.routes["/news/1"] = static(article_page(1))
        feed = Conditional(rss([("One", f"{b}/news/1")]))
        site.routes["/feed.xml"] = feed
        cli("sources", "add", f"{b}/feed.xml", *LOCAL, "--db", db)
        added = cli("alerts", "add", "webhook", f"{hooks.base}/hook", "--allow-private",
                    "--db", db).stdout
        secret = next(line.split(": ", 1)[1] for line in added.splitlines()
                      if line.startswith("secret: "))
        cli("alerts", "add", "email", "monitor@example.org", "--treaty", "apmbc",
            "--state", "Ukraine", "--db", db)
        listed = cli_json("alerts", "list", "--json", "--db", db)
        assert [a["channel"] for a in listed] == ["webhook", "email"]
        assert listed[1]["state"] == "UKR" and "secret" not in listed[0]

        first = cli("watch", "--once", "--host-interval", "0", "--db", db, env=env)
        findings = cli_json("findings", "--json", "--db", db)
        assert findings, first.stderr
        # every finding reached the webhook once; the first POST met a 500 and was retried
        deliveries = {int(r.header("X-Treatywatch-Delivery")) for r in receiver.bodies}
        assert len(receiver.bodies) == len(findings) == len(deliveries)
        for request in receiver.bodies:
            assert verify(secret, request.body, request.header("X-Treatywatch-Signature"))
            assert not verify("another secret" * 2, request.body,
                              request.header("X-Treatywatch-Signature"))
            body = json.loads(request.body)
            assert body["event"] == "finding" and body["article"]["url"] == f"{b}/news/1"
        sent = {(b_["finding"]["state"], b_["finding"]["kind"])
                for b_ in (json.loads(r.body) for r in receiver.bodies)}
        assert sent == {(f["state"], f["kind"]) for f in findings}
        records = cli_json("alerts", "deliveries", "--json", "--db", db)
        assert all(r["status"] == "sent" for r in records)
        assert sorted(r["attempts"] for r in records if r["alert_id"] == 1)[-1] == 2
        # the e-mail alert only wanted Ukraine under the APMBC
        ukr = [f for f in findings if f["state"] == "UKR" and f["treaty"] == "apmbc"]
        assert len(box.messages) == len(ukr) >= 1
        rcpt, msg = box.messages[0]
        assert rcpt == ["monitor@example.org"] and msg["From"] == "tw@example.org"
        assert "[treatywatch]" in msg["Subject"] and "UKR" in msg["Subject"]
        assert "anti-personnel mines" in msg.get_content()

        # the same story again under another address, a reassess, more polls: nothing new
        site.routes["/news/1b"] = static(article_page(1))
        feed.change(rss([("One again", f"{b}/news/1b"), ("One", f"{b}/news/1")]))
        cli("watch", "--once", "--force", "--host-interval", "0", "--db", db, env=env)
        cli("reassess", "--db", db)
        cli("watch", "--once", "--force", "--host-interval", "0", "--db", db, env=env)
        assert len(receiver.bodies) == len(findings) and len(box.messages) == len(ukr)
        assert len(cli_json("alerts", "deliveries", "--json", "--db", db)) == len(records)


def test_a_finding_stored_again_is_not_announced_again(tmp_path):
    """Findings replaced by new rows (a reassess that rewrites them) keep their identity."""
    from tests.storekit import article_record, stub_analyze, write_jsonl
    from treatywatch.alerts import subscriptions
    from treatywatch.runner import ingest

    db = store(tmp_path)
    with open_database(db) as database:
        subscriptions.add(database, "webhook", "https://hooks.example.org/x")
        ingest(database, [str(write_jsonl(tmp_path / "a.jsonl",
                                          [article_record(1, mines=True)]))],
               analyze=stub_analyze)
        assert dispatch.queue(database) == 2
        with database.write() as s:  # the same findings, as new rows with new ids
            rows = s.execute(select(FindingRow)).scalars().all()
            for row in rows:
                copy = {c.name: getattr(row, c.name) for c in FindingRow.__table__.columns
                        if c.name != "id"}
                s.delete(row)
                s.add(FindingRow(**copy))
        assert dispatch.queue(database) == 0
        with database.session() as s:
            assert s.execute(select(func.count()).select_from(AlertDelivery)).scalar() == 2


def test_a_receiver_that_refuses_is_recorded_and_not_hammered(tmp_path):
    from tests.storekit import article_record, stub_analyze, write_jsonl
    from treatywatch.alerts import subscriptions
    from treatywatch.runner import ingest

    db = store(tmp_path)
    with Web({"/gone": static(b"no", "text/plain", 410),
              "/down": static(b"no", "text/plain", 503)}) as hooks, \
            open_database(db) as database:
        subscriptions.add(database, "webhook", f"{hooks.base}/gone", allow_private=True)
        subscriptions.add(database, "webhook", f"{hooks.base}/down", allow_private=True)
        subscriptions.add(database, "webhook", f"{hooks.base}/private")  # private refused
        ingest(database, [str(write_jsonl(tmp_path / "a.jsonl",
                                          [article_record(1, mines=True)]))],
               analyze=stub_analyze)
        counts = dispatch.deliver_due(database, sleep=lambda s: None)
        assert counts["queued"] == 6 and counts["sent"] == 0
        assert counts["failed"] == 4 and counts["retrying"] == 2
        assert hooks.paths().count("/gone") == 2  # 410: not tried again
        assert hooks.paths().count("/down") == 2 * (1 + len(dispatch.QUICK_RETRIES))
        # the ones waiting on back-off are not tried again at once
        hooks.clear()
        again = dispatch.deliver_due(database, sleep=lambda s: None)
        assert again == {"queued": 0, "sent": 0, "failed": 0, "retrying": 0}
        assert hooks.requests == []
        rows = subscriptions.deliveries(database)
        refused = [r for r in rows if r["alert_id"] == 3]
        assert all(r["status"] == "failed" and "non-public" in r["last_error"] for r in refused)


def test_email_settings_are_checked(monkeypatch):
    from treatywatch.alerts.mail import SmtpSettings
    from treatywatch.errors import BadInput

    with pytest.raises(BadInput, match="TREATYWATCH_SMTP_HOST"):
        SmtpSettings.from_env({})
    with pytest.raises(BadInput, match="password in clear"):
        SmtpSettings.from_env({"TREATYWATCH_SMTP_HOST": "mx", "TREATYWATCH_SMTP_USER": "u",
                               "TREATYWATCH_SMTP_SECURITY": "none"})
    got = SmtpSettings.from_env({"TREATYWATCH_SMTP_HOST": "mx"})
    assert got.port == 587 and got.security == "starttls"


def test_bad_alerts_are_one_clear_line(tmp_path):
    db = store(tmp_path)
    for args, words in (
        (["alerts", "add", "pager", "x"], "give webhook or email"),
        (["alerts", "add", "email", "not an address"], "give one address"),
        (["alerts", "add", "webhook", "ftp://x"], "http or https"),
        (["alerts", "add", "webhook", "https://h.example.org/", "--kind", "nope"], "--kind"),
        (["alerts", "add", "webhook", "https://h.example.org/", "--secret", "short"],
         "16 characters"),
        (["alerts", "remove", "9"], "no alert 9"),
    ):
        done = cli(*args, "--db", db, check=False)
        assert done.returncode == 2, (args, done.stderr)
        assert words in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr


def test_starttls_required_by_default_so_a_plain_server_gets_nothing(tmp_path, smtp):
    from tests.storekit import article_record, stub_analyze, write_jsonl
    from treatywatch.alerts import subscriptions
    from treatywatch.runner import ingest

    box, port = smtp
    db = store(tmp_path)
    with open_database(db) as database:
        subscriptions.add(database, "email", "monitor@example.org")
        ingest(database, [str(write_jsonl(tmp_path / "a.jsonl",
                                          [article_record(1, mines=True)]))],
               analyze=stub_analyze)
        env = {"TREATYWATCH_SMTP_HOST": "127.0.0.1", "TREATYWATCH_SMTP_PORT": str(port)}
        counts = dispatch.deliver_due(database, sleep=lambda s: None, env=env)
        assert counts["sent"] == 0 and counts["retrying"] == 2 and box.messages == []
        rows = subscriptions.deliveries(database)
        assert all("STARTTLS" in r["last_error"] and r["status"] == "pending" for r in rows)
