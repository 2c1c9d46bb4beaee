"""`treatywatch sources`: add, list, pause, resume, remove, OPML in and out, through the CLI."""

from __future__ import annotations

import json

from tests.watchkit import cli, cli_json, store

OPML = """<?xml version="1.0"?>
<opml version="2.0"><head><title>my feeds</title></head><body>
  <outline text="Wires">
    <outline text="Wire A" type="rss" xmlUrl="https://a.example.org/feed.xml"/>
    <outline text="Wire B" title="Wire B!" type="rss" xmlUrl="https://b.example.org/rss"/>
  </outline>
  <outline text="bad" type="rss" xmlUrl="ftp://c.example.org/feed"/>
</body></opml>"""


def test_add_list_pause_resume_remove(tmp_path):
    db = store(tmp_path)
    out = cli("sources", "add", "https://news.example.org/feed", "--name", "Example",
              "--every", "2h", "--db", db).stdout
    assert "added source 1" in out and "every 2h" in out
    rows = cli_json("sources", "list", "--json", "--db", db)
    assert len(rows) == 1
    row = rows[0]
    assert row["url"] == "https://news.example.org/feed" and row["name"] == "Example"
    assert row["every"] == "2h" and row["paused"] is False and row["failures_in_row"] == 0
    assert row["last_polled_at"] is None and row["next_poll_at"] is not None
    # adding the same URL again updates it, never doubles it
    cli("sources", "add", "https://news.example.org/feed", "--every", "45m", "--db", db)
    rows = cli_json("sources", "list", "--json", "--db", db)
    assert len(rows) == 1 and rows[0]["every"] == "45m" and rows[0]["name"] == "Example"
    cli("sources", "pause", "1", "--db", db)
    assert cli_json("sources", "list", "--json", "--db", db)[0]["paused"] is True
    cli("sources", "resume", "https://news.example.org/feed", "--db", db)
    assert cli_json("sources", "list", "--json", "--db", db)[0]["paused"] is False
    assert "removed https://news.example.org/feed" in cli("sources", "remove", "1",
                                                          "--db", db).stdout
    assert cli_json("sources", "list", "--json", "--db", db) == []


def test_bad_input_is_one_clear_line(tmp_path):
    db = store(tmp_path)
    for args, words in (
        (["sources", "add", "file:///etc/passwd"], "http or https URL"),
        (["sources", "add", "https://x.example.org/", "--every", "10s"], "between 60 s"),
        (["sources", "add", "https://x.example.org/", "--every", "soon"], "--every 'soon'"),
        (["sources", "add", "https://x.example.org/", "--allow-network", "nope"],
         "--allow-network 'nope'"),
        (["sources", "remove", "7"], "no source '7'"),
        (["sources", "pause", "https://nowhere.example.org/"], "no source"),
    ):
        done = cli(*args, "--db", db, check=False)
        assert done.returncode == 2, (args, done.stderr)
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and words in lines[0], (args, done.stderr)
    assert cli_json("sources", "list", "--json", "--db", db) == []


def test_opml_import_and_export_round_trip(tmp_path):
    db = store(tmp_path)
    path = tmp_path / "feeds.opml"
    path.write_text(OPML)
    done = cli("sources", "import", str(path), "--every", "1h", "--db", db)
    assert "2 added, 0 already there, 1 skipped" in done.stdout
    assert "ftp://c.example.org/feed" in done.stderr
    again = cli("sources", "import", str(path), "--db", db)
    assert "0 added, 2 already there" in again.stdout
    rows = cli_json("sources", "list", "--json", "--db", db)
    assert [(r["url"], r["name"], r["every"]) for r in rows] == [
        ("https://a.example.org/feed.xml", "Wire A", "1h"),
        ("https://b.example.org/rss", "Wire B!", "1h"),
    ]
    exported = cli("sources", "export", "--db", db).stdout
    assert exported.startswith("<?xml") and 'xmlUrl="https://b.example.org/rss"' in exported
    other = store(tmp_path / "other")
    (tmp_path / "out.opml").write_text(exported)
    cli("sources", "import", str(tmp_path / "out.opml"), "--db", other)
    assert [r["url"] for r in cli_json("sources", "list", "--json", "--db", other)] == [
        r["url"] for r in rows]


def test_opml_that_is_not_opml_is_refused(tmp_path):
    db = store(tmp_path)
    bad = tmp_path / "bad.opml"
    bad.write_text("<html><body>hello</body></html>")
    done = cli("sources", "import", str(bad), "--db", db, check=False)
    assert done.returncode == 2 and "not an OPML file" in done.stderr
    entity = tmp_path / "entity.opml"
    entity.write_text('<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM '
                      '"file:///etc/passwd">]><opml><body><outline xmlUrl="https://e.example.org'
                      '/&x;"/></body></opml>')
    done = cli("sources", "import", str(entity), "--db", db, check=False)
    assert done.returncode in (0, 2) and "Traceback" not in done.stderr
    rows = json.loads(cli("sources", "list", "--json", "--db", db).stdout)
    assert all("root:" not in r["url"] for r in rows)
