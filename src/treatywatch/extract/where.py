"""Where an act happened, read from its sentence: the place phrase on the trigger, its weapon
or its victims ("when a landmine exploded in X", "children in Lebanon"), a state named anywhere
in the sentence, or the victims' own state. A place is where the gazetteer or the sentence puts
it, never the attacker's country.
"""

from __future__ import annotations

from spacy.tokens import Token

from treatywatch.extract.actors import ArticleContext
from treatywatch.extract.lexicon import load_lexicon
from treatywatch.extract.slots import condition_phrase
from treatywatch.extract.weapons import WeaponMention
from treatywatch.places.gazetteer import city_state, parse_id, town_states

__all__ = ["_location", "_sentence_place", "_victims_state", "_LOCATION_PREPS"]

# "minefields outside Herat" too
_LOCATION_PREPS = frozenset(
    "in on inside across around near along into at over throughout within outside".split()
)

_ATTACK_VERBS = frozenset(
    {"attack", "strike", "hit", "bomb", "shell", "target", "pound", "bombard", "invade"}
)


def _place_phrase(pobj: Token) -> list[Token]:
    """The words of a place phrase: "southern Lebanon", "Afghanistan's Helmand province",
    "areas of Izium" — not a relative clause or another phrase hanging on it ("in retaliation
    for a bomb detonated by Hezbollah which injured IDF soldiers")."""
    out, stack = [], [pobj]
    while stack:
        cur = stack.pop()
        out.append(cur)
        for child in cur.children:
            if child.dep_ in ("compound", "amod", "poss", "conj", "appos", "nmod", "case"):
                stack.append(child)
            elif child.dep_ == "prep" and child.lower_ in ("of", "with", "from"):
                stack.extend(c for c in child.children if c.dep_ == "pobj")
                out.append(child)
            elif (
                child.dep_ == "prep"
                and child.lower_ in ("in", "near", "outside")
                and cur.lemma_.lower() in _LAND_WORDS | _SETTLEMENTS
            ) or (
                child.dep_ == "prep"
                and child.lower_ in ("on", "in", "against")
                and cur.lemma_.lower() in _ATTACK_NOUNS
            ):
                # "in attacks on towns in Iraq": the place of what was attacked
                # "around villages in Sagaing region", "fields near Vovchansk": the land's place
                stack.extend(c for c in child.children if c.dep_ == "pobj")
                out.append(child)
    return out


_ATTACK_NOUNS = frozenset(
    {"attack", "strike", "airstrike", "raid", "assault", "offensive", "bombing", "shelling"}
)

_SETTLEMENTS = frozenset({"village", "town", "city", "hamlet", "farmland", "trail", "school"})


def _beyond_border(tok: Token, top: Token) -> bool:
    cur = tok
    if tok.dep_ in ("compound", "amod") and tok.head.lemma_.lower() in ("border", "frontier"):
        return True  # "on the Belarus border": the border is named by its other side
    while cur.i != top.i and cur.head.i != cur.i:
        if (
            cur.dep_ == "pobj"
            and cur.head.lower_ in ("with", "from")
            and cur.head.head.lemma_.lower()
            in (
                "border",
                "frontier",
                "boundary",
            )
        ):
            return True
        cur = cur.head
    return False


_LAND_WORDS = frozenset(
    {
        "area",
        "field",
        "land",
        "region",
        "zone",
        "minefield",
        "territory",
        "village",
        "district",
        "province",
        "farmland",
        "road",
        "path",
        "border",
        "site",
        "hectare",
    }
)


