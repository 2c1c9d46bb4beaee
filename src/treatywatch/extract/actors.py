"""Who is meant: noun phrases -> states, armed groups or speakers, within one article.

`ArticleContext` carries what the article has told so far: which state it is about (by how
often and how early each state is named), which people belong to which state ("Ukraine
President Volodymyr Zelensky" -> later "Zelensky" is UKR), the last speaker and the last actor
(for "it said", "its territory").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from treatywatch.extract.facts import ArticleFacts
from treatywatch.extract.lexicon import load_lexicon
from treatywatch.extract.prefilter import Hit
from treatywatch.model import Weapon
from treatywatch.places.gazetteer import (
    Place,
    city_state,
    half_of,
    is_region,
    lookup,
    parse_id,
)

__all__ = [
    "Actor",
    "ArticleContext",
    "is_pronoun",
    "resolve_np",
    "speaker_of",
    "state_of_speaker",
]


def _most_common(counts: Mapping[str, int]) -> list[tuple[str, int]]:
    """Like `Counter.most_common`: by count, ties in the order first named."""
    return sorted(counts.items(), key=lambda kv: -kv[1])


def is_pronoun(tok: Token) -> bool:
    """A personal pronoun ("it", "their"), never the capitalised "US"."""
    return (
        tok.lower_ in PRONOUNS and tok.text != "US" and tok.pos_ in ("PRON", "DET", "ADJ", "NOUN")
    )


PRONOUNS = frozenset(
    {
        "it",
        "its",
        "they",
        "their",
        "them",
        "we",
        "our",
        "us",
        "he",
        "his",
        "she",
        "her",
        "itself",
        "themselves",
    }
)
# Title words that may stand between a state and a person's name ("Ukrainian defense official X").
_ROLE_WORDS = frozenset(
    {
        "president",
        "prime",
        "minister",
        "official",
        "officials",
        "defense",
        "defence",
        "foreign",
        "deputy",
        "vice",
        "spokesperson",
        "spokesman",
        "spokeswoman",
        "ambassador",
        "envoy",
        "general",
        "gen.",
        "commander",
        "chief",
        "secretary",
        "leader",
        "lawmaker",
        "mp",
        "senator",
        "army",
        "military",
        "ministry",
        "state",
        "national",
        "security",
        "adviser",
        "advisor",
        "head",
        "representative",
        "colonel",
        "lieutenant",
        "major",
    }
)
_NO_WALK = frozenset(
    {
        "relcl",
        "acl",
        "advcl",
        "ccomp",
        "xcomp",
        "punct",
        "cc",
        "parataxis",
        "mark",
        "det",
        "case",
        "aux",
        "auxpass",
        "neg",
        "nummod",
        "quantmod",
        "npadvmod",
        "advmod",
        "dep",
    }
)


@dataclass(frozen=True)
class Actor:
    """A resolved actor: a state (iso3), a non-state armed group or a non-state speaker."""

    iso3: str | None = None
    name: str | None = None  # armed group or organisation name
    kind: str = "state"  # "state" | "nsag" | "org"

    @property
    def key(self) -> str:
        return self.iso3 or self.name or ""


@dataclass
class ArticleContext:
    """What the sentence stages learn as they read an article (people and their states, the
    last actor and speaker, the lead's acting forces), beside its immutable `facts`."""

    facts: ArticleFacts
    people: dict[str, str] = field(default_factory=dict)  # name or surname -> iso3
    last_speaker: str | None = None
    last_speaker_state: str | None = None
    last_actors: list[Actor] = field(default_factory=list)
    lead_state: str | None = None  # the state whose forces the headline/lead name as acting
    last_weapon: Weapon | None = None  # the weapon of the last sentence that named one
    forces_states: set[str] = field(default_factory=set)  # states whose forces are named
    groups_named: bool = False  # an armed group is named somewhere in the article

    @classmethod
    def build(
        cls, title: str, text: str, published: date | None, hits: Iterable[Hit] = ()
    ) -> ArticleContext:
        return cls(facts=ArticleFacts.of(title, text, published, hits))

    # the article's facts, read-only
    @property
    def published(self) -> date | None:
        return self.facts.published

    @property
    def state_counts(self) -> Mapping[str, int]:
        return self.facts.state_counts

    @property
    def place_counts(self) -> Mapping[str, int]:
        return self.facts.place_counts

    @property
    def dateline_state(self) -> str | None:
        return self.facts.dateline_state

    @property
    def treaty(self) -> str | None:
        return self.facts.treaty

    @property
    def stock_talk(self) -> bool:
        return self.facts.stock_talk

    @property
    def improvised(self) -> bool:
        return self.facts.improvised

    def theatre(self, exclude: str | None = None) -> str | None:
        """The state the article names most often as a place ("in southern Lebanon")."""
        ranked = [iso3 for iso3, _ in _most_common(self.place_counts) if iso3 != exclude]
        return ranked[0] if ranked else None

    def focus(self, exclude: str | None = None) -> str | None:
        """The state the article is most about (optionally other than `exclude`)."""
        ranked = [iso3 for iso3, _ in _most_common(self.state_counts) if iso3 != exclude]
        return ranked[0] if ranked else None

    def link_people(self, doc: Doc | Span) -> None:
        """Remember people introduced with their state in this sentence."""
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "GPE", "NORP") and not _is_name(ent):
                continue
            tokens = _name_tokens(ent)
            if not tokens:
                continue
            iso3 = _state_before_name(tokens[0]) or _state_in_appos(tokens[-1])
            if iso3:
                full = " ".join(t.text for t in tokens)
                self.people[full] = iso3
                self.people[tokens[-1].text] = iso3

    def find_lead_state(self, doc: Doc | Span) -> None:
        """The state whose forces act in the headline or lead ("Syrian government forces")."""
        if self.lead_state:
            return
        armed = load_lexicon().armed
        for tok in doc:
            if not (tok.lemma_.lower() in armed or tok.lower_ in armed):
                continue
            head = tok
            while head.dep_ == "compound":
                head = head.head
            is_agent = head.dep_ in ("nsubj", "poss") or (
                head.dep_ == "pobj" and head.head.lower_ == "by"
            )
            if is_agent:
                left = [t for t in head.subtree if t.i < head.i]  # "Syrian government forces"
                for t in [*tok.children, *([tok.head] if tok.dep_ == "compound" else []), *left]:
                    place = parse_id(t.ent_id_) if t.ent_id_ else None
                    if place and place.kind == "state":
                        self.lead_state = place.value
                        return

    def note_forces(self, doc: Doc | Span) -> None:
        """Remember whose armed forces a sentence names, in any role ("An Indian Army jawan
        was killed"), and whether it names an armed group."""
        armed = load_lexicon().armed
        for tok in doc:
            if tok.ent_id_:
                place = parse_id(tok.ent_id_)
                if place is not None and place.kind == "nsag":
                    self.groups_named = True
            if not (tok.lemma_.lower() in armed or tok.lower_ in armed):
                continue
            near = [*tok.children]
            if tok.dep_ == "compound":  # "Indian Army soldier": the state may sit on the head
                near += [tok.head, *tok.head.children]
            for t in near:
                place = parse_id(t.ent_id_) if t.ent_id_ else None
                if place and place.kind == "state":
                    self.forces_states.add(place.value)

    def scene_state(self) -> str | None:
        """The state whose forces act in the article: the headline's or lead's acting forces,
        else the one state whose forces the article names, when it names no other forces and
        no armed group and is mostly about that state. For agentless acts of practice
        ("landmines are routinely planted as part of the counter-infiltration grid"); None when
        the scene has more than one side."""
        if self.lead_state:
            return self.lead_state
        if len(self.forces_states) == 1 and not self.groups_named:
            (state,) = self.forces_states
            if self.focus() == state:  # and the article is about that state
                return state
        return None

    def person_state(self, name: str) -> str | None:
        if name in self.people:
            return self.people[name]
        last = name.split()[-1] if name.split() else name
        return self.people.get(last)


