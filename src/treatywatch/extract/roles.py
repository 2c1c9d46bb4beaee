"""The roles stage: who acted (subject, by-agent, possessor, a governing verb, the article's
facts) and the other side of a transfer; where it happened is where.py's job. `role_of` names
the pattern that found the actor: the middle of the rule id (`use.by_agent.v1`).
"""

from __future__ import annotations

from spacy.tokens import Token

from treatywatch.extract.actors import (
    Actor,
    ArticleContext,
    is_pronoun,
    resolve_np,
)
from treatywatch.extract.frames import agent_noun_triggers
from treatywatch.extract.lexicon import load_lexicon
from treatywatch.extract.slots import (
    _STOCK_WORDS,
    _subtree_limited,
    carrier_verbs,
    helped_by_noun,
    helps,
    recipient_heads,
)
from treatywatch.extract.weapons import WeaponMention
from treatywatch.model import Act
from treatywatch.places.gazetteer import parse_id

_SPEECH_OR_CLAIM_OBJECT = frozenset(
    {"accuse", "blame", "charge", "suspect", "implicate", "condemn", "criticize", "criticise"}
)


_OF_AGENT_NOUNS = frozenset(
    {
        "withdrawal",
        "accession",
        "suspension",
        "exit",
        "departure",
        "denunciation",
        "signature",
        "entry",
    }
)


# Verbs through which a noun trigger takes the verb's subject as its actor ("Britain has not
# begun minesweeping", "Greece completed the destruction"); "Russia welcomed the withdrawal" is
# no withdrawal by Russia.
_LIGHT_VERBS = frozenset(
    {
        "begin",
        "start",
        "complete",
        "finish",
        "continue",
        "carry",
        "conduct",
        "resume",
        "halt",
        "stop",
        "launch",
        "finalize",
        "finalise",
        "accelerate",
        "speed",
        "step",
        "do",
        "make",
        "undertake",
        "pursue",
        "delay",
        "postpone",
        "deposit",
        "submit",
        "notify",
        "file",
        "give",
        "take",
        "have",
        "hold",
        "miss",
        "meet",
        "fail",
        "refuse",
        "announce",
        "confirm",
        "report",
        "defend",
        "justify",
        "push",
        "seek",
        "intensify",
        "expand",
    }
)


_DASHES = frozenset({"—", "–", "-", "--"})


def _dash_of(tok: Token) -> Token | None:
    """The dash that closes a dateline opening the sentence of `tok`."""
    return next((t for t in tok.doc[tok.i + 1 : tok.i + 8] if t.text in _DASHES), None)


def _dateline_head(tok: Token) -> bool:
    """An all-capitals place opening the sentence with a dash after it ("KYIV, Ukraine (AP) —",
    "BANGKOK —")."""
    return (
        tok.i == tok.sent.start
        and tok.text.isupper()
        and len(tok.text) > 3
        and _dash_of(tok) is not None
    )


def _agent_children(tok: Token) -> list[Token]:
    out = []
    for child in tok.children:
        if child.dep_ == "nsubj" and _dateline_head(child):
            # "VIENTIANE, Laos—The United States will send": the dateline is where the
            # reporter is; the subject is what follows the dash
            dash = _dash_of(child)
            out.extend(c for c in child.children if c.dep_ == "appos" and dash and c.i > dash.i)
        elif child.dep_ in ("nsubj", "poss", "csubj") or (
            child.dep_ == "nsubjpass"  # "Sri Lanka got rid of its mines": a get-passive
            and any(c.dep_ == "auxpass" and c.lemma_ == "get" for c in tok.children)
        ):
            out.append(child)
        elif (
            child.dep_ == "dep"
            and child.i < tok.i
            and child.ent_type_ in ("GPE", "NORP", "NSAG")
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        ):
            out.append(child)  # headline "US to give Ukraine mines": the parser's stray subject
        elif child.dep_ == "agent":
            out.extend(c for c in child.children if c.dep_ == "pobj")
    if tok.pos_ == "NOUN":
        for child in tok.children:
            if child.dep_ in ("compound", "amod", "nmod") and child.ent_id_:
                place = parse_id(child.ent_id_)
                if place and place.kind in ("state", "group", "nsag", "person"):
                    out.append(child)
            if child.dep_ == "prep" and child.lower_ == "by":
                out.extend(c for c in child.children if c.dep_ == "pobj")
            if (
                child.dep_ == "prep"
                and child.lower_ == "of"
                and tok.lemma_.lower() in _OF_AGENT_NOUNS
            ):
                out.extend(c for c in child.children if c.dep_ == "pobj")
    return out


