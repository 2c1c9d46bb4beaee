"""The event frames as data: one file per act in `rules/frames/` (triggers by part of speech,
role rules with ids, versions and examples) and the named vetoes of `rules/vetoes.toml`.

`frames()` reads them once; `trigger_lists()` feeds the lexicon's act triggers; `all_rules()`
lists every rule for `treatywatch rules list` and the frame tests.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

__all__ = [
    "Frame",
    "Rule",
    "frames",
    "trigger_lists",
    "phrasal_triggers",
    "all_rules",
    "FRAMES_DIR",
]

FRAMES_DIR = Path(__file__).with_name("rules") / "frames"


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str  # "frame" (reads an act's roles) or "veto" (makes a trigger no act)
    act: str | None
    doc: str
    examples: tuple[dict[str, Any], ...]

    @property
    def version(self) -> int:
        return int(self.id.rsplit(".v", 1)[1])

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "act": self.act,
            "version": self.version,
            "doc": self.doc,
            "examples": list(self.examples),
        }


@dataclass(frozen=True)
class Frame:
    act: str
    verbs: tuple[str, ...]
    nouns: tuple[str, ...]
    rules: tuple[Rule, ...]
    phrasal: tuple[str, ...] = ()  # "blow up": a verb lemma and its particle or preposition
    agent_nouns: tuple[str, ...] = ()  # "producer": the actor named as a predicate
    joined_class: tuple[str, ...] = ()  # "signatory": the class a joining verb puts it in


@lru_cache(maxsize=1)
def frames() -> dict[str, Frame]:
    out: dict[str, Frame] = {}
    for path in sorted(FRAMES_DIR.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        act = data["act"]
        rules = tuple(
            Rule(r["id"], "frame", act, r.get("doc", ""), tuple(r.get("examples", [])))
            for r in data.get("rule", [])
        )
        triggers = data.get("triggers", {})
        out[act] = Frame(
            act,
            tuple(triggers.get("VERB", ())),
            tuple(triggers.get("NOUN", ())),
            rules,
            tuple(triggers.get("PHRASAL", ())),
            tuple(triggers.get("AGENT_NOUN", ())),
            tuple(triggers.get("JOINED_CLASS", ())),
        )
    return out


def trigger_lists() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(verbs, nouns) by act, as the lexicon reads them."""
    fs = frames()
    return (
        {act: list(f.verbs) for act, f in fs.items() if f.verbs},
        {act: list(f.nouns) for act, f in fs.items() if f.nouns},
    )


@lru_cache(maxsize=1)
def phrasal_triggers() -> dict[tuple[str, str], str]:
    """(verb lemma or form, particle) -> act, from the frames' PHRASAL lists."""
    out: dict[tuple[str, str], str] = {}
    for act, frame in frames().items():
        for phrase in frame.phrasal:
            verb, particle = phrase.split(" ", 1)
            out[(verb, particle)] = act
    return out


@lru_cache(maxsize=1)
def agent_noun_triggers() -> dict[str, str]:
    """ "producer" -> produce, from the frames' AGENT_NOUN lists."""
    return {noun: act for act, frame in frames().items() for noun in frame.agent_nouns}


@lru_cache(maxsize=1)
def joined_class_triggers() -> dict[str, str]:
    """ "signatory" -> sign, from the frames' JOINED_CLASS lists."""
    return {noun: act for act, frame in frames().items() for noun in frame.joined_class}


@cache
def rule_id(act: str, role: str) -> str:
    """The id, with its current version, of the act's rule for a role ("use", "by_agent" ->
    "use.by_agent.v1"): the frame file says the version, so bumping it there is enough."""
    frame = frames().get(act)
    prefix = f"{act}.{role}.v"
    for rule in frame.rules if frame else ():
        if rule.id.startswith(prefix) and rule.id[len(prefix) :].isdigit():
            return rule.id
    return f"{prefix}1"


def all_rules() -> list[Rule]:
    """Every frame rule, then every veto, in a stable order."""
    from treatywatch.extract.gates import vetoes

    out = [r for f in frames().values() for r in f.rules]
    out += [Rule(v.id, "veto", None, v.doc, v.examples) for v in vetoes().values()]
    return out
