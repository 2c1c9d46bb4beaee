"""How many were killed and injured: the figures a casualty sentence gives.

"Three people were killed and five injured by landmines", "a landmine killed two soldiers and
wounded four others", "the death of a farmer in a landmine blast": each harm word (verb or
noun, `[casualties]` of `lexicon.toml`) counts its victims — a number on the victim noun, one
for a singular victim ("a farmer"), nothing for a plural without a number ("civilians").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from treatywatch.extract.casualty_figures import read_number
from treatywatch.extract.lexicon import load_lexicon

__all__ = ["casualty_figures"]

def _victims(noun: Token) -> int | None:
    """How many people a victim noun names ("two soldiers" 2, "a farmer" 1, "civilians" ?)."""
    if noun.pos_ == "NUM":
        return read_number(noun)
    for child in noun.children:
        if child.dep_ == "nummod":
            value = read_number(child)
            if value is not None:
                return value
    if noun.tag_ in ("NN", "NNP") and noun.pos_ in ("NOUN", "PROPN"):
        return 1  # "a farmer", "the boy"
    return None


def _victim_of(harm: Token) -> Token | None:
    if harm.pos_ == "NOUN":
        for prep in (c for c in harm.children if c.dep_ == "prep" and c.lower_ == "of"):
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
        return None
    deps = ("dobj", "nsubjpass") if harm.lemma_.lower() != "die" else ("nsubj",)
    victim = next((c for c in harm.children if c.dep_ in deps), None)
    if victim is None and harm.dep_ == "acl" and harm.head.pos_ == "NUM":
        victim = harm.head  # "three killed and five injured": the parser hangs the verb on "five"
    if victim is None and harm.dep_ == "conj" and harm.head.pos_ == "VERB":
        # "were killed or injured": the shared victims of the first verb
        victim = next((c for c in harm.head.children if c.dep_ in ("dobj", "nsubjpass")), None)
    return victim


def casualty_figures(sentence: Span) -> tuple[int | None, int | None]:
    """(killed, injured) the sentence gives; None where it gives no figure."""
    groups = load_lexicon().raw.get("casualties", {})
    kill = frozenset(groups.get("killed", ()))
    hurt = frozenset(groups.get("injured", ()))
    totals: dict[str, int | None] = {"killed": None, "injured": None}
    for tok in sentence:
        lemma = tok.lemma_.lower()
        key = "killed" if lemma in kill else "injured" if lemma in hurt else None
        if key is None or tok.pos_ not in ("VERB", "NOUN"):
            continue
        victim = _victim_of(tok)
        count = _victims(victim) if victim is not None else None
        if count is None and tok.head.pos_ == "NUM" and tok.dep_ == "acl":
            count = read_number(tok.head)
        if count is not None:
            totals[key] = (totals[key] or 0) + count
    return totals["killed"], totals["injured"]
