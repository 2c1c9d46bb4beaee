"""Named vetoes: whether a trigger is an act at all, read from `rules/vetoes.toml`.

A trigger governed by a permission ("would allow Finland to produce"), an ability ("free to
manufacture", "the legal right to acquire"), a negated plan ("no immediate plans to produce")
or standing in the condition of a conditional ("only if the country left the convention") is
no act: `veto_of(trigger)` gives the id of the veto that applies, or None. The word classes are
data; this module only walks the dependency path.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Token

from treatywatch.extract.lexicon import load_lexicon

__all__ = ["Veto", "vetoes", "veto_of", "VETO_FILE"]

VETO_FILE = Path(__file__).with_name("rules") / "vetoes.toml"
_NEGATORS = frozenset({"no", "not", "n't", "never", "neither", "nor", "without"})
_LEGAL = frozenset({"legal", "legally", "lawful", "lawfully"})


@dataclass(frozen=True)
class Veto:
    id: str
    doc: str
    words: dict[str, frozenset[str]]
    examples: tuple[dict[str, Any], ...]


@lru_cache(maxsize=1)
def vetoes() -> dict[str, Veto]:
    data = tomllib.loads(VETO_FILE.read_text(encoding="utf-8"))
    out: dict[str, Veto] = {}
    for entry in data.get("veto", []):
        words = {
            k: frozenset(v) for k, v in entry.items() if isinstance(v, list) and k != "examples"
        }
        out[entry["id"]] = Veto(
            entry["id"], entry.get("doc", ""), words, tuple(entry.get("examples", []))
        )
    return out


def _by_name(prefix: str) -> Veto:
    return next(v for k, v in vetoes().items() if k.startswith(prefix))


def _path(trigger: Token) -> list[Token]:
    """The trigger and its governors up to the first speech verb (excluded) or the root."""
    speech = load_lexicon().modality.get("speech", frozenset())
    path = [trigger]
    cur = trigger
    while cur.head.i != cur.i:
        cur = cur.head
        if cur.lemma_.lower() in speech and cur.pos_ in ("VERB", "AUX"):
            break
        path.append(cur)
    return path


def _negated(tok: Token) -> bool:
    # "does not intend", "no immediate plans", "there is no plan", "sees no need": the
    # negation sits on the plan itself ("does not approve the decision" keeps the decision)
    return any(
        c.dep_ in ("neg", "det", "advmod", "preconj") and c.lower_ in _NEGATORS
        for c in tok.children
    )


def _permission(path: list[Token]) -> bool:
    veto = _by_name("veto.permission")
    verbs, adjs, nouns = veto.words["verbs"], veto.words["adjectives"], veto.words["nouns"]
    legal_only = veto.words.get("needs_legal", frozenset())
    for k, tok in enumerate(path[1:], start=1):
        lemma, low = tok.lemma_.lower(), tok.lower_
        if path[k - 1].dep_ in ("prep", "advcl", "xcomp") and any(
            # "face no legal bar to producing": the noun is the verb's object, the act hangs
            # on the verb through "to"
            c.dep_ == "dobj" and c.pos_ == "NOUN" and c.lemma_.lower() in nouns
            for c in tok.children
        ):
            return True
        if tok.pos_ in ("VERB", "AUX") and lemma in verbs:
            return True
        if (
            k == 1
            and path[0].pos_ == "VERB"
            and any(c.dep_ == "advmod" and c.lower_ in _LEGAL for c in path[0].children)
        ):
            return True  # "could legally produce mines": what the law would allow
        if tok.pos_ in ("ADJ", "VERB") and (low in adjs or lemma in adjs):
            if tok.pos_ == "ADJ" or tok.tag_ == "VBN":
                return True
        if tok.pos_ == "NOUN" and lemma in nouns:
            if lemma in legal_only and not any(c.lower_ in _LEGAL for c in tok.children):
                continue
            return True
        if tok.dep_ in ("ccomp", "ROOT") and path[k - 1].dep_ != "conj":
            break  # a clause boundary ("produce and stockpile": the conjunct shares its clause)
    return False


def _subject_of_permission(trigger: Token) -> bool:
    """ "Leaving the ban lets Riga stockpile mines", "a withdrawal would open the way": what
    grants the permission is named as a prospect, not reported as done."""
    veto = _by_name("veto.permission")
    head = trigger.head
    if trigger.dep_ not in ("csubj", "nsubj") or head.i == trigger.i:
        return False
    return head.lemma_.lower() in veto.words["verbs"] or any(
        c.dep_ == "dobj" and c.lemma_.lower() in veto.words["nouns"] for c in head.children
    )


def _plan_negated(path: list[Token]) -> bool:
    veto = _by_name("veto.plan_negated")
    for tok in path[1:4]:
        lemma = tok.lemma_.lower()
        if (tok.pos_ == "NOUN" and lemma in veto.words["nouns"]) or (
            tok.pos_ == "VERB" and lemma in veto.words["verbs"]
        ):
            if _negated(tok):
                return True
        if tok.dep_ in ("ccomp", "ROOT"):
            break
    return False


def _in_condition(path: list[Token]) -> bool:
    marks = _by_name("veto.condition_clause").words["marks"]
    for tok in path:
        if tok.pos_ in ("VERB", "AUX") and any(
            c.dep_ == "mark" and c.lower_ in marks for c in tok.children
        ):
            return tok.dep_ == "advcl" or tok.i != path[-1].i
        if tok.dep_ in ("advcl", "ccomp", "ROOT", "relcl", "conj"):
            return False
    return False


def _gives_permission(trigger: Token) -> bool:
    """ "would give the army access to mines": what is given is a right, not a weapon."""
    nouns = _by_name("veto.permission").words["nouns"]
    return any(c.dep_ == "dobj" and c.lemma_.lower() in nouns for c in trigger.children)


def _contamination(trigger: Token) -> bool:
    """ "the most heavily mined countries": a participle describing mined land."""
    if trigger.lower_ != "mined" or trigger.tag_ != "VBN":
        return False
    if any(c.dep_ in ("nsubj", "agent", "aux") for c in trigger.children):
        return False  # "Russia heavily mined the road", "has heavily mined": an act
    adverbs = _by_name("veto.contamination").words["adverbs"]
    return any(c.dep_ == "advmod" and c.lower_ in adverbs for c in trigger.children)


def _treaty_members(path: list[Token]) -> bool:
    """ "Signatories pledged to destroy their stockpiles": the members as a class, no state."""
    nouns = _by_name("veto.treaty_members").words["nouns"]
    for tok in path:
        for child in tok.children:
            if child.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if child.lemma_.lower() in nouns or child.lower_ in nouns:
                if not any(t.ent_type_ in ("GPE", "NORP") for t in child.subtree):
                    return True
        if tok.dep_ == "ROOT":
            break
    return False


def _assist_permitted(trigger: Token) -> bool:
    """ "funded the destruction of the stockpile", "assisted Cambodia in clearing mines": the
    help goes to what the treaty asks, not to a prohibited act."""
    lex = load_lexicon()
    lemma = trigger.lemma_.lower()
    if "assist" not in (lex.act_verbs.get(lemma), lex.act_nouns.get(lemma)):
        return False
    return _clause_names(_by_name("veto.assist_permitted"), support_clause(trigger), trigger)


def _help_without_act(trigger: Token) -> bool:
    """ "helped Colombia survey mined land": a broad verb of help assists only a prohibited act
    ("helped the junta lay mines", "aided cluster bomb strikes") named under it."""
    veto = _by_name("veto.help_without_act")
    if trigger.pos_ != "VERB" or trigger.lemma_.lower() not in veto.words["verbs"]:
        return False
    return not _clause_names(veto, trigger, trigger)


def support_clause(trigger: Token) -> Token:
    """The clause an assistance is told in: the support verb of a noun ("provided assistance
    to Ukraine in clearing mines"), else the trigger itself."""
    return trigger.head if trigger.dep_ == "dobj" and trigger.pos_ == "NOUN" else trigger


def _clause_names(veto: Veto, top: Token, trigger: Token) -> bool:
    """Whether a word under `top` other than the trigger names one of the veto's acts (by the
    act lexicon) or nouns."""
    lex = load_lexicon()
    for tok in top.subtree:
        if tok.i == trigger.i:
            continue
        low = tok.lemma_.lower()
        table = lex.act_nouns if tok.pos_ == "NOUN" else lex.act_verbs
        act = table.get(low) or table.get(tok.lower_)  # "lay" is lemmatised "lie"
        if act in veto.words["acts"] or low in veto.words["nouns"]:
            return True
    return False


def _pledged_never(trigger: Token) -> bool:
    """ "to never, under any circumstances, use mines", "never to use them": the infinitive's
    own "to" with a "never" between it and the verb, or just before it."""
    if trigger.pos_ != "VERB":
        return False
    to = next((c for c in trigger.children if c.dep_ == "aux" and c.lower_ == "to"), None)
    if to is None:
        return False
    never = _by_name("veto.pledge_never").words["adverbs"]
    span = trigger.doc[max(to.i - 1, 0) : trigger.i]
    return any(t.lower_ in never for t in span)


def veto_of(trigger: Token) -> str | None:
    """The id of the veto that makes this trigger no act, or None."""
    path = _path(trigger)
    ids = {v.split(".")[1]: v for v in vetoes()}
    if _assist_permitted(trigger):
        return ids["assist_permitted"]
    if _help_without_act(trigger):
        return ids["help_without_act"]
    if _contamination(trigger):
        return ids["contamination"]
    if _permission(path) or _gives_permission(trigger) or _subject_of_permission(trigger):
        return ids["permission"]
    if _plan_negated(path):
        return ids["plan_negated"]
    if _in_condition(path):
        return ids["condition_clause"]
    if _pledged_never(trigger):
        return ids["pledge_never"]
    if _treaty_members(path):
        return ids["treaty_members"]
    return None