def _nominal(tok: Token) -> bool:
    """A noun trigger, or a gerund used as one ("the reported laying down of mines")."""
    if tok.pos_ == "NOUN":
        return True
    return tok.tag_ == "VBG" and any(
        (c.dep_ in ("det", "poss") and c.i < tok.i) or (c.dep_ == "prep" and c.lower_ == "of")
        for c in tok.children
    )


def _nominal_by_agent(trigger: Token, ctx: ArticleContext) -> tuple[list[Actor], Token | None]:
    """ "the laying down of mines close to the border by Myanmar forces": the by-phrase of a
    nominalised act names its agent wherever the parser hung it inside the noun phrase."""
    for tok in _subtree_limited(trigger):
        if (
            tok.dep_ in ("prep", "agent")
            and tok.lower_ == "by"
            and (tok.head.pos_ != "VERB" or tok.head.i == trigger.i)
        ):
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            found = [a for a in _actors_of(pobj, ctx) if a.iso3 or a.kind == "nsag"]
            if found:
                return found, pobj
    return [], None


def _may_climb(trigger: Token, cur: Token, head: Token) -> bool:
    """A noun trigger takes a governing verb's subject only through a light or planning verb."""
    if not _nominal(trigger) or (cur.pos_ == "VERB" and cur.i != trigger.i):
        return True
    if head.pos_ not in ("VERB", "AUX"):
        return True
    # "increased production", "gave assistance": a verb that raises or carries the act
    return head.lemma_.lower() in _LIGHT_VERBS or head.lemma_.lower() in carrier_verbs()


def _resolve_pronoun(pron: Token, ctx: ArticleContext) -> list[Actor]:
    # "we - the defence ministers of Estonia, ..." : an apposition names them
    for child in pron.children:
        if child.dep_ == "appos":
            found = resolve_np(child, ctx)
            if found:
                return found
    # the nearest governing clause's subject ("Kiev ... before announcing its decision"),
    # up to the subject of a speech verb ("The United States said it would ...")
    cur = pron.head
    for _ in range(8):
        if cur.dep_ == "relcl":
            found = resolve_np(cur.head, ctx)  # "a state called Russia, which itself uses"
            if found:
                return found
        subj = next(
            (
                c
                for c in cur.children
                if c.dep_ in ("nsubj", "nsubjpass") and not is_pronoun(c) and not _dateline_head(c)
            ),
            None,
        )
        if subj is not None and pron.i not in {t.i for t in subj.subtree}:
            found = resolve_np(subj, ctx)
            if found:
                # "The EU said it would fund demining": the pronoun is the organisation
                return found
        if cur.head.i == cur.i:
            break
        cur = cur.head
    # an earlier subject in the same sentence
    for tok in pron.sent:
        if tok.i >= pron.i:
            break
        if tok.dep_ in ("nsubj", "nsubjpass") and not is_pronoun(tok) and not _dateline_head(tok):
            found = [a for a in resolve_np(tok, ctx) if a.iso3 or a.kind == "nsag"]
            if found:
                return found
    return list(ctx.last_actors)


def _actors_of(tok: Token, ctx: ArticleContext) -> list[Actor]:
    if is_pronoun(tok):
        return _resolve_pronoun(tok, ctx)
    if tok.lower_ in ("which", "that", "who") and tok.head.dep_ == "relcl":
        return resolve_np(tok.head.head, ctx)  # "Russia, which itself uses landmines"
    poss = next((c for c in tok.children if c.dep_ == "poss" and is_pronoun(c)), None)
    if poss is not None and tok.lemma_.lower() in _STATE_NOUNS:
        found = _resolve_pronoun(poss, ctx)  # "its own armed forces", "their countries"
        if found:
            return found
    found = resolve_np(tok, ctx)
    if (
        not found
        and tok.lower_ in ("country", "nation")
        and any(c.lower_ == "the" for c in tok.children)
    ):
        focus = ctx.focus()
        return [Actor(iso3=focus)] if focus else []  # "the country's stockpile"
    if not found and tok.lemma_.lower() in _STATE_NOUNS:
        poss = next((c for c in tok.children if c.dep_ == "poss" and is_pronoun(c)), None)
        if poss is not None:
            return _resolve_pronoun(poss, ctx)  # "their countries", "its government"
    return found


