"""The mention stage: acts and their roles, read from the dependency parse of one sentence.

The stages, one module each: `triggers` (which token is an act: the frame files' lexemes by
part of speech), `gates` (named vetoes: permission, a negated plan, a condition's premise),
`slots` (the weapon or treaty it takes), `roles` (actor, other side, place), `modality` (cues as
data), `when` (its date), then this module builds the `Mention`, and `merge` makes events.

A trigger becomes a `Mention` when it has what its act needs — a weapon (or, for treaty acts, a
treaty) and an actor — and is not a description of the treaty or of a policy. Roles:

- actor: the subject or passive agent of the trigger; for a noun its possessor or a state word on
  it ("U.S. shipments"); otherwise the subject of the verb that governs it ("approved sending",
  "decision to give", "by laying"); the object of "accuse X of"; pronouns resolve to the
  subject of the governing speech verb or the last actor;
- other side: the recipient ("to Ukraine", "provided Ukraine with") or supplier ("from", a state
  word on the object) of a transfer; the place ("in", "on its territory") of use, clearance and
  casualties.

Each mention carries the id of the frame rule that read it (`use.by_agent.v1`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Token

from treatywatch.extract.actors import (
    Actor,
    ArticleContext,
    speaker_of,
)
from treatywatch.extract.casualties import casualty_figures
from treatywatch.extract.casualty_figures import casualty_details
from treatywatch.extract.checks import (
    _CONTAMINATION,
    _STOCK_WEAK,
    _accusation_in,
    _announcing,
    _attack_verbs,
    _attacked_with,
    _destroyed_weapons,
    _funded_purpose,
    _generic,
    _handled_weapon,
    _headline_future,
    _held_thing,
    _participle_description,
    _treaty_described,
    headline_present,
)
from treatywatch.extract.frames import rule_id
from treatywatch.extract.gates import veto_of
from treatywatch.extract.holders import _device_owner, _legislature, _owner, _stock_place
from treatywatch.extract.learned.hook import rejects
from treatywatch.extract.lexicon import load_lexicon
from treatywatch.extract.modality import (
    ALLEGEABLE,
    Cues,
    completed,
    completed_by_word,
    decide,
    read_cues,
)
from treatywatch.extract.prefilter import Hit
from treatywatch.extract.roles import (
    _actors_of,
    _agentless_passive,
    _find_actor,
    _habitual,
    _recipient,
    _role_of,
    _stock_owner,
    _subject_of,
    _supplier,
)
from treatywatch.extract.slots import (
    _STOCK_WORDS,
    _object_of,
    _subtree_limited,
    _treaties_for,
    _weapon_for,
    ban_on_weapon,
)
from treatywatch.extract.triggers import (
    _ATTACK_NOUNS,
    _act_of,
    _antecedent,
    _group_by,
    _is_become_party,
    _left_by,
    _set_by,
    _using_in_attacks,
)
from treatywatch.extract.weapons import WeaponMention, weapon_mentions
from treatywatch.extract.when import _date_of
from treatywatch.extract.where import _location, _sentence_place, _victims_state
from treatywatch.model import TREATY_ACTS, Act, DatePrecision, Modality, Treaty, Weapon
from treatywatch.places.gazetteer import lookup, parse_id

__all__ = ["Mention", "mentions_in_sentence"]


@dataclass
class Mention:
    act: Act
    modality: Modality
    actor: Actor | None
    weapon: Weapon | None = None
    treaty: Treaty | None = None
    counterpart: str | None = None
    location: str | None = None
    location_explicit: bool = False
    speaker: str | None = None
    when: date | None = None
    start: int = -1  # sentence offsets in the article text (-1: title)
    end: int = -1
    background: bool = False
    when_attached: bool = False  # the date hangs on the trigger or a governor of it
    when_precision: DatePrecision | None = None  # day, month or year: what the text gave
    killed: int | None = None  # casualty figures of the sentence (casualty mentions)
    injured: int | None = None
    explicit: bool = False  # the modality comes from a cue in the text, not from a default
    trigger_text: str = ""
    rule: str = ""  # the frame rule that read it (rules/frames/<act>.toml), with its version
    order: int = 0
    extra: dict[str, object] = field(default_factory=dict)


_REFUSALS = frozenset({"refuse", "decline", "reject", "rule"})


def _refused(tok: Token, cues: Cues) -> bool:
    """A refusal told as news ("has refused to sign", "declines to join", "ruled out its
    signature", "would not sign", "has still not been signed"): a negated treaty act. A status
    ("has not joined", "neither X nor Y has joined", "which has not signed") is no event."""
    if cues.in_relcl or tok.dep_ == "relcl":
        return False
    for t in cues.path[1:3]:
        if t.lemma_.lower() in _REFUSALS and t.pos_ == "VERB":
            return True
    return any(
        (c.dep_ == "advmod" and c.lower_ == "still")
        or (c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll"))
        for c in tok.children
    ) and any(c.dep_ == "neg" for c in tok.children)


def _anchored(mentions, order, is_title, base, doc):
    """Mentions stamped with their sentence's order and span in the article (none for a title)."""
    for m in mentions:
        m.order = order
        if is_title:
            m.start = m.end = -1
        else:
            m.start, m.end = base + doc[:].start_char, base + len(doc.text)
        yield m


def mentions_in_sentence(
    doc: Doc,
    base: int,
    hits: list[Hit],
    ctx: ArticleContext,
    is_title: bool,
    order: int,
    headline: bool = False,
) -> list[Mention]:
    """Every act mention in one parsed sentence (`base`: its offset in the article; -1 title)."""
    weapons = [_antecedent(wm, ctx) for wm in weapon_mentions(doc, hits, max(base, 0))]
    out: list[Mention] = []
    for tok in doc:
        act = _act_of(tok)
        if act is None and _is_become_party(tok):
            act = Act.ACCEDE
        if act is None and _set_by(tok):
            act = Act.USE
        if _left_by(tok, weapons):
            act = Act.USE  # "mines left by the rebels", not leaving a treaty
        if act is None:
            continue
        mention = _mention(tok, act, doc, weapons, ctx, is_title, headline or is_title)
        if mention is None or rejects(tok.sent.text, act):  # learned layer: no act told
            continue
        out.extend(_anchored(mention, order, is_title, base, doc))
    if not any(m.act == Act.USE for m in out):
        found = _owned_weapon_mentions(doc, weapons, ctx, is_title or headline)
        if not found and not out:
            found = _accusation_mentions(doc, weapons, ctx)
        out.extend(_anchored(found, order, is_title, base, doc))
    landmine_or_cluster = [w for w in weapons if w.weapon not in (Weapon.ERW, Weapon.NAVAL_MINE)]
    if landmine_or_cluster and not is_title:
        # "16 anti-personnel mines and one anti-tank mine ... these mines": the head of a list
        # is what it is about, not its last conjunct
        heads = [w for w in landmine_or_cluster if w.root.dep_ != "conj"] or landmine_or_cluster
        ctx.last_weapon = heads[-1].weapon
    return out


# What a weapon does when it goes off ("a Houthi landmine tore through", "leave a trail of
# death"); "Ukraine's mines remain in storage" is no use.
_BLAST_NOUNS = frozenset({"explosion", "blast", "detonation"})


_HARM_VERBS = frozenset(
    {
        "tear",
        "rip",
        "blow",
        "explode",
        "detonate",
        "strike",
        "hit",
        "leave",
        "claim",
        "maim",
        "kill",
        "injure",
        "wound",
        "hurt",
        "damage",
        "destroy",
        "terrorize",
        "terrorise",
        "plague",
        "litter",
        "contaminate",
    }
)


def _owned_weapon_mentions(
    doc: Doc, weapons: list[WeaponMention], ctx: ArticleContext, is_title: bool
) -> list[Mention]:
    """A group's weapon that acts in the sentence ("a Houthi landmine tore through their
    lives", "Houthis' landmines leave a trail of death"): that group used it there."""
    out: list[Mention] = []
    for wm in weapons:
        if wm.weapon in (Weapon.ERW, Weapon.NAVAL_MINE):
            continue
        root = wm.root
        verb = root.head
        if root.dep_ == "nsubj" and verb.lemma_.lower() in _HARM_VERBS:
            pass  # (a mine that "was destroyed" is acted on: "nsubjpass" is no harm it did)
        elif (
            root.dep_ == "pobj"
            and root.head.lower_ in ("on", "of", "from", "by")
            and root.head.head.lemma_.lower() in _BLAST_NOUNS
        ):
            verb = root.head.head  # "two explosions on Armenian mines occur in X"
        elif root.dep_ == "dobj" and verb.lemma_.lower() in ("hit", "trigger", "detonate"):
            verb = root  # "a soldier hit a Pakistani landmine": the mine, not the hitting
        else:
            continue
        mine = wm.weapon in (Weapon.MINE, Weapon.AP_MINE, Weapon.AV_MINE)
        owners = _owner(root, ctx, mine=mine)
        if not owners:
            continue
        found = _mention(verb, Act.USE, doc, [wm], ctx, is_title) or []
        keys = {a.key for a in owners}
        for m in found:
            m.rule = rule_id("use", "weapon_owner")
            if m.actor is None and len(owners) == 1 and verb is not wm.root.head:
                m.actor = owners[0]  # "explosions on Armenian mines": the owner is the user
        found = [m for m in found if m.actor is not None and m.actor.key in keys]
        # where it went off, as for the harm it did ("a Palestinian child was killed when an
        # Israeli landmine exploded"), not the owner's own country
        places = [_sentence_place(verb, ctx), _victims_state(verb.head, ctx)]
        for m in found:
            place = next((p for p in places if p and p != m.actor.iso3), None)
            if place and (not m.location or m.location == m.actor.iso3):
                m.location, m.location_explicit = place, True
        out += found
    return out


_ACCUSATION_NOUNS = frozenset({"accusation", "allegation", "charge"})


def _accusation_mentions(
    doc: Doc, weapons: list[WeaponMention], ctx: ArticleContext
) -> list[Mention]:
    """ "X renewed accusations against Y over landmines": an accusation against a state about
    landmines or cluster munitions, with no act named, alleges their use by that state."""
    arms = [w for w in weapons if w.weapon not in (Weapon.ERW, Weapon.NAVAL_MINE)]
    if not arms:
        return []
    arm_tokens = {i for w in arms for i in w.tokens}
    for tok in doc:
        rule = rule_id("use", "accusation_noun")
        if tok.lemma_.lower() in ("blame", "accuse") and tok.pos_ == "VERB":
            # "Azerbaijan blames Armenia for fresh mines in Lachin": the blamed used them
            pobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            about = [
                c
                for c in tok.children
                if c.dep_ == "prep"
                and c.lower_ in ("for", "over")
                and {t.i for t in c.subtree} & arm_tokens
            ]
            if pobj is None or not about:
                continue
            rule = rule_id("use", "accusation_verb")
        elif tok.lemma_.lower() not in _ACCUSATION_NOUNS or tok.pos_ != "NOUN":
            continue
        else:
            against = next(
                (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "against"), None
            )
            pobj = (
                next((c for c in against.children if c.dep_ == "pobj"), None) if against else None
            )
            deny = load_lexicon().modality.get("deny", ())
            if (
                pobj is None
                and tok.dep_ == "dobj"
                and tok.head.lemma_.lower() in deny
                and {t.i for t in tok.subtree} & arm_tokens
            ):
                # "Cambodia rejects Thai accusation over fresh mines": who rejects it is accused
                pobj, rule = _subject_of(tok.head), rule_id("use", "accusation_denied")
            if pobj is None:
                continue
        actors = [a for a in _actors_of(pobj, ctx) if a.iso3 or a.kind == "nsag"]
        if not actors:
            continue
        speaker_name, speaker_state = (None, None)
        speech = tok if tok.pos_ == "VERB" else tok.head
        if speech.pos_ == "VERB":
            subj = _subject_of(speech)
            if subj is not None:
                speaker_name, speaker_state = speaker_of(subj, ctx)
        denied = rule == rule_id("use", "accusation_denied")
        out = []
        for actor in actors:
            if speaker_state is not None and speaker_state == actor.iso3 and not denied:
                continue
            m = Mention(
                rule=rule,
                act=Act.USE,
                modality=Modality.DENIED if denied else Modality.ALLEGED,
                actor=actor,
                weapon=arms[0].weapon,
                speaker=speaker_name,
                explicit=True,
                trigger_text=tok.text,
            )
            out.append(m)
        return out
    return []


def _mention(
    tok: Token,
    act: Act,
    doc: Doc,
    weapons: list[WeaponMention],
    ctx: ArticleContext,
    is_title: bool = False,
    headline: bool = False,
) -> list[Mention] | None:
    lemma = tok.lemma_.lower()
    treaties: list[Treaty] = []
    weapon_m: WeaponMention | None = None
    stored = False
    if act in TREATY_ACTS:
        treaties = _treaties_for(tok, doc, ctx) or ban_on_weapon(tok, weapons)
        if not treaties:
            return None
    else:
        weapon_m = _weapon_for(tok, weapons, act, ctx)
        if weapon_m is None:
            return None
        stored = (
            # "640,000 mines are still held by the Greek army", "are stored at depots in X":
            # the weapon is the subject of a passive holding verb
            act == Act.STOCKPILE
            and tok.tag_ == "VBN"
            and weapon_m.root.dep_ == "nsubjpass"
            and weapon_m.root.head.i == tok.i
            and not _CONTAMINATION.search(weapon_m.span.text)
        )
        if act == Act.STOCKPILE and lemma in _STOCK_WEAK and not stored:
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is None:
                return None
            nouns = load_lexicon().act_nouns
            if (nouns.get(obj.lemma_.lower()) or nouns.get(obj.lower_)) not in (None, "stockpile"):
                return None  # "keeps mine-laying as an option": an act kept in view, no stock
            if _CONTAMINATION.search(weapon_m.span.text):
                return None  # "had several heavily mined areas": contamination, no stock
            nxt = next(
                (t for t in tok.doc[tok.i + 1 : tok.i + 3] if t.pos_ not in ("ADV", "SCONJ")), None
            )
            if lemma == "have" and nxt is not None and nxt.tag_ == "VBN":
                return None  # "has since laid landmines": an auxiliary the parser took as verb
            in_object = (
                bool({t.i for t in obj.subtree} & weapon_m.tokens)
                and weapon_m.root.dep_ != "compound"
                and _held_thing(weapon_m.root, obj)
            )
            counted = obj.pos_ == "NUM" or any(c.pos_ == "NUM" for c in obj.children)
            stock_talk = any(t.lemma_.lower() in _STOCK_WORDS for t in tok.sent)
            if (
                obj.lemma_.lower() not in _STOCK_WORDS
                and not in_object
                and not (counted and stock_talk and tok.dep_ == "conj")
            ):
                return None
        if act == Act.DESTROY_STOCKPILE:
            scope = {t.lemma_.lower() for t in _subtree_limited(tok)} | {tok.lemma_.lower()}
            sentence = {t.lemma_.lower() for t in tok.sent}
            own_last = (
                weapon_m.root.i in {t.i for t in tok.subtree}
                and any(
                    # "got rid of its last anti-personnel mines": a state's own remaining mines
                    c.dep_ in ("amod", "advmod")
                    and c.lower_
                    in load_lexicon().raw["acts"].get("stock_markers", {}).get("lemmas", ())
                    for c in weapon_m.root.children
                )
                and any(c.dep_ == "poss" for c in weapon_m.root.children)
            )
            if (
                not scope & _STOCK_WORDS
                and not own_last
                and not (
                    # "has 3 million landmines in its stockpile and plans to destroy those";
                    # "Stockpile destruction: ... reported having destroyed 12,000 landmines"
                    (sentence & _STOCK_WORDS or ctx.stock_talk)
                    and tok.pos_ == "VERB"
                    and _destroyed_weapons(tok, weapon_m)
                )
            ):
                return None
        if act == Act.STOCKPILE and lemma in ("stockpile", "arsenal") and tok.pos_ == "NOUN":
            # "Minsk's stockpile of PFM-1 mines remains in storage": a holder's stock; a stock
            # that is destroyed, cleared or sent ("destroyed its stockpile") is that act's
            if not any(c.dep_ == "poss" for c in tok.children):
                return None
            governor = tok.head.head if tok.dep_ == "pobj" else tok.head
            if governor.i != tok.i and _act_of(governor) is not None:
                return None
        if act == Act.ACQUIRE and lemma == "get" and weapon_m.root.dep_ not in ("dobj",):
            return None
        if (
            act == Act.USE
            and lemma in ("fire", "launch", "drop")
            and weapon_m.weapon != Weapon.CLUSTER_MUNITION
            and not _object_of(weapon_m.root, tok)
        ):
            return None  # "dropped PFM-1 mines" is use; "mine deaths dropped" is not
        if (
            (act == Act.PRODUCE and lemma in ("make", "build", "assemble"))
            or (act == Act.USE and lemma in ("bury", "hide", "throw"))
        ) and not _handled_weapon(tok, weapon_m):
            # "efforts made by the government in mine clearance" makes no mines; "buried the
            # dead near the minefield" buries no mine
            return None
        if act == Act.USE and lemma in _attack_verbs() and not _attacked_with(tok, weapon_m):
            return None  # "bombed the villages with cluster bombs" is use; "hit a mine" is not
        if (
            act == Act.CLEAR
            and lemma == "clear"
            and any(
                c.dep_ == "dobj" and load_lexicon().act_nouns.get(c.lemma_.lower()) == "transfer"
                for c in tok.children
            )
        ):
            return None  # "Washington clears shipment of mines for Ukraine": an approval
        if (
            act == Act.TRANSFER
            and lemma in ("hand", "return")
            and weapon_m.root.i not in {t.i for t in tok.subtree}
        ):
            return None  # "removed the landmines and handed the land back": no mine handed
        if act == Act.CLEAR and lemma == "sweep" and not _object_of(weapon_m.root, tok):
            return None  # "troops sweeping through the mined cities" is no clearance
        if (
            act == Act.CLEAR
            and lemma in ("remove",)
            and weapon_m.weapon
            not in (Weapon.MINE, Weapon.AP_MINE, Weapon.AV_MINE, Weapon.IMPROVISED_MINE, Weapon.ERW)
        ):
            return None
    if (
        act != Act.CASUALTY  # "farmer killed in a landmine blast": a victim, not a description
        and _participle_description(tok)
        and not (act == Act.USE and _left_by(tok, weapons))
    ):
        return None  # (_left_by has found who left them)
    if act not in TREATY_ACTS and _treaty_described(tok):
        return None  # "The convention is a treaty adopted after concerns about casualties"
    if veto_of(tok) is not None:
        return None  # permission, a negated plan, a condition's premise: no act (gates.py)
    cues = read_cues(tok)
    if headline and _headline_future(tok):
        cues.announced = True  # "US to give Ukraine mines, officials say": a plan
    if headline and act in (Act.WITHDRAW, Act.SUSPEND) and headline_present(tok):
        cues.headline_present = True  # "Lithuania quits cluster munitions convention": done
    if cues.description:
        return None
    if cues.in_relcl and cues.negated:
        return None  # "mines which are not used by Thailand": a property, not an act
    if act in TREATY_ACTS and cues.negated and not _refused(tok, cues):
        return None  # "has not signed up to the treaty": a status, the registry's business
    if cues.announced and any(c.dep_ == "neg" for c in tok.children):
        return None  # "vowed not to use the mines": a commitment, not an act
    if act == Act.CASUALTY and _generic(tok):
        return None
    actors, _agent_tok = _find_actor(tok, ctx)
    role = _role_of(tok, _agent_tok, actors)
    if not actors and act == Act.USE and lemma == "leave":
        group = _group_by(tok)  # "left as a parting gift by Haftar's fighters"
        if group is not None:
            actors = [a for a in _actors_of(group, ctx) if a.kind == "nsag"]
            role = "by_agent"
    if (
        not actors
        and _agent_tok is None
        and act == Act.USE
        and weapon_m is not None
        and weapon_m.weapon == Weapon.CLUSTER_MUNITION
        and ctx.lead_state
        and _using_in_attacks(tok)
    ):
        # "All of the attacks were carried out ... using cluster munitions": the attacks are
        # those of the forces the lead names ("Russian forces have assaulted Kharkiv")
        actors = [Actor(iso3=ctx.lead_state)]
        role = "lead_forces"
    if (
        not actors
        and _agent_tok is None
        and act in (Act.DESTROY_STOCKPILE, Act.STOCKPILE, Act.RETAIN)
    ):
        actors = _stock_owner(tok, ctx)  # "destroying the country's remaining stockpile"
        role = "stock_owner" if actors else role
        if not actors and act == Act.DESTROY_STOCKPILE:
            # "the destruction of the PFM-1 stockpile in Ukraine", "the last stockpiled mines in
            # Belarus were destroyed": a stock with no owner named is the state it lies in
            place = _stock_place(tok, weapon_m)
            if place:
                actors, role = [Actor(iso3=place)], "stock_place"
    if not actors and stored:
        # "mines are still stored at army depots in Belarus": the state where they are kept
        place = _sentence_place(tok, ctx)
        if place:
            actors, role = [Actor(iso3=place)], "stored_in"
    if not actors and act == Act.CLEAR and tok.dep_ in ("oprd", "acomp") and tok.pos_ == "ADJ":
        # "Mozambique was declared free of landmines", "X is mine-free": the land is the
        # subject's, and so is the clearance
        subject = _subject_of(tok.head)
        if subject is not None:
            actors = [a for a in _actors_of(subject, ctx) if a.iso3]
            role = "declared_free" if actors else role
    if act == Act.CASUALTY:
        # the victims are no actor; whose device it was, when the sentence says so, is
        actors = _device_owner(weapon_m, tok, ctx) if weapon_m is not None else []
        role = "device_owner" if actors else "victims"
    # the speaker
    speaker_name: str | None = None
    speaker_state: str | None = None
    speaker_tok = None
    if cues.deny is not None:
        denier = cues.deny
        if denier.lemma_.lower() not in load_lexicon().modality.get("deny", ()):
            # "X said accusations ... were false": X denies
            denier = cues.speech or next(
                (t for t in denier.sent if t.dep_ == "ROOT" and t.pos_ == "VERB"), denier
            )
        speaker_tok = _subject_of(denier)
    elif cues.accuse is not None:
        speaker_tok = _subject_of(cues.accuse)
        if speaker_tok is not None and speaker_tok.dep_ == "nsubjpass":
            # "Houthi fighters are accused (by HRW) of laying mines": the accused is no speaker
            agent = next((c for c in cues.accuse.children if c.dep_ == "agent"), None)
            speaker_tok = (
                next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            )
    elif cues.speech is not None:
        speaker_tok = _subject_of(cues.speech)
        if speaker_tok is not None and tok.i in {t.i for t in speaker_tok.subtree}:
            # "Damascus's use of cluster bombs was documented by HRW": the passive's subject
            # is what was said; the speaker is its agent
            speaker_tok = None
        if speaker_tok is None:
            agent = next((c for c in cues.speech.children if c.dep_ == "agent"), None)
            if agent is not None:
                speaker_tok = next((c for c in agent.children if c.dep_ == "pobj"), None)
    if speaker_tok is None and cues.according_to is not None:
        speaker_tok = cues.according_to
    if speaker_tok is not None:
        speaker_name, speaker_state = speaker_of(speaker_tok, ctx)
        place = lookup(speaker_name) if speaker_name else None
        if place is not None and place.kind in ("org", "nsag"):
            speaker_name = place.value
        if speaker_name:
            ctx.last_speaker, ctx.last_speaker_state = speaker_name, speaker_state
    if not actors and act in (Act.PRODUCE, Act.DEVELOP):
        # "no mines have ever been made in Estonia": what is made in a state, its industry makes
        made_in = [
            p for c in tok.children if c.dep_ == "prep" and c.lower_ == "in" for p in c.children
        ]
        where = [
            parse_id(p.ent_id_) for p in made_in if p.ent_type_ in ("GPE", "NORP") and p.ent_id_
        ]
        if where and where[0] is not None and where[0].kind == "state":
            actors, role = [Actor(iso3=where[0].value)], "place"
    if not actors and act == Act.USE and _agentless_passive(tok):
        # "Landmines are routinely planted as part of the grid": a practice of the forces the
        # article is about; a single incident ("were planted along the road") names no one
        in_attack = any(
            # "cluster bombs were used in the shelling": the attack the lead's forces made
            c.dep_ == "prep"
            and c.lower_ in ("in", "during")
            and any(g.lemma_.lower() in _ATTACK_NOUNS for g in c.children if g.dep_ == "pobj")
            for c in tok.children
        )
        if _habitual(tok):
            scene = ctx.lead_state or ctx.scene_state()
        else:
            scene = ctx.lead_state if in_attack else None  # one incident names no one
        if scene:
            actors = [Actor(iso3=scene)]
            role = "practice"
    mentions: list[Mention] = []
    pairs = [(a, t) for a in (actors or [None]) for t in (treaties or [None])]
    for actor, treaty in pairs:
        actor_state = actor.iso3 if actor else None
        modality = decide(cues, act, tok, actor_state, speaker_state, speaker_state is not None)
        explicit = (modality != Modality.OCCURRED or completed(cues)) and not (
            act == Act.WITHDRAW and modality == Modality.ANNOUNCED and not _announcing(cues)
        )
        if headline and modality == Modality.OCCURRED and _headline_future(tok):
            modality = Modality.ANNOUNCED
        if act == Act.CLEAR and modality == Modality.OCCURRED and _funded_purpose(tok):
            modality = Modality.ANNOUNCED  # "allocates EUR 2 mln for demining": work to come
        if (
            act in (Act.WITHDRAW, Act.SUSPEND)
            and modality == Modality.OCCURRED
            and (
                _legislature(_agent_tok)
                # "the Rada has supported Ukraine's withdrawal": the one who supports it votes
                or (tok.pos_ == "NOUN" and _legislature(_subject_of(tok.head)))
            )
        ):
            # "parliament finalizes withdrawal", "the Rada supports the withdrawal": a vote at
            # home is a decision; the exit is the notice to the depositary
            modality, explicit = Modality.ANNOUNCED, True
        tense_only = act in (Act.WITHDRAW, Act.SUSPEND) and modality == Modality.OCCURRED
        tense_only = tense_only and not completed_by_word(cues)
        m = Mention(
            rule=rule_id(act.value, role),
            explicit=explicit,
            act=act,
            modality=modality,
            actor=actor,
            treaty=treaty,
            weapon=weapon_m.weapon if weapon_m else None,
            trigger_text=tok.text,
        )
        if act in TREATY_ACTS and any(
            t.lemma_.lower() in load_lexicon().modality.get("recall", ()) for t in cues.path[1:]
        ):
            m.background = True  # "reminded that the UK has signed it": a known status
        if len(actors) >= 3:
            m.extra["listed"] = True  # "used by Iran, Myanmar, North Korea and Russia": a tally
        negation_only = (
            cues.negated
            and cues.deny is None
            and cues.accuse is None
            and not _accusation_in(tok.sent)  # "said it had not placed mines, responding to
            # Bangkok's accusation": a denial
        )
        if negation_only:
            m.extra["negation_only"] = True
        if (
            not negation_only
            and cues.negated
            and modality == Modality.NEGATED
            and act in ALLEGEABLE
            and _accusation_in(tok.sent)
        ):
            # "its troops had not placed any mines, responding to Bangkok's accusation": a
            # "no" answering an accusation is a denial
            m.modality = modality = Modality.DENIED
            m.speaker = speaker_name
        if negation_only and modality == Modality.DENIED:
            # "Estonia has never produced mines, its ministry said": a state's own "never" is a
            # negation; it becomes a denial only beside an allegation (merge._modality)
            m.modality = modality = Modality.NEGATED
            m.extra["own_negation"] = True
        if cues.conditional and modality == Modality.HYPOTHETICAL:
            m.extra["conditional"] = True  # a contingency is reported; a call to act is not
        if tense_only:
            m.extra["tense_only"] = True  # "has withdrawn": the body may say it is only decided
        if actor_state is None and speaker_state is not None:
            # the actor is found later (an orphan joining its event): judge the speaker then
            m.extra["own_speaker"] = (
                speaker_state,
                decide(cues, act, tok, speaker_state, speaker_state, True),
                speaker_name,
            )
        if modality in (Modality.ALLEGED, Modality.DENIED):
            m.speaker = speaker_name  # who claims it, or who denies it
        if modality == Modality.DENIED and cues.deny is not None:
            habitual = {"repeatedly", "consistently", "always", "routinely", "long", "previously"}
            around = [c for t in [cues.deny, *list(cues.deny.ancestors)[:2]] for c in t.children]
            if any(c.lower_ in habitual for c in around):
                m.extra["general_denial"] = True  # "has repeatedly denied using them"
        if act in (Act.TRANSFER,):
            m.counterpart = _recipient(tok, ctx, act)
            if actor is None:
                supplier = _supplier(tok, weapon_m, ctx)
                if supplier:
                    m.actor = Actor(iso3=supplier)
        elif act == Act.ACQUIRE:
            m.counterpart = _supplier(tok, weapon_m, ctx)
        elif act in (Act.USE, Act.CLEAR, Act.CASUALTY):
            loc = _location(tok, weapon_m, ctx, speaker_state, actor_state)
            if loc:
                m.location, m.location_explicit = loc, True
            if act == Act.CLEAR and not loc and actor is None and tok.pos_ == "VERB":
                # "After years of sniffing land mines and ordnance in Cambodia": the misparsed
                # place phrase of an agentless clearance is still where it was done
                loc = _sentence_place(tok, ctx)
                if loc:
                    m.location, m.location_explicit = loc, True
            if act == Act.CASUALTY and not loc:
                loc = (
                    _victims_state(tok, ctx, weapon_m)
                    or _sentence_place(tok, ctx)
                    or ctx.dateline_state
                )
                if loc:
                    m.location, m.location_explicit = loc, True
        m.when, m.when_attached, m.when_precision = _date_of(tok, doc, ctx)
        if act == Act.CASUALTY:
            m.killed, m.injured = casualty_figures(tok.sent)
            m.extra.update(casualty_details(tok.sent, weapons))  # civilians, children, device
        mentions.append(m)
    if actors and act != Act.CASUALTY:
        ctx.last_actors = [a for a in actors if a.iso3 or a.kind == "nsag"] or ctx.last_actors
    return mentions