def _is_name(ent: Span) -> bool:
    return all(t.pos_ == "PROPN" for t in ent)


def _name_tokens(ent: Span) -> list[Token]:
    """The person-name tokens of an entity (a run of PROPN that is not a place)."""
    tokens = [t for t in ent if t.pos_ == "PROPN" and t.ent_id_ == "" or t.ent_type_ == "PERSON"]
    tokens = [t for t in tokens if not lookup(t.text) or t.ent_type_ == "PERSON"]
    if ent.label_ in ("GPE", "NORP") and ent.ent_id_:
        return []
    # extend over a PROPN run (NER often splits "Oleksandr Riabtsev")
    if not tokens:
        return []
    doc = ent.doc
    start, end = tokens[0].i, tokens[-1].i
    while (
        start > 0
        and doc[start - 1].pos_ == "PROPN"
        and not doc[start - 1].ent_id_
        and doc[start - 1].lower_ not in _ROLE_WORDS
    ):
        start -= 1
    while end + 1 < len(doc) and doc[end + 1].pos_ == "PROPN" and not doc[end + 1].ent_id_:
        end += 1
    run = [doc[i] for i in range(start, end + 1)]
    if any(t.lower_ in _ROLE_WORDS for t in run) or len(run) > 4:
        return []
    if not all(t.text[:1].isupper() for t in run):
        return []
    return run