_STATE_NOUNS = frozenset(
    {
        "country",
        "countries",
        "government",
        "governments",
        "state",
        "states",
        "nation",
        "nations",
        "force",
        "forces",
        "army",
        "military",
        "troops",
        "soldiers",
    }
)


def _role_of(trigger: Token, agent: Token | None, actors: list[Actor]) -> str:
    """Which role pattern named the actor: the rule's middle name (`use.by_agent.v1`)."""
    if not actors:
        return "no_actor"
    if agent is None:
        return "context"  # a pronoun or "the army" resolved from the article
    if (
        trigger.dep_ in ("attr", "oprd")
        and agent.dep_ == "nsubj"
        and agent.head.i == trigger.head.i
    ):
        return "predicate"  # "Myanmar remains a producer of mines"
    if agent.dep_ == "pobj" and agent.head.lower_ == "by":
        return "by_agent"  # "were laid by Russian forces", "the laying of mines by X"
    if agent.dep_ == "poss":
        return "possessor"  # "Russia's use of mines"
    if agent.dep_ in ("nsubj", "nsubjpass") and agent.head.i == trigger.i:
        return "by_subject"  # "Russia laid mines"
    return "governor"  # the subject of a governing verb ("Russia continued to lay mines")


# Nouns of saying whose possessor is the one who says, never the one who acts.
_CLAIM_NOUNS = frozenset(
    {
        "allegation",
        "accusation",
        "claim",
        "charge",
        "report",
        "statement",
        "denial",
        "complaint",
        "protest",
        "assertion",
        "suspicion",
        "evidence",
        "finding",
        "account",
    }
)