def _location(
    trigger: Token,
    weapon: WeaponMention | None,
    ctx: ArticleContext,
    speaker_state: str | None,
    actor_state: str | None,
) -> str | None:
    heads = [trigger]
    if weapon is not None:
        heads.append(weapon.root)
        if weapon.root.dep_ in ("nmod", "compound", "amod") and weapon.root.head.pos_ == "NOUN":
            heads.append(weapon.root.head)  # "PFM-1 mines over Kharkiv"
        if (
            trigger.lemma_.lower() in load_lexicon().raw["acts"]["verbs"]["casualty"]
            and weapon.root.head.pos_ == "VERB"
            and weapon.root.dep_ in ("nsubj", "nsubjpass", "dobj")
            and trigger.i in {t.i for t in weapon.root.head.ancestors}
        ):
            heads.append(weapon.root.head)  # "when a landmine exploded in X"
    if trigger.dep_ in ("pcomp", "xcomp") and trigger.head.pos_ == "VERB":
        heads.append(trigger.head)
    if trigger.lemma_.lower() in load_lexicon().raw["acts"]["verbs"]["casualty"]:
        # "a cluster bomb wounded four children in Lebanon": the victims' place phrase
        skip = weapon.tokens if weapon is not None else set()
        heads += [
            c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass") and c.i not in skip
        ]
    for child in trigger.children:  # "areas in Angola were cleared of mines": the land's place
        if child.dep_ in ("nsubjpass", "dobj") and child.lemma_.lower() in _LAND_WORDS:
            heads.append(child)
        if child.lower_ == "of" and trigger.pos_ == "NOUN":  # "the clearance of minefields ..."
            heads += [p for p in child.children if p.lemma_.lower() in _LAND_WORDS]
    for child in trigger.children:  # "used cluster bombs to attack Lebanon"
        if child.dep_ in ("xcomp", "advcl") and child.lemma_.lower() in _ATTACK_VERBS:
            for obj in child.children:
                if obj.dep_ == "dobj" and obj.ent_id_ and obj.ent_type_ == "GPE":
                    place = parse_id(obj.ent_id_)
                    if place and place.kind == "state" and place.value != actor_state:
                        return place.value
    for head in heads:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in _LOCATION_PREPS:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is None or condition_phrase(pobj):
                    continue  # "in the event of a Russian invasion" is when, not where
                poss = next((c for c in pobj.children if c.dep_ == "poss"), None)
                if poss is not None and any(c.lower_ == "own" for c in pobj.children):
                    if actor_state:
                        return actor_state  # "on its own territory": the actor's
                if (
                    poss is not None
                    and poss.lower_ in ("its", "their", "our")
                    and actor_state
                    and pobj.lemma_.lower() in ("border", "frontier")
                    and any(c.dep_ == "prep" and c.lower_ == "with" for c in pobj.children)
                ):
                    return actor_state  # "along its border with Belarus": the actor's side
                if poss is not None and poss.lower_ in ("its", "their", "our"):
                    if pobj.lemma_.lower() in (
                        "territory",
                        "land",
                        "soil",
                        "side",
                        "border",
                        "country",
                    ):
                        if speaker_state and speaker_state != actor_state:
                            return speaker_state
                        other = ctx.focus(exclude=actor_state)
                        return other
                for tok in _place_phrase(pobj):
                    if _beyond_border(tok, pobj):
                        continue  # "near the border with Venezuela": not in Venezuela
                    if tok.ent_id_:
                        place = parse_id(tok.ent_id_)
                        if place and place.kind == "state" and tok.ent_type_ == "GPE":
                            return place.value
                        if place and place.kind == "state" and tok.dep_ in ("amod", "compound"):
                            return place.value  # "on the Thai side", "north-Colombian department"
                for tok in _place_phrase(pobj):
                    if tok.pos_ == "PROPN" and not tok.ent_id_:
                        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
                        name = (
                            ent.text
                            if ent is not None and ent.label_ in ("GPE", "LOC")
                            else tok.text
                        )
                        # a smaller town only by its own name, never a word of another
                        # name ("York" in "the New York Times")
                        in_name = ent is not None and ent.label_ not in ("GPE", "LOC")
                        towns = () if in_name else town_states(name)
                        holders = (city_state(name), city_state(tok.text), *towns)
                        for iso3 in holders:
                            if iso3 and ctx.state_counts.get(iso3):
                                return iso3  # a town counts only in a state the article names
    return _named_land(heads)


def _named_land(heads: list[Token]) -> str | None:
    """ "cleared 12 Herat minefields", "the Kharkiv fields": land named by a place before it
    (a place name, never a demonym: "Russian mines" says whose, not where)."""
    for head in heads:
        if head.lemma_.lower() not in _LAND_WORDS:
            continue
        for child in head.children:
            if child.dep_ == "compound" and child.ent_type_ == "GPE" and child.ent_id_:
                place = parse_id(child.ent_id_)
                if place and place.kind == "state":
                    return place.value
    return None


def _sentence_place(tok: Token, ctx: ArticleContext) -> str | None:
    """A state named as a place anywhere in the sentence ("wounded in northern Laos")."""
    for prep in tok.sent:
        if prep.dep_ != "prep" or prep.lower_ not in _LOCATION_PREPS:
            continue
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is None:
            continue
        for t in _place_phrase(pobj):
            if _beyond_border(t, pobj) or not t.ent_id_ or t.ent_type_ != "GPE":
                continue
            place = parse_id(t.ent_id_)
            if place and place.kind == "state":
                return place.value
    return None


def _inside_agent(t: Token, top: Token) -> bool:
    """Whether `t` sits in a by-agent or a participle clause under `top` ("mines planted by
    Armenian forces"): the attacker's nationality, not the victims'."""
    cur = t
    while cur.i != top.i and cur.head.i != cur.i:
        if cur.dep_ in ("agent", "acl", "relcl") or (cur.dep_ == "prep" and cur.lower_ == "by"):
            return True
        cur = cur.head
    return False


def _victims_state(
    tok: Token, ctx: ArticleContext, weapon: WeaponMention | None = None
) -> str | None:
    """The state the victims are named by ("two Lebanese soldiers were wounded"); the weapon's
    own phrase as the active subject names whose device it was, never the victims ("an
    Israeli cluster bomb wounded ...")."""
    own = {t.i for t in tok.subtree}
    arms = weapon.tokens if weapon is not None else set()
    heads = [
        (c, set())
        for c in tok.children
        if c.dep_ in ("nsubjpass", "dobj") or (c.dep_ == "nsubj" and c.i not in arms)
    ]
    if tok.dep_ in ("acl", "amod") and tok.head.pos_ == "NOUN":
        heads.append((tok.head, own))  # "South Lebanon boy hurt by a cluster bomb remnant"
    for child, skip in heads:
        for t in child.subtree:
            if _inside_agent(t, child) or t.i in skip:
                continue
            if t.ent_id_ and t.ent_type_ in ("NORP", "GPE"):
                place = parse_id(t.ent_id_)
                if place and place.kind == "state":
                    return place.value
    return None