def _state_before_name(first: Token) -> str | None:
    """A state named in the words right before a person's name ("Ukraine President X")."""
    doc = first.doc
    i = first.i - 1
    steps = 0
    while i >= 0 and steps < 5:
        tok = doc[i]
        place = parse_id(tok.ent_id_) if tok.ent_id_ else None
        if place and place.kind == "state":
            return place.value
        if (
            tok.lower_ in _ROLE_WORDS
            or tok.text in ("'s", "’s")
            or tok.pos_ in ("ADJ", "NOUN", "PROPN")
        ):
            i -= 1
            steps += 1
            continue
        break
    return None


def _state_in_appos(last: Token) -> str | None:
    """A state in an apposition after a name ("Jake Sullivan, the White House adviser")."""
    for child in last.children:
        if child.dep_ == "appos":
            for tok in child.subtree:
                place = parse_id(tok.ent_id_) if tok.ent_id_ else None
                if place and place.kind == "state":
                    return place.value
    return None


def _place_of(tok: Token, ctx: ArticleContext) -> Place | None:
    if tok.ent_type_ == "TREATY":
        return None  # "states parties to the Ottawa Convention": a treaty is no actor
    if tok.ent_id_:
        place = parse_id(tok.ent_id_)
        if place is not None and place.kind == "state" and not _ISO3.fullmatch(place.value):
            return None
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None and is_region(ent.text):
            return None  # "Kayah State already had mined areas": a region is no actor
        return place
    if tok.pos_ == "PROPN":
        iso3 = ctx.person_state(tok.text)
        if iso3:
            return Place("person", iso3, (iso3,))
        if tok.dep_ != "compound":
            half = half_of(tok.text, ctx.state_counts)  # "Seoul blames the North"
            if half:
                return Place("state", half, (half,))
    return None


def _actors_from_place(place: Place) -> list[Actor]:
    if place.kind in ("state", "group", "person"):
        return [Actor(iso3=s) for s in place.states]
    if place.kind == "nsag":
        return [Actor(name=place.value, kind="nsag")]
    if place.kind == "org":
        return [Actor(name=place.value, kind="org")]
    return []


_ISO3 = re.compile(r"[A-Z]{3}")
# Nouns for aid organisations and firms: "the British non-governmental organization The HALO
# Trust" is the organisation, never the state its nationality names.
_ORG_NOUNS = frozenset(
    {
        "organization",
        "organisation",
        "ngo",
        "charity",
        "company",
        "firm",
        "contractor",
        "foundation",
        "nonprofit",
        "non-profit",
        "operator",
    }
)


_LIST_DASHES = frozenset({"-", "–", "—", "--", ":"})