def _find_actor(trigger: Token, ctx: ArticleContext) -> tuple[list[Actor], Token | None]:
    """The actor(s) of a trigger, climbing to governing verbs when it has no subject."""
    if (
        trigger.pos_ == "NOUN"
        and trigger.dep_ in ("attr", "oprd")
        and trigger.head.lemma_.lower() in ("be", "remain", "become", "stay")
    ):
        # "Myanmar remains a producer of mines": the copula's subject
        subj = next((c for c in trigger.head.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            found = _actors_of(subj, ctx)
            if found:
                return found, subj
    if trigger.dep_ == "appos" and trigger.lemma_.lower() in agent_noun_triggers():
        return _actors_of(trigger.head, ctx), trigger.head  # "Estonia never a producer"
    if _nominal(trigger):
        found, agent = _nominal_by_agent(trigger, ctx)
        if found:
            return found, agent
    cur = trigger
    came_from: Token | None = None
    for _step in range(5):
        lemma = cur.lemma_.lower()
        if came_from is not None:
            # "Moscow's assistance to the Tatmadaw in planting mines", "gave assistance to
            # Russian forces in laying mines": the one helped plants
            for pobj in helped_by_noun(cur, trigger, came_from):
                found = _actors_of(pobj, ctx)
                if found:
                    return found, pobj
        accused = lemma in load_lexicon().modality.get("allege", ()) and cur.pos_ == "VERB"
        if came_from is not None and (lemma in _SPEECH_OR_CLAIM_OBJECT or helps(cur) or accused):
            # "helped the coalition drop", "trained by X to plant", "are accused of burying":
            # the one helped or accused acts (the object, or the subject of the passive)
            for obj in (c for c in cur.children if c.dep_ in ("dobj", "nsubjpass")):
                found = _actors_of(obj, ctx) if obj.i != came_from.i else []
                if found:
                    return found, obj
            if helps(cur) and came_from.dep_ == "xcomp":
                # "experts from Germany helped destroy the stockpile in Belarus": the helper
                # does not act; the act is the unnamed helped party's (its place says whose)
                return [], None
        if came_from is not None and lemma in load_lexicon().modality.get("deny", ()):
            subj = next((c for c in cur.children if c.dep_ == "nsubj"), None)
            if subj is not None:
                return _actors_of(subj, ctx), subj
        if (
            came_from is not None
            and lemma in load_lexicon().modality.get("speech", ())
            and cur.pos_ == "VERB"
            and not (
                came_from.dep_ == "dobj"
                and came_from.lemma_.lower() in load_lexicon().modality.get("announce", ())
            )
            and came_from.dep_ != "xcomp"  # "Sri Lanka reported having destroyed": its own act
        ):
            break  # never take the speaker for the actor (but "announced a plan to" is his)
        claim_noun = (
            cur is not trigger
            and cur.pos_ in ("NOUN", "PROPN")
            and (cur.lemma_.lower() in _CLAIM_NOUNS or cur.lower_.rstrip("s") in _CLAIM_NOUNS)
        )
        for cand in _agent_children(cur):
            if came_from is not None and cand.i == came_from.i:
                continue
            if claim_noun and cand.dep_ in ("poss", "compound", "amod"):
                continue  # "Thailand's allegations of mine use": the accuser, not the user
            if cand.dep_ == "nsubj" and cur.pos_ in ("AUX",) and came_from is not None:
                continue
            found = [
                a
                for a in _actors_of(cand, ctx)
                if a.kind != "org" or trigger.lemma_ in ("clear", "clearance", "demining")
            ]
            if found:
                return found, cand
            if cand.dep_ in ("nsubj", "agent", "pobj") and cand.pos_ in ("NOUN", "PROPN", "NUM"):
                # a subject that is no known actor ("aid groups"): the actor stays unknown
                if not is_pronoun(cand) and cand.lemma_.lower() not in load_lexicon().forces:
                    return [], cand
        if (
            cur is trigger
            and cur.dep_ in ("amod", "acl")
            and cur.tag_ == "VBN"
            and cur.head.pos_ in ("NOUN", "PROPN")
        ):
            # "minefields planted around Khartoum, allegedly by the RSF": the parser hung the
            # by-agent on the noun; "freshly laid Russian-made mines": modifiers are no agent
            by = _by_agent_on_noun(cur)
            if by is not None:
                found = _actors_of(by, ctx)
                if found:
                    return found, by
            break
        if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in load_lexicon().modality.get(
            "deny", ()
        ):
            came_from, cur = cur, cur.head
            continue
        if cur.dep_ in ("ROOT",) or cur.dep_ in ("ccomp", "parataxis", "relcl"):
            break
        if cur.dep_ == "conj" and cur.head.pos_ in ("VERB", "AUX"):
            if any(c.dep_ == "nsubjpass" for c in cur.children):
                break  # "X showed the maps, and the areas where mines were laid": no agent
            came_from, cur = cur, cur.head
            continue
        if cur.dep_ in ("nsubj", "nsubjpass", "csubj") and cur.head.pos_ == "AUX":
            break
        if not _may_climb(trigger, cur, cur.head):
            break
        came_from, cur = cur, cur.head
    return [], None


def _state_of(tok: Token, ctx: ArticleContext) -> str | None:
    for actor in _actors_of(tok, ctx):
        if actor.iso3:
            return actor.iso3
    return None


def _recipient(trigger: Token, ctx: ArticleContext, act: Act) -> str | None:
    lex = load_lexicon()
    for child in (c for h in recipient_heads(trigger) for c in h.children):
        if child.dep_ in ("dative", "prep") and child.lower_ in ("to", "for"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                st = _state_of(pobj, ctx)
                if st:
                    return st
        if child.dep_ == "dative" and child.pos_ in ("PROPN", "NOUN"):
            st = _state_of(child, ctx)
            if st:
                return st
    if trigger.lemma_.lower() in lex.with_object:
        dobj = next((c for c in trigger.children if c.dep_ == "dobj"), None)
        if dobj is not None and any(
            c.dep_ == "prep" and c.lower_ == "with" for c in trigger.children
        ):
            st = _state_of(dobj, ctx)
            if st:
                return st
    # "send ukraine cluster munitions": two objects, the state one is the recipient
    for child in trigger.children:
        if child.dep_ in ("dobj", "npadvmod") and child.ent_id_:
            place = parse_id(child.ent_id_)
            if place and place.kind == "state":
                return place.value
        if child.dep_ == "dobj" and trigger.lemma_.lower() in _GIVE_VERBS:
            # "give Ukraine anti-personnel mines" parsed as one noun phrase
            first = next((c for c in child.lefts if c.dep_ == "compound"), None)
            if first is not None and first.ent_id_ and first.i == trigger.i + 1:
                place = parse_id(first.ent_id_)
                if place and place.kind == "state":
                    return place.value
    return _holder_of_supplied(trigger, ctx)


def _holder_of_supplied(trigger: Token, ctx: ArticleContext) -> str | None:
    """ "Ukrainian forces use cluster bombs provided by the United States": a supply participle
    on the object of a verb makes that verb's subject the recipient."""
    if trigger.dep_ not in ("acl", "amod") or trigger.tag_ != "VBN":
        return None
    noun = trigger.head
    if noun.dep_ not in ("dobj", "pobj") or noun.head.pos_ not in ("VERB", "ADP"):
        return None
    verb = noun.head if noun.dep_ == "dobj" else noun.head.head
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return _state_of(subj, ctx)
        if verb.dep_ not in ("xcomp", "conj", "advcl") or verb.head.i == verb.i:
            break
        verb = verb.head
    return None


_GIVE_VERBS = frozenset({"give", "send", "hand", "gift", "sell", "ship", "supply"})


def _supplier(trigger: Token, weapon: WeaponMention | None, ctx: ArticleContext) -> str | None:
    for child in trigger.children:
        if child.dep_ == "prep" and child.lower_ == "from":
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                st = _state_of(pobj, ctx)
                if st:
                    return st
    objs = [c for c in trigger.children if c.dep_ in ("dobj", "pobj")]
    if weapon is not None:
        objs.append(weapon.root)
    for obj in objs:
        for child in obj.children:
            if child.dep_ in ("compound", "amod", "nmod", "poss") and child.ent_id_:
                place = parse_id(child.ent_id_)
                if place and place.kind == "state":
                    return place.value
    return None


def _subject_of(verb: Token) -> Token | None:
    """The subject of a verb, skipping a dateline the parser took for one ("BANGKOK, ... —")."""
    deps = ("nsubj", "nsubjpass", "poss") if verb.pos_ == "NOUN" else ("nsubj", "nsubjpass")
    subjects = [
        c for c in verb.children if c.dep_ in deps and not (c.text.isupper() and len(c.text) > 4)
    ]
    governing = load_lexicon().modality
    if (
        not subjects
        and verb.dep_ == "conj"
        and verb.head.i != verb.i
        and verb.head.lemma_.lower()
        in governing.get("speech", frozenset()) | governing.get("allege", frozenset())
    ):
        return _subject_of(verb.head)  # "Azerbaijan said ... and blamed X"
    return max(subjects, key=lambda c: c.i) if subjects else None


def _stock_owner(trigger: Token, ctx: ArticleContext) -> list[Actor]:
    for tok in _subtree_limited(trigger):
        if tok.lemma_.lower() in _STOCK_WORDS or tok.dep_ == "dobj":
            poss = next((c for c in tok.children if c.dep_ == "poss"), None)
            if poss is not None:
                found = [a for a in _actors_of(poss, ctx) if a.iso3]
                if found:
                    return found
    return []


_HABITUAL = frozenset({"routinely", "regularly", "habitually", "systematically", "usually"})


def _habitual(tok: Token) -> bool:
    """A present-tense passive of practice: "are routinely planted", "are laid regularly"."""
    present = any(c.dep_ == "auxpass" and c.tag_ in ("VBP", "VBZ") for c in tok.children)
    return present and any(c.dep_ == "advmod" and c.lower_ in _HABITUAL for c in tok.children)


def _by_agent_on_noun(participle: Token) -> Token | None:
    """The object of a "by" hung on the noun a participle describes, after the participle; or,
    the parser's other habit, on the active verb that governs that noun ("found three
    minefields planted near X, allegedly by the RSF")."""
    noun = participle.head
    holders = [noun]
    verb = noun.head
    if noun.dep_ in ("dobj", "pobj") and verb.pos_ == "VERB":
        if any(c.dep_ == "nsubj" for c in verb.children):
            holders.append(verb)
    for holder in holders:
        for child in holder.children:
            if child.dep_ in ("prep", "agent") and child.lower_ == "by" and child.i > participle.i:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and (
                    holder is noun or pobj.ent_type_ in ("NSAG", "GPE", "NORP")
                ):
                    return pobj
    return None


def _agentless_passive(tok: Token) -> bool:
    return (
        any(c.dep_ == "auxpass" for c in tok.children)
        and not any(c.dep_ == "agent" for c in tok.children)
        or tok.dep_ in ("amod", "acl")
    )
