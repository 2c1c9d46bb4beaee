"""The report: breakdowns, invented violations, labels on every figure, splits and their texts,
the sealed split's withheld errors, and the HTML page (escaped)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from treatywatch.cli import app
from treatywatch.evaluation import evaluate
from treatywatch.evaluation.html import render_html
from treatywatch.evaluation.report import build, label_for


def ev(act, actor=None, weapon="ap_mine", modality="occurred", **kw):
    return {"act": act, "actor": actor, "weapon": weapon, "modality": modality, **kw}


def pf(state, kind="prohibited_act", treaty="apmbc", article="1", **kw):
    return {"treaty": treaty, "state": state, "kind": kind, "article": article, **kw}


GOLD = [
    {
        "id": "g1",
        "title": "Mines <laid> near the border",
        "url": "https://example.org/g1",
        "query": "mines border",
        "events": [
            ev("use", "RUS", location="UKR", modality="alleged"),
            ev("transfer", "USA", counterpart="UKR", modality="announced"),
            ev("accede", "LKA", weapon=None, treaty="apmbc"),
        ],
        "findings": [pf("UKR"), pf("RUS", "non_party_act", article=None)],
    },
    {
        "id": "g2",
        "title": "Coal mine blast",
        "url": "javascript:alert(1)",
        "negative": True,
        "events": [],
        "findings": [],
    },
    {
        "id": "g3",
        "events": [ev("use", "THA", location="THA", modality="denied")],
        "findings": [pf("THA", optional=True)],
    },
]
EVIDENCE = [{"text": "<script>alert('x')</script> laid mines", "start": 0, "end": 9}]
PRED = {
    "g1": {
        "events": [
            ev("use", "RUS", location="UKR", modality="occurred", evidence=EVIDENCE),
            ev("acquire", "UKR", counterpart="USA", modality="announced"),
        ],
        "findings": [pf("RUS", "non_party_act", article=None), pf("POL", evidence=EVIDENCE)],
    },
    "g2": {"events": [ev("use", "POL", location="POL")], "findings": [pf("POL")]},
    "g3": {
        "events": [ev("use", "THA", location="THA", modality="denied")],
        "findings": [pf("THA", article="1.1.a"), pf("THA")],
    },
}


@pytest.fixture()
def result():
    return evaluate(GOLD, PRED)


def test_per_act_per_treaty_and_per_kind(result):
    assert (result.by_act["use"].tp, result.by_act["use"].predicted) == (2, 3)
    assert (result.by_act["join"].tp, result.by_act["join"].gold) == (0, 1)
    assert result.by_act["transfer"].tp == 1
    assert result.by_treaty["apmbc"].gold == 4 and result.by_treaty["apmbc"].tp == 3
    kinds = result.by_kind
    # g3: the copy paired with the optional gold is no false alarm; the second copy is one
    # (pairing is one-to-one) but is not invented (invented_violations below)
    assert (kinds["prohibited_act"].tp, kinds["prohibited_act"].predicted) == (0, 3)
    assert (kinds["non_party_act"].tp, kinds["non_party_act"].gold) == (1, 1)
    assert result.modality[("alleged", "occurred")] == 1
    assert result.modality[("denied", "denied")] == 1


def test_invented_violations_match_optional_gold_and_name_article_and_state(result):
    invented = [(v["id"], v["state"]) for v in result.invented]
    assert invented == [("g1", "POL"), ("g2", "POL")]
    assert result.invented[0]["evidence"] == [EVIDENCE[0]["text"]]


def test_report_labels_and_withholds_the_sealed_errors(result):
    label = label_for("sealed", None, first_pass=True)
    open_report = build(result, label, gold=GOLD)
    assert open_report["split"] == "sealed" and open_report["pass"] == "sealed: FIRST PASS"
    assert open_report["invented_violations"]["count"] == 2
    assert open_report["negatives"] == {"with_output": 1, "total": 1, "ids": ["g2"]}
    assert {a["id"] for a in open_report["articles"]} == {"g1", "g2", "g3"}
    sealed = build(result, label, reveal=False, gold=GOLD)
    assert "articles" not in sealed and "items" not in sealed["invented_violations"]
    assert "ids" not in sealed["negatives"] and sealed["errors_withheld"]
    assert sealed["invented_violations"]["count"] == 2


def test_html_escapes_article_text_and_keeps_only_web_links(result):
    page = render_html(build(result, label_for("dev", None), gold=GOLD))
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "Mines &lt;laid&gt; near the border" in page
    assert 'href="javascript:' not in page and 'href="https://example.org/g1"' in page
    # each error beside its evidence sentence
    row = page[page.index("extra finding") :][:800]
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; laid mines" in row
    assert "Invented violations: 2" in page and "dev: not blind" in page


def _split_tree(tmp_path: Path, split: str, present: list[str]) -> Path:
    (tmp_path / "eval" / "gold").mkdir(parents=True)
    lines = "".join(json.dumps(g) + "\n" for g in GOLD)
    (tmp_path / "eval" / "gold" / f"{split}.jsonl").write_text(lines)
    texts = tmp_path / "eval" / "texts" / split
    texts.mkdir(parents=True)
    for key in present:  # analyze outputs stand in for texts: no model needed
        (texts / f"{key}.json").write_text(json.dumps(PRED[key]))
    return texts


def test_split_says_what_is_missing_how_to_restore_and_scores_the_rest(tmp_path, monkeypatch):
    _split_tree(tmp_path, "dev", ["g1", "g3"])
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(app, ["eval", "--split", "dev", "--json"])
    assert out.exit_code == 0, out.output
    report = json.loads(out.stdout)
    assert report["articles_scored"] == 2 and report["split"] == "dev"
    assert report["texts"] == "INCOMPLETE texts 2/3" and report["complete"] is False
    assert report["texts_set"]["missing_ids"] == ["g2"]
    assert "1 of 3 texts of split dev are missing" in out.stderr
    assert "search tool, corpus `pages`" in out.stderr and "docs/annotation.md" in out.stderr
    assert "query='mines border'" not in out.stderr  # only missing lines are listed
    assert "g2: query=None title='Coal mine blast' url=javascript:alert(1)" in out.stderr
    listed = CliRunner().invoke(app, ["eval", "--split", "dev", "--list-missing"])
    assert [json.loads(x)["id"] for x in listed.stdout.splitlines()] == ["g2"]
    table = CliRunner().invoke(app, ["eval", "--split", "dev"])
    assert table.stdout.count("split dev · INCOMPLETE texts 2/3 · dev: not blind") >= 6


def test_split_with_texts_elsewhere_and_complete(tmp_path, monkeypatch):
    texts = _split_tree(tmp_path, "sealed", ["g1", "g2", "g3"])
    moved = tmp_path / "copy"
    texts.rename(moved)
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(app, ["eval", "--split", "sealed", "--texts", str(moved), "--json"])
    assert out.exit_code == 0, out.output
    report = json.loads(out.stdout)
    assert report["complete"] is True and report["texts"] == "complete texts 3/3"
    assert report["pass"] == "sealed: not a first pass" and report["errors_withheld"] is True
    shown = CliRunner().invoke(
        app, ["eval", "--split", "sealed", "--texts", str(moved), "--reveal-errors", "--json"]
    )
    assert "becomes" in shown.stderr or "development split" in shown.stderr
    assert json.loads(shown.stdout)["invented_violations"]["items"]


def test_split_with_no_texts_fails_in_one_line(tmp_path, monkeypatch):
    _split_tree(tmp_path, "dev", [])
    monkeypatch.chdir(tmp_path)
    out = CliRunner().invoke(app, ["eval", "--split", "dev"])
    assert out.exit_code != 0
    assert "3 of 3 texts of split dev are missing" in out.stderr
    bad = CliRunner().invoke(app, ["eval", "--split", "test"])
    assert bad.exit_code != 0


def test_html_option_writes_the_page(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(g) + "\n" for g in GOLD))
    for key, value in PRED.items():
        (tmp_path / f"{key}.json").write_text(json.dumps(value))
    page = tmp_path / "report.html"
    out = CliRunner().invoke(app, ["eval", str(gold), str(tmp_path), "--html", str(page)])
    assert out.exit_code == 0, out.output
    assert "&lt;script&gt;" in page.read_text() and "<script>alert" not in page.read_text()


def test_a_gold_event_under_no_treaty_is_grouped_apart():
    gold = [{"id": "s", "events": [ev("use", "RUS", "naval_mine", location="UKR")]}]
    result = evaluate(gold, {"s": {"events": [ev("use", "RUS", "naval_mine", location="UKR")]}})
    # a reader's naval-mine event never counts, so the gold one is a miss, shown as such
    assert result.by_treaty["none (naval)"].gold == 1 and result.by_treaty["none (naval)"].tp == 0
    assert "apmbc" not in result.by_treaty