def _set_off_list(tok: Token, ctx: ArticleContext) -> list[Actor]:
    """ "All five members that border Russia - Lithuania, Latvia, Estonia, Poland and Finland -
    said": the states a class noun (lexicon actors.collective) lists between dashes or after a
    colon, however the parser hung the list; only a list of two or more states and nothing
    else counts."""
    words = sorted(tok.subtree, key=lambda t: t.i)
    marks = [k for k, t in enumerate(words) if t.text in _LIST_DASHES and t.i > tok.i]
    if not marks:
        return []
    end = marks[1] if len(marks) > 1 else len(words)
    states: list[Actor] = []
    for t in words[marks[0] + 1 : end]:
        place = _place_of(t, ctx) if t.ent_type_ == "GPE" else None
        if place is not None and place.kind == "state":
            states += [a for a in _actors_from_place(place) if a not in states]
        elif not (t.is_punct or t.dep_ == "cc"):
            return []  # "- which border Russia -": a clause, not a list
    return states if len(states) >= 2 else []


def _resolve_one(tok: Token, ctx: ArticleContext, allow_forces: bool) -> list[Actor]:
    """Actors named by the noun phrase headed by `tok` (nearest first, conjuncts included)."""
    if tok.lemma_.lower() in load_lexicon().raw["actors"].get("collective", ()):
        listed = _set_off_list(tok, ctx)
        if listed:
            return listed
    if tok.lemma_.lower() in _ORG_NOUNS or tok.lower_ in _ORG_NOUNS:
        named = [c for c in tok.children if c.dep_ in ("appos", "compound") and c.ent_id_]
        for name in named:
            place = _place_of(name, ctx)
            if place is not None and place.kind in ("org", "nsag"):
                return _actors_from_place(place)
        return []
    for led in (c for c in tok.children if c.dep_ == "amod" and c.lower_ in ("led", "-led")):
        for lead in led.children:  # "the Saudi-led coalition": the leading state acts
            place = _place_of(lead, ctx)
            if place is not None and place.kind == "state":
                return _actors_from_place(place)
    if tok.lemma_.lower() in load_lexicon().raw["actors"].get("irregular", ()):
        for t in tok.subtree:
            place = _place_of(t, ctx) if t.i != tok.i else None
            if place is not None and place.kind == "nsag":
                return _actors_from_place(place)
        return [Actor(name=tok.text, kind="nsag")]  # "Colombian rebels": a group, not Colombia
    queue = [tok]
    seen = set()
    forces_hit = False
    armed_hit = False
    ruler_hit = False
    while queue:
        cur = queue.pop(0)
        if cur.i in seen:
            continue
        seen.add(cur.i)
        place = _place_of(cur, ctx)
        if place is not None:
            found = _actors_from_place(place)
            if found:
                for appos in (c for c in cur.children if c.dep_ == "appos"):
                    other = _place_of(appos, ctx)
                    if other is not None and other.kind in ("state", "group"):
                        found += [a for a in _actors_from_place(other) if a not in found]
                for conj in cur.conjuncts:
                    other = _place_of(conj, ctx)
                    if other is None:
                        other_found = (
                            _resolve_one(conj, ctx, allow_forces=False) if conj.i > cur.i else []
                        )
                    else:
                        other_found = _actors_from_place(other)
                    for actor in other_found:
                        if actor not in found:
                            found.append(actor)
                return found
        if cur.lemma_.lower() in load_lexicon().forces or cur.lower_ in load_lexicon().forces:
            forces_hit = True
        if cur.lemma_.lower() in load_lexicon().armed or cur.lower_ in load_lexicon().armed:
            armed_hit = True
        if cur.lemma_.lower() in load_lexicon().raw["actors"].get("rulers", ()):
            ruler_hit = True
        for child in cur.children:
            if child.dep_ in _NO_WALK and not (
                child.dep_ == "acl" and child.lemma_.lower() in ("call", "name", "know")
            ):
                continue
            if child.dep_ == "conj":
                continue
            if child.dep_ == "prep" and (child.lower_ == "like" or _such_as(child)):
                continue  # "groups like the FARC and ELN": examples of a class, not the actor
            queue.append(child)
    if forces_hit and allow_forces:
        # "the regime's military" is the acting state the headline named, else the main one
        # (a regime in an article that names no state, only its towns and regions: where they
        # lie; "the army hit Kharkiv" names no army of the town it hits)
        theatre = ctx.theatre() if ruler_hit else None
        focus = (ctx.lead_state if armed_hit else None) or ctx.focus() or theatre
        if focus:
            return [Actor(iso3=focus)]
    return []


