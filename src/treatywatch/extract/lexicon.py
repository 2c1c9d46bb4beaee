"""The treaty lexicon (`lexicon.toml`), loaded once and expanded into matchable terms.

Everything the extractor knows about words — weapon terms, treaty names, organisation names,
exclusions, act triggers, modality cues — lives in the TOML file; this module only reads it and
generates spelling variants (hyphen / space / closed compound, plural).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

LEXICON_FILE = Path(__file__).with_name("lexicon.toml")


@dataclass(frozen=True)
class Term:
    """One matchable surface form."""

    text: str  # lower-case surface form
    kind: str  # "weapon" | "treaty" | "org"
    value: str  # weapon or treaty code, or organisation name
    strong: bool = True
    needs_mine_context: bool = False
    starts_with_mine: bool = False  # exclusion rules apply ("coal mine", "political minefield")


@dataclass(frozen=True)
class Lexicon:
    terms: dict[str, Term]
    exclude_before: frozenset[str]
    exclude_after: frozenset[str]
    exclude_window: int
    figurative_after: frozenset[str]
    pronoun_before: frozenset[str]
    pronoun_after: frozenset[str]
    naval_context: tuple[str, ...]
    act_verbs: dict[str, str]  # lemma -> act
    act_nouns: dict[str, str]  # lemma -> act
    description_governors: frozenset[str]
    with_object: frozenset[str]
    modality: dict[str, frozenset[str]]
    forces: frozenset[str]
    armed: frozenset[str]
    raw: dict[str, Any] = field(repr=False, default_factory=dict)


def variants(term: str, plural: bool) -> set[str]:
    """Spelling variants of a term: hyphen as hyphen, space or nothing; optional plural."""
    base = term.lower().strip()
    forms = {base}
    if "-" in base:
        forms |= {base.replace("-", " "), base.replace("-", "")}
    if plural:
        for form in list(forms):
            if not form.endswith("s"):
                forms.add(form + "s")
    return forms


def _add(terms: dict[str, Term], term: Term) -> None:
    # The first definition of a surface form wins (strong lists come before weak ones).
    terms.setdefault(term.text, term)


@lru_cache(maxsize=1)
def load_lexicon(path: Path = LEXICON_FILE) -> Lexicon:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    terms: dict[str, Term] = {}
    # Treaties and organisations first: their names hold weapon words that are no weapon mention.
    for entry in data.get("treaty", []):
        for raw in entry["terms"]:
            for form in variants(raw, plural=False):
                _add(terms, Term(form, "treaty", entry["treaty"]))
    for entry in data.get("org", []):
        for raw in entry["terms"]:
            for form in variants(raw, plural=False):
                _add(terms, Term(form, "org", entry["name"]))
    for entry in data.get("weapon", []):
        for raw in entry["terms"]:
            for form in variants(raw, plural=entry.get("plural", False)):
                _add(
                    terms,
                    Term(
                        form,
                        "weapon",
                        entry["weapon"],
                        strong=entry.get("strong", True),
                        needs_mine_context=entry.get("needs_mine_context", False),
                        starts_with_mine=form.startswith("mine"),
                    ),
                )
    acts = data.setdefault("acts", {})
    from treatywatch.extract.frames import trigger_lists

    acts["verbs"], acts["nouns"] = trigger_lists()  # the act triggers live in the frame files
    act_verbs = {lemma: act for act, lemmas in acts.get("verbs", {}).items() for lemma in lemmas}
    act_nouns = {lemma: act for act, lemmas in acts.get("nouns", {}).items() for lemma in lemmas}
    excl = data.get("exclude", {})
    return Lexicon(
        terms=terms,
        exclude_before=frozenset(excl.get("before", [])),
        exclude_after=frozenset(excl.get("after", [])),
        exclude_window=int(excl.get("window", 2)),
        figurative_after=frozenset(excl.get("figurative_after", [])),
        pronoun_before=frozenset(excl.get("pronoun_before", [])),
        pronoun_after=frozenset(excl.get("pronoun_after", [])),
        naval_context=tuple(data.get("naval", {}).get("context", [])),
        act_verbs=act_verbs,
        act_nouns=act_nouns,
        description_governors=frozenset(acts.get("description_governors", {}).get("lemmas", [])),
        with_object=frozenset(acts.get("with_object", {}).get("lemmas", [])),
        modality={k: frozenset(v) for k, v in data.get("modality", {}).items()},
        forces=frozenset(data.get("actors", {}).get("forces", [])),
        armed=frozenset(data.get("actors", {}).get("armed", [])),
        raw=data,
    )
