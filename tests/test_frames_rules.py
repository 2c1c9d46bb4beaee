"""Every rule's examples give exactly their frames, and each frame rule names itself on them."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from treatywatch.cli import app
from treatywatch.extract import extract_events
from treatywatch.extract.frames import all_rules, frames
from treatywatch.model import Article, Event

RULES = all_rules()
EXAMPLES = [(rule, ex) for rule in RULES for ex in rule.examples]


def _frame_of(event: Event, keys: list[str]) -> dict[str, object]:
    values = {
        "act": event.act.value,
        "actor": event.actor,
        "location": event.location,
        "counterpart": event.counterpart,
        "treaty": event.treaty.value if event.treaty else None,
        "weapon": event.weapon.value if event.weapon else None,
        "modality": event.modality.value,
        "killed": event.killed,
        "injured": event.injured,
    }
    return {k: values[k] for k in keys}


@pytest.mark.parametrize(
    ("rule", "example"), EXAMPLES, ids=[f"{r.id}:{e['text'][:40]}" for r, e in EXAMPLES]
)
def test_rule_example(rule, example) -> None:
    published = date.fromisoformat(example["published"]) if example.get("published") else None
    events = extract_events(Article(title="", text=example["text"], published=published))
    wanted = [
        {k: (None if v == "" else v) for k, v in frame.items()}  # TOML has no null: "" is none
        for frame in example.get("frames") or []
    ]
    got = [_frame_of(e, sorted(f)) for e, f in zip(events, wanted * len(events), strict=False)]
    assert len(events) == len(wanted), [e.act.value for e in events]
    for frame in wanted:
        assert any(_frame_of(e, sorted(frame)) == frame for e in events), got
    if rule.kind == "frame":
        assert any(rule.id in e.rules for e in events), [e.rules for e in events]


def test_rule_ids_are_unique_versioned_and_named_after_their_act() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert rule.version >= 1
        if rule.kind == "frame":
            assert rule.id.startswith(f"{rule.act}.")
    assert {"use", "transfer", "clear", "casualty", "withdraw"} <= set(frames())


def test_every_act_trigger_is_in_a_frame_file() -> None:
    from treatywatch.extract.lexicon import load_lexicon

    lex = load_lexicon()
    assert lex.act_verbs["lay"] == "use" and lex.act_nouns["clearance"] == "clear"
    assert lex.act_nouns["death"] == "casualty"


def test_rules_list_prints_each_rule_with_its_examples() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["rules", "list"])
    assert result.exit_code == 0, result.output
    assert "use.by_agent.v2" in result.output and "veto.permission.v1" in result.output
    assert "Anti-personnel mines were laid by Russian troops near Kharkiv." in result.output
    as_json = runner.invoke(app, ["rules", "list", "--json"])
    rows = [json.loads(line) for line in as_json.output.splitlines()]
    assert {r["id"] for r in rows} == {r.id for r in RULES}
    assert all({"id", "kind", "version", "doc", "examples"} <= set(r) for r in rows)


def test_rules_list_refuses_an_unknown_act() -> None:
    result = CliRunner().invoke(app, ["rules", "list", "--act", "explode"])
    assert result.exit_code != 0
