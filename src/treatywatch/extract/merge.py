"""One event per (act, actor, other side, weapon family) per article; more mentions add evidence.

Mentions are folded in article order (the headline first, then the body). The merged event
takes the modality of its earliest mention that is not merely hypothetical (the headline and the
lead set the status; later "would be in violation" asides do not), the most specific weapon of
the family, the first date, and every sentence as evidence. A mention that lacks its other side
("the U.S. landmines offer") or its actor ("soldiers have placed landmines") joins the one event
it can belong to, if there is exactly one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from treatywatch.extract.actors import Actor, ArticleContext
from treatywatch.extract.acts import Mention
from treatywatch.extract.casualty_figures import merged_details
from treatywatch.extract.frames import rule_id
from treatywatch.extract.lexicon import load_lexicon
from treatywatch.extract.weapons import more_specific
from treatywatch.model import Act, Event, Evidence, Modality, Treaty, Weapon

__all__ = ["merge_mentions"]

_PLACE_ACTS = frozenset({Act.USE, Act.CLEAR, Act.CASUALTY})
_STOCK_ACTS = frozenset({Act.STOCKPILE, Act.DESTROY_STOCKPILE, Act.RETAIN})


def _family(m: Mention) -> str | None:
    if m.weapon is not None:
        return m.weapon.family
    return m.treaty.value if m.treaty else None


def _other(m: Mention) -> str | None:
    return m.location if m.act in _PLACE_ACTS else m.counterpart


def _actor_key(m: Mention) -> str | None:
    return m.actor.key if m.actor else None


_JOINING = frozenset({Act.RATIFY, Act.ACCEDE})


def _key(m: Mention) -> tuple[object, ...]:
    # ratification and accession are one act of joining (one instrument of consent)
    act: object = "join" if m.act in _JOINING else m.act
    return (act, _actor_key(m), _other(m), _family(m))


def _normalise(m: Mention) -> Mention:
    """acquire B<-A (supplier known) is transfer A->B."""
    if m.act == Act.ACQUIRE and m.counterpart and m.actor and m.actor.iso3:
        recipient = m.actor.iso3
        m.act = Act.TRANSFER
        m.actor = Actor(iso3=m.counterpart)
        m.counterpart = recipient
    return m


def _theatre(mentions: list[Mention], ctx: ArticleContext, actor: str) -> str | None:
    """Where a foreign state's use most likely is: a recipient or place named elsewhere in the
    article (the war the weapons are sent to), else the state the article is most about (its
    headline and lead), and only then a state named somewhere as a place ("decisions were
    made in Finland" is no theatre of Russia's war)."""
    # the state that supplied the weapons ("US cluster munitions") is their origin, not the place
    suppliers = {
        m.actor.iso3
        for m in mentions
        if m.act == Act.TRANSFER and m.counterpart == actor and m.actor and m.actor.iso3
    }
    named = [
        m.counterpart if m.act == Act.TRANSFER else m.location
        for m in mentions
        if (m.counterpart or m.location_explicit) and (m.counterpart or m.location) != actor
    ]
    named = [n for n in named if n and n not in suppliers]
    if named:
        counts = Counter(named).most_common(2)
        if len(counts) > 1 and counts[0][1] == counts[1][1]:
            return None  # a tie is no evidence of either place
        return counts[0][0]
    if suppliers:
        return actor  # weapons sent to a state at war are used in its war
    # a state that only acts elsewhere in the article (it helps, supplies, funds) is no
    # theatre: "Russia's help to the junta, which lays mines" is Myanmar's use in Myanmar
    helpers = {
        m.actor.iso3
        for m in mentions
        if m.actor and m.actor.iso3 and m.actor.iso3 != actor and m.act != Act.USE
    }
    for candidate in (ctx.focus(exclude=actor), ctx.theatre(exclude=actor)):
        if candidate and candidate not in helpers:
            return candidate
    if helpers:
        return actor
    return None


def _default_place(m: Mention, ctx: ArticleContext, mentions: list[Mention]) -> None:
    if m.act not in _PLACE_ACTS or m.location:
        return
    if m.act == Act.CASUALTY or m.extra.get("listed"):
        return  # a tally of users names no one place; another sentence's place is not theirs
    actor = m.actor
    if actor is None:
        return
    if actor.kind == "nsag":
        # where the article places things ("in Raqqa, Syria") before the state it names most:
        # a dateline ("WASHINGTON -") and officials' nationality are not the group's theatre
        m.location = ctx.theatre() or ctx.focus()
    elif actor.iso3:
        if m.act == Act.CLEAR or m.extra.get("conditional"):
            # a contingency ("would mine the border if attacked") is the actor's own defence,
            # never the attacker's land the condition names
            m.location = actor.iso3
        elif (ctx.focus() or ctx.theatre()) == actor.iso3 and ctx.theatre() in (None, actor.iso3):
            # (an article that names no state, only places in the actor's: its own land)
            m.location = actor.iso3
        else:
            m.location = _theatre(mentions, ctx, actor.iso3)


def _generic_group(actor: Actor | None) -> bool:
    """ "rebels", "guerrillas": an armed group the sentence does not name."""
    if actor is None or actor.kind != "nsag" or not actor.name:
        return False
    irregular = load_lexicon().raw["actors"].get("irregular", ())
    return actor.name.lower().rstrip("s") in irregular


def _name_generic_groups(mentions: list[Mention]) -> None:
    """ "Colombian rebels sow mines" and "FARC guerrillas sowed mines": the unnamed group is the
    one armed group the article names."""
    named = {
        m.actor.name
        for m in mentions
        if m.actor and m.actor.kind == "nsag" and not _generic_group(m.actor)
    }
    if len(named) != 1:
        return
    (name,) = named
    for m in mentions:
        if _generic_group(m.actor):
            m.actor = Actor(name=name, kind="nsag")


def _attach_orphans(mentions: list[Mention]) -> list[Mention]:
    """Give an actor-less mention the actor of the single same-act, same-family event."""
    out = []
    for m in mentions:
        if m.actor is None and m.act == Act.CLEAR and m.location_explicit:
            if not any(o.actor is not None and o.act == m.act for o in mentions):
                out.append(m)  # "its teams cleared 2,000 mines in X": judged by the place
                continue
        if m.actor is None and m.act != Act.CASUALTY:
            same = {
                (_actor_key(o), o.actor)
                for o in mentions
                if o.actor is not None and o.act == m.act and _family(o) == _family(m)
            }
            if len(same) == 1:
                ((_, actor),) = same
                m.actor = actor
                own = m.extra.get("own_speaker")
                if own and actor.iso3 == own[0]:
                    # the actor's own official said it: a plan is announced, a "no" a negation
                    # (a denial beside an allegation, see _modality)
                    m.modality = own[1]
                    m.explicit = m.explicit or own[1] != Modality.OCCURRED
                    if own[1] == Modality.DENIED:
                        m.speaker = own[2]
                        if m.extra.get("negation_only"):
                            m.modality = Modality.NEGATED
                            m.extra["own_negation"] = True
            else:
                continue
        out.append(m)
    return out


_USED = frozenset({Modality.OCCURRED, Modality.ONGOING, Modality.ALLEGED})


def _casualties_of_users(mentions: list[Mention]) -> None:
    """Casualties with no owner named, in a place where the article has one state using that
    weapon family (or one owner named by another casualty sentence): its devices hurt them
    ("Israeli jets dropped cluster bombs on south Lebanon ... bomblets have killed 12 people
    there")."""
    for m in mentions:
        if m.act != Act.CASUALTY or m.actor is not None or not m.location:
            continue
        users = {
            o.actor.iso3
            for o in mentions
            if o.actor
            and o.actor.iso3
            and o.location == m.location
            and _family(o) == _family(m)
            and (
                (o.act == Act.USE and o.modality in _USED and not o.extra.get("listed"))
                or (o.act == Act.CASUALTY and o.rule.startswith("casualty.device_owner."))
            )
        }
        if len(users) == 1:
            m.actor = Actor(iso3=users.pop())
            m.rule = rule_id("casualty", "user_of_place")


def _fold_open_sides(
    groups: dict[tuple[object, ...], list[Mention]],
) -> dict[tuple[object, ...], list[Mention]]:
    """Fold (act, actor, None, family) into the single (act, actor, X, family)."""
    for key in [k for k in groups if k[2] is None]:
        act, actor, _, family = key
        targets = [
            k
            for k in groups
            if k[0] == act and k[1] == actor and k[3] == family and k[2] is not None
        ]
        if act == Act.ACQUIRE:
            targets += [
                k for k in groups if k[0] == Act.TRANSFER and k[2] == actor and k[3] == family
            ]
        if len(targets) == 1:
            groups[targets[0]].extend(groups.pop(key))
    return groups


def _modality(ms: list[Mention]) -> tuple[Modality, str | None]:
    # a retold earlier episode ("in the 2006 war, according to the UN") does not speak for
    # the current event
    ms = [m for m in ms if not m.background] or ms
    ordered = sorted(ms, key=lambda m: m.order)
    real = [m for m in ordered if m.modality != Modality.HYPOTHETICAL] or ordered
    # a modality the text states (a decision, a denial, "formally notified") outranks a default
    chosen = next((m for m in real if m.explicit), real[0])
    if chosen.act in (Act.WITHDRAW, Act.SUSPEND) and chosen.modality == Modality.ANNOUNCED:
        # a decision told first, a notice deposited later in the text: the notice is the news
        # ("notifies UN it is suspending the treaty" over "formally informed the UN")
        notified = [
            m for m in real if m.modality == Modality.OCCURRED and not m.extra.get("tense_only")
        ]
        if notified:
            chosen = notified[0]
    if chosen.act in _JOINING and chosen.modality == Modality.ANNOUNCED:
        # "will formally join ... on 1 September" beside "deposited its instrument": the
        # deposit is the news, the entry into force its consequence
        deposited = [m for m in real if m.modality == Modality.OCCURRED and m.explicit]
        deposited = deposited or [
            m for m in real if m.modality == Modality.OCCURRED and m.act == Act.RATIFY
        ]
        if deposited:
            chosen = deposited[0]
    if chosen.act in (Act.WITHDRAW, Act.SUSPEND) and chosen.modality == Modality.OCCURRED:
        # a headline's "has withdrawn", "suspends" against a body that tells of a vote or
        # decision (and no notice): the body's tense wins
        done = [m for m in real if m.modality == Modality.OCCURRED]
        decided = [m for m in real if m.modality == Modality.ANNOUNCED and m.explicit]
        if decided and all(m.extra.get("tense_only") for m in done):
            chosen = decided[0]
    speaker = chosen.speaker
    alleged = next((m for m in real if m.modality == Modality.ALLEGED), None)
    own_no = next((m for m in ordered if m.extra.get("own_negation")), None)
    if own_no is not None and alleged is not None:
        return Modality.DENIED, own_no.speaker  # "X accused Y ...; Y's army said it never did"
    if chosen.modality in (Modality.OCCURRED, Modality.ONGOING):
        # an unattributed headline does not outweigh the body's "..., the Monitor said"
        claim = next((m for m in real if m.modality == Modality.ALLEGED), None)
        if claim is not None:
            chosen, speaker = claim, claim.speaker
    if chosen.modality == Modality.NEGATED and (
        chosen.extra.get("own_negation") or chosen.extra.get("negation_only")
    ):
        # "Cambodian army says it did not plant mines" over "..., responding to Bangkok's
        # accusation": the headline's own "not" is the denial the body tells
        denial = next((m for m in real if m.modality == Modality.DENIED), None)
        if denial is not None:
            return Modality.DENIED, denial.speaker
    if chosen.modality == Modality.ALLEGED:
        denial = next(
            (
                m
                for m in ordered
                if m.modality == Modality.DENIED and not m.extra.get("general_denial")
            ),
            None,
        )
        if denial is not None:
            return Modality.DENIED, denial.speaker  # an allegation that was denied
        if not speaker:
            speaker = next((m.speaker for m in ordered if m.speaker), None)
    return chosen.modality, speaker


def _evidence(ms: list[Mention], text: str) -> list[Evidence]:
    spans = sorted({(m.start, m.end) for m in ms if m.start >= 0})
    return [Evidence(text=text[s:e], start=s, end=e) for s, e in spans]


def merge_mentions(
    mentions: list[Mention], ctx: ArticleContext, text: str, include_background: bool = False
) -> list[Event]:
    mentions = [_normalise(m) for m in mentions]
    _name_generic_groups(mentions)
    mentions = _attach_orphans(mentions)
    for m in mentions:
        if m.act in _PLACE_ACTS and not m.location and m.actor is not None:
            stated = {
                o.location
                for o in mentions
                if o.location_explicit
                and o.act == m.act
                and _actor_key(o) == _actor_key(m)
                and _family(o) == _family(m)
            }
            if len(stated) == 1:
                m.location = stated.pop()  # the place another sentence gives the same act
                continue
        _default_place(m, ctx, mentions)
    _casualties_of_users(mentions)
    for m in mentions:
        if m.act == Act.TRANSFER and m.actor and m.counterpart == m.actor.iso3:
            m.counterpart = None  # "the first shipment to the country": a state sends to another
        if m.act == Act.CLEAR and m.location and (m.actor is None or m.actor.kind == "org"):
            # "mined areas were cleared in X", "the HALO Trust cleared fields near Herat": work
            # on a state's land with no state named is that state's clearance (an armed
            # group's is not: its actor stays)
            m.actor = Actor(iso3=m.location)
            m.rule = rule_id("clear", "land_state")
    groups: dict[tuple[object, ...], list[Mention]] = defaultdict(list)
    for m in mentions:
        if m.act == Act.CASUALTY and not m.location:
            continue
        groups[_key(m)].append(m)
    groups = _fold_open_sides(groups)
    events: list[Event] = []
    for ms in groups.values():
        if all(m.modality == Modality.HYPOTHETICAL for m in ms) and not any(
            m.extra.get("conditional") for m in ms
        ):
            continue  # a call or a duty ("should join") is no event; a contingency is one
        background = all(m.background for m in ms)
        if background and not include_background:
            continue
        acts = {m.act for m in ms}
        if len(acts) == 1:
            key_act = ms[0].act
        elif acts <= _JOINING:
            key_act = Act.RATIFY  # one joining event; "ratification" names it best
        else:
            key_act = Act.TRANSFER
        first = min(
            (m for m in ms if m.act == key_act), key=lambda m: m.order, default=None
        ) or min(ms, key=lambda m: m.order)
        weapon: Weapon | None = None
        for m in ms:
            weapon = more_specific(weapon, m.weapon)
        if weapon == Weapon.MINE and first.act in _STOCK_ACTS and ctx.treaty == Treaty.APMBC.value:
            weapon = Weapon.AP_MINE  # stockpiles under the Mine Ban Convention are AP mines
        modality, speaker = _modality(ms)
        current = [m for m in ms if not m.background] or ms
        dated = next((m for m in sorted(current, key=lambda m: m.order) if m.when), None)
        if dated is None:
            # "In 2014, the UN asked South Sudan to investigate its use of cluster bombs. The
            # army denied using them.": the undated retelling is the act the dated one reports
            dated = next(
                (m for m in sorted(ms, key=lambda m: m.order) if m.when and m.when_attached),
                None,
            )
        when: date | None = dated.when if dated else None
        when_precision = dated.when_precision if dated else None
        evidence = _evidence(ms, text)
        counterpart = next((m.counterpart for m in ms if m.counterpart), None)
        location = next((m.location for m in ms if m.location), None)
        actor = first.actor
        confidence = (
            0.55 + 0.1 * min(len(evidence), 3) + (0.1 if (counterpart or location) else 0.0)
        )
        if not evidence:
            confidence -= 0.2
        events.append(
            Event(
                act=first.act,
                modality=modality,
                weapon=weapon,
                treaty=first.treaty,
                actor=actor.iso3 if actor else None,
                actor_name=actor.name if actor and not actor.iso3 else None,
                counterpart=counterpart if first.act in (Act.TRANSFER, Act.ACQUIRE) else None,
                location=location if first.act not in (Act.TRANSFER, Act.ACQUIRE) else None,
                when=when,
                when_precision=when_precision,
                rules=sorted({m.rule for m in ms if m.rule}),
                killed=max((m.killed for m in ms if m.killed is not None), default=None),
                injured=max((m.injured for m in ms if m.injured is not None), default=None),
                **merged_details(ms),  # civilians, children, device
                evidence=evidence,
                speaker=speaker,
                confidence=round(min(confidence, 0.95), 2),
                background=background,
            )
        )
    events.sort(key=lambda e: e.evidence[0].start if e.evidence else -1)
    return events