def _such_as(prep: Token) -> bool:
    return prep.lower_ == "as" and any(c.lower_ == "such" for c in prep.head.children)


def resolve_np(tok: Token, ctx: ArticleContext, allow_forces: bool = True) -> list[Actor]:
    """Actors of a noun phrase and its conjuncts ("Greece, Turkey and Belarus")."""
    heads = [tok, *[c for c in tok.conjuncts if c.i > tok.i]]
    actors: list[Actor] = []
    for head in heads:
        if is_pronoun(head):
            continue
        for actor in _resolve_one(head, ctx, allow_forces):
            if actor not in actors:
                actors.append(actor)
    return actors


def speaker_of(tok: Token, ctx: ArticleContext) -> tuple[str | None, str | None]:
    """The speaker named by the subject `tok` of a speech verb: (name as written, state)."""
    if is_pronoun(tok):
        return ctx.last_speaker, ctx.last_speaker_state
    doc = tok.doc
    if tok.text.isupper() and len(tok.text) > 4 and tok.i <= 2:
        return None, None  # a dateline ("BANGKOK, July 21 —") is no speaker
    # an entity containing the token
    ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
    generic = tok.pos_ == "NOUN" and tok.lemma_.lower() not in load_lexicon().forces
    inner = None
    if generic and ent is None:
        inner = next(
            (
                e
                for e in doc.ents
                if e.label_ in ("ORG", "PERSON", "NSAG", "GPE")
                and e.root.i in {t.i for t in tok.subtree}
            ),
            None,
        )
    if inner is not None:
        name = inner.text
    elif ent is not None and ent.label_ in ("ORG", "PERSON", "NSAG") and ent.ent_id_:
        name = ent.text
    elif ent is not None and ent.ent_id_ and tok.pos_ == "PROPN" and len(ent) > 1:
        name = ent.text  # "White House", never "House"
    elif tok.pos_ == "PROPN":
        start = tok.i
        while (
            start > 0
            and doc[start - 1].pos_ == "PROPN"
            and doc[start - 1].dep_ in ("compound", "flat")
            and not doc[start - 1].ent_id_
        ):
            start -= 1
        name = doc[start : tok.i + 1].text
    else:
        # the noun phrase up to its head: "Russia's defence ministry", "the army"
        left = tok.i
        for t in tok.lefts:
            if t.dep_ in ("det", "poss", "compound", "amod", "nmod", "case"):
                left = min(left, min(x.i for x in t.subtree))
        name = doc[left : tok.i + 1].text
    name = name.strip(" ,")
    for article in ("the ", "a ", "an "):
        if name.lower().startswith(article):
            name = name[len(article) :]
    state = None
    actors = resolve_np(tok, ctx, allow_forces=True)
    for actor in actors:
        if actor.iso3:
            state = actor.iso3
            break
    if state is None and ent is not None and ent.ent_id_:
        place = parse_id(ent.ent_id_)
        if place and place.states:
            state = place.states[0]
    if tok.pos_ == "PROPN" and state is None:
        state = ctx.person_state(name)
    return name or None, state


def state_of_speaker(name: str | None, ctx: ArticleContext) -> str | None:
    if not name:
        return None
    place = lookup(name)
    if place is not None and place.states:
        return place.states[0]
    return ctx.person_state(name)


_DATELINE = re.compile(r"^\s*([A-Z][A-Z .'-]{2,40}?)(?:,[^\n]{0,40}?)?\s*(?:\(|[-–—:]|\n|$)")


def dateline_state(text: str) -> str | None:
    """The state of an article's dateline ("KABUL -", "VIENTIANE (AFP) -"), if it names one."""
    match = _DATELINE.match(text[:120])
    if not match:
        return None
    name = match.group(1).strip().title()
    place = lookup(name)
    if place is not None and place.kind == "state":
        return place.value
    return city_state(name)
