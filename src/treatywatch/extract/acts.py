"""Acts and their roles, read from the dependency parse of one sentence.

A trigger (a verb or noun from `lexicon.toml` [acts]) becomes a `Mention` when it has what its
act needs — a weapon (or, for treaty acts, a treaty) and an actor — and is not a description of
the treaty or of a policy. Roles:

- actor: the subject or passive agent of the trigger; for a noun its possessor or a state word on
  it ("U.S. shipments"); otherwise the subject of the verb that governs it ("approved sending",
  "decision to give", "by laying"); the object of "accuse X of"; pronouns resolve to the
  subject of the governing speech verb or the last actor;
- other side: the recipient ("to Ukraine", "provided Ukraine with") or supplier ("from", a state
  word on the object) of a transfer; the place ("in", "on its territory") of use, clearance and
  casualties.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from treatywatch.extract.actors import (
    Actor,
    ArticleContext,
    is_pronoun,
    resolve_np,
    speaker_of,
)
from treatywatch.extract.casualties import casualty_figures
from treatywatch.extract.dates import is_calendar_date, read_when
from treatywatch.extract.gates import veto_of
from treatywatch.extract.lexicon import load_lexicon
from treatywatch.extract.modality import Cues, completed, completed_by_word, decide, read_cues
from treatywatch.extract.prefilter import Hit
from treatywatch.extract.weapons import WeaponMention, weapon_mentions
from treatywatch.model import TREATY_ACTS, Act, DatePrecision, Modality, Treaty, Weapon
from treatywatch.places.gazetteer import city_state, lookup, parse_id

__all__ = ["Mention", "mentions_in_sentence"]

_LOCATION_PREPS = frozenset(
    {
        "in",
        "on",
        "inside",
        "across",
        "around",
        "near",
        "along",
        "into",
        "at",
        "over",
        "throughout",
        "within",
    }
)
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "conj", "csubj"})
_STOCK_WEAK = frozenset({"have", "hold", "possess", "keep", "maintain", "store", "stock"})
_TREATY_NOUNS = frozenset({"treaty", "convention", "pact", "accord", "agreement", "ban"})
_SPEECH_OR_CLAIM_OBJECT = frozenset(
    {"accuse", "blame", "charge", "suspect", "implicate", "condemn", "criticize", "criticise"}
)
_ATTACK_VERBS = frozenset(
    {"attack", "strike", "hit", "bomb", "shell", "target", "pound", "bombard", "invade"}
)


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


# --- weapon and treaty of a trigger ------------------------------------------------------------


def _subtree_limited(tok: Token, allow_advcl: bool = False) -> list[Token]:
    """Tokens under `tok`, not entering subordinate clauses (nor relative clauses)."""
    out = [tok]
    stack = list(tok.children)
    while stack:
        cur = stack.pop()
        if cur.dep_ in _CLAUSE_DEPS and not (allow_advcl and cur.dep_ in ("advcl", "conj")):
            if cur.dep_ == "conj" and cur.pos_ in ("NOUN", "PROPN"):
                pass
            else:
                continue
        out.append(cur)
        stack.extend(cur.children)
    return out


_GENERIC_WEAPON_WORDS = frozenset({"weapon", "munition", "device", "explosive", "ordnance"})
_STOCK_WORDS = frozenset({"stockpile", "stock", "stocks", "stockpiled", "arsenal"})


def _direct(tok: Token, trigger: Token) -> bool:
    head = tok.head
    if head.i == trigger.i:
        return True
    return head.dep_ in ("prep", "agent") and head.head.i == trigger.i


def _weapon_for(
    trigger: Token, weapons: list[WeaponMention], act: Act, ctx: ArticleContext | None = None
) -> WeaponMention | None:
    if not weapons:
        # "planting the explosives", "destroying its stockpile": the article's weapon
        for tok in _subtree_limited(trigger):
            if tok.i == trigger.i or not _direct(tok, trigger):
                continue
            lemma = tok.lemma_.lower()
            if tok.dep_ in ("dobj", "pobj", "nsubjpass") and (
                lemma in _GENERIC_WEAPON_WORDS or tok.lower_ in ("them", "these", "those")
            ):
                if (
                    ctx is not None
                    and ctx.improvised
                    and act == Act.USE
                    and lemma in ("device", "explosive")
                ):
                    # "jihadists have planted explosive devices" where the article's IEDs are
                    # improvised (victim-activated) mines, see the prefilter
                    return WeaponMention(trigger.doc[tok.i : tok.i + 1], Weapon.IMPROVISED_MINE)
                if ctx is not None and ctx.last_weapon is not None:
                    return WeaponMention(trigger.doc[tok.i : tok.i + 1], ctx.last_weapon)
            if lemma in _STOCK_WORDS and act in (Act.STOCKPILE, Act.DESTROY_STOCKPILE, Act.RETAIN):
                if ctx is not None and ctx.treaty:
                    weapon = Weapon.AP_MINE if ctx.treaty == "apmbc" else Weapon.CLUSTER_MUNITION
                    return WeaponMention(trigger.doc[tok.i : tok.i + 1], weapon)
        return None
    # the trigger itself is a weapon word ("demining", "mine-laying", "booby-trapped")
    for wm in weapons:
        if trigger.i in wm.tokens:
            return wm
    # participle on a weapon noun: "freshly laid landmines", "landmines laid during the war"
    if trigger.dep_ in ("amod", "acl", "relcl") or (
        trigger.dep_ == "compound" and trigger.tag_ in ("VBZ", "VBP", "VBD")
    ):
        # ("the army plants mines" read as a compound "plants mines": still the verb and its
        # object)
        for wm in weapons:
            if trigger.head.i in wm.tokens:
                return wm
        before = _weapon_before(trigger, weapons)
        if act == Act.USE and trigger.lemma_.lower() == "leave":
            before = _listed_weapon(trigger, weapons) or before
        if before is not None and act == Act.USE:
            return before  # "landmine buried on the roadside by X", the parser's head elsewhere
    scope = _subtree_limited(trigger, allow_advcl=act == Act.CASUALTY)
    if act == Act.CASUALTY and trigger.pos_ == "NOUN" and trigger.head.i != trigger.i:
        # "records civilian casualties almost daily from mine explosions"
        scope = scope + [
            t
            for prep in trigger.head.subtree
            if prep.dep_ == "prep" and prep.lower_ == "from"
            for t in prep.subtree
        ]
    # conjoined verbs share the object of their head: "develop or export mines"
    if trigger.dep_ == "conj" and trigger.head.pos_ in ("VERB", "NOUN"):
        own = {t.i for t in trigger.subtree}
        scope += [t for t in _subtree_limited(trigger.head) if t.i not in own]
    if trigger.dep_ == "xcomp" or (trigger.dep_ == "conj" and trigger.pos_ == "VERB"):
        pass
    ids = {t.i for t in scope}
    best: WeaponMention | None = None
    best_dist = 999
    for wm in weapons:
        if wm.root.i in ids or wm.tokens & ids:
            # "landmines and various IEDs had been laid": the head of a list, not a conjunct
            dist = abs(wm.root.i - trigger.i) + (50 if _in_conjunct(wm.root, trigger) else 0)
            if dist < best_dist:
                best, best_dist = wm, dist
    if best is not None:
        return best
    # pronoun or generic object ("them", "the controversial weapons"): the sentence's one weapon
    families = {wm.weapon for wm in weapons}
    for tok in scope:
        if not _direct(tok, trigger):
            continue
        if tok.dep_ in ("dobj", "pobj", "nsubjpass") and (
            tok.lower_ in ("them", "these", "those", "it")
            or tok.lemma_.lower() in _GENERIC_WEAPON_WORDS | {"one"}
        ):
            if len({_family(w) for w in families}) == 1:
                return weapons[0]
    return None


def _object_of(weapon: Token, verb: Token) -> bool:
    """The weapon is the verb's object, or a modifier of it ("dropped PFM-1 mines")."""
    obj = weapon if weapon.dep_ == "dobj" else weapon.head
    return (
        obj.dep_ == "dobj"
        and obj.head.i == verb.i
        and (obj is weapon or weapon.dep_ in ("nmod", "compound", "amod"))
    )


def _in_conjunct(tok: Token, top: Token) -> bool:
    cur = tok
    while cur.i != top.i and cur.head.i != cur.i:
        if cur.dep_ == "conj":
            return True
        cur = cur.head
    return False


def _family(weapon: Weapon) -> str:
    return weapon.family


# Acts whose treaty must be their own object: "signed the treaty", not "signed a decree to leave
# the treaty"; "ratified the convention", not "ratified the decision".
# "join" too: "joined the Baltic states in announcing a plan to withdraw" is no accession.
_DIRECT_OBJECT_ACTS = frozenset(
    {"sign", "ratify", "signature", "ratification", "signing", "join", "accede"}
)
# Words that make a treaty noun some other treaty ("the Treaty on the Prohibition of Nuclear
# Tests", "the INF treaty", "arms control pacts"): not the mine or cluster-munition treaty.
_OTHER_TREATY_WORDS = frozenset(
    {
        "nuclear",
        "test",
        "tests",
        "missile",
        "missiles",
        "ballistic",
        "chemical",
        "biological",
        "arms",
        "armed",
        "forces",
        "cfe",
        "inf",
        "start",
        "npt",
        "ctbt",
        "trade",
        "climate",
        "sky",
        "skies",
        "space",
        "proliferation",
        "non-proliferation",
        "warhead",
        "warheads",
        "border",
        "peace",
        "ceasefire",
        "cease-fire",
        "extradition",
        "friendship",
        "cooperation",
        "nato",
        "schengen",
        "refugee",
        "refugees",
        "torture",
        "rights",
        "human",
        "grain",
        "intermediate",
        "range",
        "equipment",
        "conventional",
        "partnership",
        "security",
    }
)
_OUR_WEAPON_WORDS = ("mine", "munition", "cluster", "bomblet", "landmine")


def _other_treaty(noun: Token) -> bool:
    """Whether a common treaty noun names another treaty by its own words ("the Treaty on the
    Prohibition of Nuclear Tests", "the Open Skies treaty", "the INF Treaty")."""
    words: list[Token] = []
    for child in noun.children:
        if child.dep_ in ("compound", "amod", "nmod") or (
            child.dep_ == "prep" and child.lower_ in ("on", "of", "against", "banning")
        ):
            words.extend(child.subtree)
    lowered = [t.lower_ for t in words]
    if any(any(w in low for w in _OUR_WEAPON_WORDS) for low in lowered):
        return False
    return any(low in _OTHER_TREATY_WORDS for low in lowered)


def _under_acl(tok: Token, top: Token) -> bool:
    cur = tok
    while cur.i != top.i and cur.head.i != cur.i:
        if cur.dep_ in ("acl", "relcl"):
            return True
        cur = cur.head
    return False


def _direct_objects(trigger: Token) -> list[Token]:
    out: list[Token] = []
    for child in trigger.children:
        if (
            child.dep_ in ("dobj", "nsubjpass", "attr")
            or (child.dep_ == "prep" and child.lower_ in ("of", "to", "on", "onto"))
            or (child.dep_ == "prt" and child.lower_ in ("up", "on"))
        ):
            out.extend(t for t in _subtree_limited(child) if not _under_acl(t, child))
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("pobj", "dobj"):
        pass
    return out


def _treaties_for(trigger: Token, doc: Doc, ctx: ArticleContext) -> list[Treaty]:
    """Every treaty a treaty act names ("withdraw from the Ottawa Convention and the CCM")."""
    scope = _subtree_limited(trigger)
    if trigger.dep_ in ("xcomp", "acl", "advcl") or trigger.pos_ == "NOUN":
        scope = scope + [t for t in trigger.head.subtree if t.i > trigger.i]
    if trigger.lemma_.lower() in _DIRECT_OBJECT_ACTS:
        scope = _direct_objects(trigger)
    named = sorted(
        {t.i: Treaty(t.ent_id_) for t in scope if t.ent_type_ == "TREATY" and t.ent_id_}.items()
    )
    found: list[Treaty] = []
    for _i, treaty in named:
        if treaty not in found:
            found.append(treaty)
    if found:
        return found
    one = _treaty_for(trigger, doc, ctx, scope)
    return [one] if one else []


def _treaty_for(trigger: Token, doc: Doc, ctx: ArticleContext, scope: list[Token]) -> Treaty | None:
    for tok in scope:
        if tok.lemma_.lower() in _TREATY_NOUNS and tok.pos_ in ("NOUN", "PROPN") and ctx.treaty:
            if tok.lemma_.lower() == "agreement" and not any(t.ent_type_ == "TREATY" for t in doc):
                continue
            if _other_treaty(tok):
                return None  # the act is about a treaty the article names otherwise
            return Treaty(ctx.treaty)
        if tok.lower_ in ("party", "parties", "signatory") and ctx.treaty:
            return Treaty(ctx.treaty)
    return None


# --- actor ---------------------------------------------------------------------------------------


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


def _agent_children(tok: Token) -> list[Token]:
    out = []
    for child in tok.children:
        if child.dep_ in ("nsubj", "poss", "csubj"):
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
    lemma = head.lemma_.lower()
    return lemma in _LIGHT_VERBS or lemma in load_lexicon().modality.get("announce", ())


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
            (c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass") and not is_pronoun(c)),
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
        if tok.dep_ in ("nsubj", "nsubjpass") and not is_pronoun(tok):
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
    if agent.dep_ == "pobj" and agent.head.lower_ == "by":
        return "by_agent"  # "were laid by Russian forces", "the laying of mines by X"
    if agent.dep_ == "poss":
        return "possessor"  # "Russia's use of mines"
    if agent.dep_ in ("nsubj", "nsubjpass") and agent.head.i == trigger.i:
        return "by_subject"  # "Russia laid mines"
    return "governor"  # the subject of a governing verb ("Russia continued to lay mines")


def _find_actor(trigger: Token, ctx: ArticleContext) -> tuple[list[Actor], Token | None]:
    """The actor(s) of a trigger, climbing to governing verbs when it has no subject."""
    if _nominal(trigger):
        found, agent = _nominal_by_agent(trigger, ctx)
        if found:
            return found, agent
    cur = trigger
    came_from: Token | None = None
    for _step in range(5):
        lemma = cur.lemma_.lower()
        if came_from is not None and lemma in _SPEECH_OR_CLAIM_OBJECT:
            dobj = next((c for c in cur.children if c.dep_ == "dobj"), None)
            if dobj is not None:
                found = _actors_of(dobj, ctx)
                if found:
                    return found, dobj
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
        for cand in _agent_children(cur):
            if came_from is not None and cand.i == came_from.i:
                continue
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


# --- other side ----------------------------------------------------------------------------------


def _state_of(tok: Token, ctx: ArticleContext) -> str | None:
    for actor in _actors_of(tok, ctx):
        if actor.iso3:
            return actor.iso3
    return None


def _recipient(trigger: Token, ctx: ArticleContext, act: Act) -> str | None:
    lex = load_lexicon()
    for child in trigger.children:
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
    return out


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
    for child in trigger.children:  # "areas in Angola were cleared of mines": the land's place
        if child.dep_ in ("nsubjpass", "dobj") and child.lemma_.lower() in _LAND_WORDS:
            heads.append(child)
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
                if pobj is None:
                    continue
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
                        iso3 = city_state(name) or city_state(tok.text)
                        if iso3 and ctx.state_counts.get(iso3):
                            return iso3  # a city counts only in a state the article names
    return None


# --- the sentence ---------------------------------------------------------------------------------


def _act_of(tok: Token) -> Act | None:
    lex = load_lexicon()
    lemma = tok.lemma_.lower()
    if (
        tok.pos_ in ("VERB",)
        or (tok.pos_ == "ADJ" and tok.tag_ == "VBN")
        or tok.tag_ in ("VBN", "VBG", "VBD")
    ):
        act = lex.act_verbs.get(lemma) or lex.act_verbs.get(tok.lower_)
        if act:
            return Act(act)
    if tok.pos_ in ("NOUN", "PROPN"):
        act = lex.act_nouns.get(lemma) or lex.act_nouns.get(tok.lower_)
        if act:
            return Act(act)
    if (
        lemma == "free"
        and tok.pos_ == "ADJ"
        and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)
    ):
        return Act.CLEAR  # "declared itself free of landmines"
    if tok.lower_.endswith("-free") and tok.lower_.split("-")[0] in ("mine", "landmine"):
        return Act.CLEAR
    return None


def _is_become_party(tok: Token) -> bool:
    if tok.lemma_.lower() != "become":
        return False
    return any(
        c.dep_ in ("attr", "acomp") and c.lemma_.lower() in ("party", "member")
        for c in tok.children
    )


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
        if mention is None:
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


_ANAPHORIC = frozenset({"such", "these", "those", "same"})


def _antecedent(wm: WeaponMention, ctx: ArticleContext) -> WeaponMention:
    """ "such mines", "these landmines": the type named before (anti-personnel mines)."""
    last = ctx.last_weapon
    if (
        wm.weapon == Weapon.MINE
        and last is not None
        and last != Weapon.MINE
        and last.family == wm.weapon.family
        and any(c.lower_ in _ANAPHORIC for c in wm.root.children)
    ):
        return WeaponMention(wm.span, last)
    return wm


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


def _owner(weapon: Token, ctx: ArticleContext, mine: bool = False) -> list[Actor]:
    """ "Houthis' landmines", "a Houthi landmine", "Russia's mines": who the weapon belongs to
    (an armed group as possessor or modifier; a state only as possessor — "US cluster
    munitions" names where they came from — except that a mine, laid where it lies, is the
    layer's: "an Israeli landmine exploded in the West Bank")."""
    for child in weapon.children:
        if child.dep_ not in ("poss", "compound", "amod", "nmod") or not child.ent_id_:
            continue
        place = parse_id(child.ent_id_)
        if place is None:
            continue
        if place.kind == "nsag" or (place.kind == "state" and (child.dep_ == "poss" or mine)):
            return [a for a in _actors_of(child, ctx) if a.iso3 or a.kind == "nsag"]
    return []


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
            m.rule = "use.weapon_owner.v1"
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
    for tok in doc:
        if tok.lemma_.lower() not in _ACCUSATION_NOUNS or tok.pos_ != "NOUN":
            continue
        against = next(
            (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "against"), None
        )
        pobj = next((c for c in against.children if c.dep_ == "pobj"), None) if against else None
        if pobj is None:
            continue
        actors = [a for a in _actors_of(pobj, ctx) if a.iso3 or a.kind == "nsag"]
        if not actors:
            continue
        speaker_name, speaker_state = (None, None)
        if tok.head.pos_ == "VERB":
            subj = _subject_of(tok.head)
            if subj is not None:
                speaker_name, speaker_state = speaker_of(subj, ctx)
        out = []
        for actor in actors:
            if speaker_state is not None and speaker_state == actor.iso3:
                continue
            m = Mention(
                rule="use.accusation_noun.v1",
                act=Act.USE,
                modality=Modality.ALLEGED,
                actor=actor,
                weapon=arms[0].weapon,
                speaker=speaker_name,
                explicit=True,
                trigger_text=tok.text,
            )
            out.append(m)
        return out
    return []


def _weapon_before(participle: Token, weapons: list[WeaponMention]) -> WeaponMention | None:
    """The weapon noun right before a participle with a "by" after it, whatever the parser hung
    the participle on ("an explosion caused by a landmine buried on the roadside by X")."""
    if participle.tag_ != "VBN" or participle.dep_ not in ("acl", "amod") or participle.i == 0:
        return None
    if not any(c.dep_ in ("agent", "prep") and c.lower_ == "by" for c in participle.children):
        return None
    before = participle.doc[participle.i - 1]
    return next((wm for wm in weapons if before.i in wm.tokens and wm.root.i == before.i), None)


def _group_by(tok: Token) -> Token | None:
    """An armed group named in a "by" anywhere under `tok` ("as a gift by Al-Shabaab fighters")."""
    for t in tok.subtree:
        if t.lower_ != "by":
            continue
        for pobj in t.children:
            if pobj.dep_ != "pobj":
                continue
            for g in [pobj, *pobj.children]:
                if g.ent_type_ == "NSAG":
                    return g
    return None


def _listed_weapon(tok: Token, weapons: list[WeaponMention]) -> WeaponMention | None:
    """The weapon heading the list a participle follows or hangs on ("mines, booby traps and
    ordnance left by ...")."""
    for start in (tok.doc[max(tok.i - 1, 0)], tok.head):
        chain = [start]
        while chain[-1].dep_ == "conj" and chain[-1].head is not chain[-1]:
            chain.append(chain[-1].head)
        for t in reversed(chain):  # the head of the list first
            found = next((wm for wm in weapons if wm.root.i == t.i), None)
            if found is not None:
                return found
    return None


def _left_by(tok: Token, weapons: list[WeaponMention]) -> bool:
    """ "mines left by the rebels": "left" with a "by" on a weapon noun is laying it."""
    if tok.lemma_.lower() != "leave" or tok.tag_ != "VBN" or tok.dep_ not in ("acl", "amod"):
        return False
    if not any(c.dep_ == "agent" and c.lower_ == "by" for c in tok.children) and (
        _group_by(tok) is None
    ):
        return False  # "left as a parting gift by Haftar's fighters"
    if _listed_weapon(tok, weapons) is not None:
        return True
    return _weapon_before(tok, weapons) is not None or any(
        tok.head.i in wm.tokens for wm in weapons
    )


_ATTACK_NOUNS = frozenset({"attack", "strike", "assault", "bombardment", "shelling", "raid"})


def _using_in_attacks(tok: Token) -> bool:
    """ "attacks (were carried out) ... using X": a subjectless "using" in a clause whose subject
    is attacks."""
    if tok.lemma_.lower() != "use" or tok.tag_ != "VBG":
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False
    head = tok.head
    for _ in range(5):
        if head.pos_ in ("VERB", "AUX"):
            for c in head.children:
                if c.dep_ in ("nsubj", "nsubjpass"):
                    return any(t.lemma_.lower() in _ATTACK_NOUNS for t in c.subtree)
        if head.head is head:
            break
        head = head.head
    return False


def _set_by(tok: Token) -> bool:
    """ "a landmine set by the rebels": "set" with an agent on a weapon noun is laying it."""
    return (
        tok.lemma_.lower() == "set"
        and tok.dep_ == "acl"
        and tok.tag_ == "VBN"
        and any(c.dep_ == "agent" for c in tok.children)
    )


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
    if act in TREATY_ACTS:
        treaties = _treaties_for(tok, doc, ctx)
        if not treaties:
            return None
    else:
        weapon_m = _weapon_for(tok, weapons, act, ctx)
        if weapon_m is None:
            return None
        if act == Act.STOCKPILE and lemma in _STOCK_WEAK:
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is None:
                return None
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
            if not scope & _STOCK_WORDS and not (
                # "has 3 million landmines in its stockpile and plans to destroy those";
                # "Stockpile destruction: ... reported having destroyed 12,000 landmines"
                (sentence & _STOCK_WORDS or ctx.stock_talk)
                and tok.pos_ == "VERB"
                and _destroyed_weapons(tok, weapon_m)
            ):
                return None
        if act == Act.STOCKPILE and lemma == "stockpiling" and tok.pos_ == "NOUN":
            pass
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
        if act == Act.CLEAR and lemma == "sweep" and not _object_of(weapon_m.root, tok):
            return None  # "troops sweeping through the mined cities" is no clearance
        if (
            act == Act.CLEAR
            and lemma in ("remove",)
            and weapon_m.weapon
            not in (Weapon.MINE, Weapon.AP_MINE, Weapon.AV_MINE, Weapon.IMPROVISED_MINE, Weapon.ERW)
        ):
            return None
    if _participle_description(tok) and not (act == Act.USE and _left_by(tok, weapons)):
        return None  # (_left_by has found who left them)
    if act not in TREATY_ACTS and _treaty_described(tok):
        return None  # "The convention is a treaty adopted after concerns about casualties"
    if veto_of(tok) is not None:
        return None  # permission, a negated plan, a condition's premise: no act (gates.py)
    cues = read_cues(tok)
    if headline and _headline_future(tok):
        cues.announced = True  # "US to give Ukraine mines, officials say": a plan
    if cues.description:
        return None
    if cues.in_relcl and cues.negated:
        return None  # "mines which are not used by Thailand": a property, not an act
    if act in TREATY_ACTS and cues.negated:
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
    if not actors and act == Act.CLEAR and tok.dep_ in ("oprd", "acomp") and tok.pos_ == "ADJ":
        # "Mozambique was declared free of landmines", "X is mine-free": the land is the
        # subject's, and so is the clearance
        subject = _subject_of(tok.head)
        if subject is not None:
            actors = [a for a in _actors_of(subject, ctx) if a.iso3]
            role = "declared_free" if actors else role
    if act == Act.CASUALTY:
        actors = []
        role = "victims"
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
    elif cues.speech is not None:
        speaker_tok = _subject_of(cues.speech)
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
    if not actors and act == Act.USE and _agentless_passive(tok):
        # "Landmines are routinely planted as part of the grid": a practice of the forces the
        # article is about; a single incident ("were planted along the road") names no one
        scene = ctx.lead_state or (ctx.scene_state() if _habitual(tok) else None)
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
        tense_only = act == Act.WITHDRAW and modality == Modality.OCCURRED
        tense_only = tense_only and not completed_by_word(cues)
        m = Mention(
            rule=f"{act.value}.{role}.v1",
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
                loc = _victims_state(tok, ctx) or _sentence_place(tok, ctx) or ctx.dateline_state
                if loc:
                    m.location, m.location_explicit = loc, True
        m.when, m.when_attached, m.when_precision = _date_of(tok, doc, ctx)
        if act == Act.CASUALTY:
            m.killed, m.injured = casualty_figures(tok.sent)
        mentions.append(m)
    if actors:
        ctx.last_actors = [a for a in actors if a.iso3 or a.kind == "nsag"] or ctx.last_actors
    return mentions


_TREATY_NOUNS = frozenset({"convention", "treaty", "protocol", "ban"})


def _accusation_in(sent: Span) -> bool:
    """Whether a sentence speaks of an accusation (accuse, allegation, charge, blame...)."""
    m = load_lexicon().modality
    words = m.get("allege", frozenset()) | m.get("allege_nouns", frozenset())
    return any(t.lemma_.lower() in words and t.lemma_.lower() != "report" for t in sent)


def _treaty_described(tok: Token) -> bool:
    """A sentence whose main clause is about the treaty itself ("The convention is a treaty
    adopted in Dublin after concerns about ... casualties"): its acts describe, not report."""
    root = tok.sent.root
    if root.lemma_.lower() != "be":
        return False
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subj is not None and subj.lemma_.lower() in _TREATY_NOUNS and tok.i != subj.i


_FUNDING_WORDS = frozenset(
    {
        "fund",
        "funding",
        "grant",
        "aid",
        "money",
        "contribution",
        "donation",
        "budget",
        "dollar",
        "mln",
        "million",
        "billion",
        "euro",
        "allocate",
        "earmark",
        "pledge",
        "allocation",
    }
)


def _funded_purpose(tok: Token) -> bool:
    """An act named as what money is for ("allocates EUR 2 mln for humanitarian demining",
    "$2 million for clearance"): paid for, still to be done."""
    cur = tok
    while cur.dep_ in ("compound", "amod") and cur.head.i != cur.i:
        cur = cur.head
    prep = cur.head
    if cur.dep_ != "pobj" or prep.lower_ != "for":
        return False
    payee = prep.head
    return payee.ent_type_ == "MONEY" or payee.lemma_.lower() in _FUNDING_WORDS


def _handled_weapon(verb: Token, weapon: WeaponMention) -> bool:
    """The weapon is what the verb acts on: its object, its passive subject, or the noun the
    participle describes ("throwing mines", "mines were buried", "a mine buried by ...")."""
    return (
        _object_of(weapon.root, verb)
        or (verb.dep_ in ("acl", "amod") and verb.head.i in weapon.tokens)
        or _weapon_before(verb, [weapon]) is not None
        or any(c.dep_ == "nsubjpass" and c.i in weapon.tokens for c in verb.children)
    )


def _attack_verbs() -> frozenset[str]:
    raw = load_lexicon().raw.get("acts", {}).get("attack_verbs", {})
    return frozenset(raw.get("lemmas", []))


def _attacked_with(verb: Token, weapon: WeaponMention) -> bool:
    """An attack verb reports a use of cluster munitions carried in its "with" phrase or as its
    object ("rained down cluster bombs", "struck the town with missiles loaded with cluster
    bombs")."""
    if weapon.weapon != Weapon.CLUSTER_MUNITION:
        return False
    if _object_of(weapon.root, verb):
        return True
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "with":
            if {t.i for t in child.subtree} & weapon.tokens:
                return True
    return False


def _announcing(cues: Cues) -> bool:
    return cues.announced or cues.reported_would


def _headline_future(tok: Token) -> bool:
    """ "Poland to produce mines": a headline infinitive is a plan."""
    if tok.dep_ in ("xcomp", "pcomp") and tok.head.lemma_.lower() in _LIGHT_VERBS:
        tok = tok.head  # "Finland to start producing mines"
    has_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    return has_to and (
        tok.dep_ in ("ROOT", "acl", "relcl", "ccomp") or tok.head.pos_ in ("NOUN", "PROPN")
    )


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


def _held_thing(weapon: Token, obj: Token) -> bool:
    """ "has 3,000 mines", "holds a stock of mines" — not "has a painful history with
    cluster munitions": between the object and the weapon only "of" may stand."""
    cur = weapon
    while cur.i != obj.i and cur.head.i != cur.i:
        if cur.dep_ == "pobj" and cur.head.lower_ != "of":
            return False
        if cur.dep_ in ("acl", "relcl", "xcomp", "advcl", "ccomp"):
            return False  # "had no plans to send mines"
        cur = cur.head
    return True


def _participle_description(tok: Token) -> bool:
    """ "mines laid during decades of war", "Russian-made mines", "mines scattered across the
    country": a participle on a weapon noun describes contamination or origin unless it names
    who did it ("mines laid by the FARC")."""
    if tok.i > 0 and tok.doc[tok.i - 1].text in ("-", "–") and tok.lower_ == "made":
        return True
    if tok.dep_ in ("amod", "acl") and tok.tag_ == "VBN":
        if any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children):
            return False  # "allegations that it had laid mines": a clause, not a participle
        if any(c.dep_ == "agent" for c in tok.children):
            return False
        return _by_agent_on_noun(tok) is None  # "..., allegedly by the RSF" names who did it
    return False


def _generic(tok: Token) -> bool:
    """'They often leave victims mutilated': a generic statement, no incident."""
    for t in [tok, *tok.ancestors]:
        for child in t.children:
            if child.dep_ == "advmod" and child.lower_ in (
                "often",
                "usually",
                "typically",
                "can",
                "sometimes",
                "frequently",
            ):
                return True
            if child.dep_ == "aux" and child.lemma_ in ("can", "may", "might", "could", "would"):
                return True
        if t.dep_ in ("ccomp", "ROOT"):
            break
    subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if (
        subj is not None
        and subj.lower_ in ("they", "victims", "people")
        and not any(c.pos_ == "NUM" for c in subj.children)
    ):
        return True
    return False


_FIELD_WORDS = frozenset(
    {"area", "field", "minefield", "ground", "territory", "land", "road", "village", "farmland"}
)


def _destroyed_weapons(verb: Token, weapon: WeaponMention) -> bool:
    """The destroyed thing is the weapon itself (or "those", "them" standing for it), not a
    house or a vehicle that mines destroyed."""
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None:
        return False
    for prep in (c for t in (verb, obj) for c in t.children if c.dep_ == "prep"):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.lemma_.lower() in _FIELD_WORDS:
            return False  # "destroy mines in mined areas": clearance, not a stockpile
    return obj.i in weapon.tokens or obj.i == weapon.root.i or obj.lower_ in _ANAPHORIC | {"them"}


_CONTAMINATION = re.compile(r"field|area|affected|contaminat|belt", re.I)
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


def _victims_state(tok: Token, ctx: ArticleContext) -> str | None:
    for child in tok.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj"):
            for t in child.subtree:
                if _inside_agent(t, child):
                    continue
                if t.ent_id_ and t.ent_type_ in ("NORP", "GPE"):
                    place = parse_id(t.ent_id_)
                    if place and place.kind == "state":
                        return place.value
    return None


_NOT_WHEN = frozenset({"since", "until", "till", "by", "before", "through", "from"})


def _date_text(ent: Span) -> str:
    """The entity's text with a day number the tagger left out ("2" of "2 February 2025")."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is not None and before.text.isdigit() and len(before.text) <= 2:
        return f"{before.text} {ent.text}"
    return ent.text


def _date_of(
    tok: Token, doc: Doc, ctx: ArticleContext
) -> tuple[date | None, bool, DatePrecision | None]:
    """The date of a mention, whether it hangs on the trigger or one of its governors, and how
    much of the date the text gives."""
    dates = [e for e in doc.ents if e.label_ == "DATE"]
    if not dates:
        return None, False, None
    governors = {tok.i, *[a.i for a in tok.ancestors]}

    def attached(ent: object) -> bool:
        start, end = ent.start, ent.end  # type: ignore[attr-defined]
        if start <= tok.sent.start + 1 and end < len(doc) and doc[end].text == ",":
            return True  # "In 2014, the UN called for an inquiry into ...": frames the sentence
        head = ent.root.head  # type: ignore[attr-defined]
        for _ in range(3):  # "back in the early 1970s", "on Nov. 26"
            if head.i in governors or head.dep_ not in ("prep", "advmod", "npadvmod", "pobj"):
                break
            head = head.head
        return head.i in governors

    def bounded(ent: object) -> bool:
        """ "since the February 2022 invasion", "until 2025": a span's edge, not the day."""
        start = ent.start  # type: ignore[attr-defined]
        before = [doc[i].lower_ for i in range(max(0, start - 2), start)]
        if before and before[-1] in ("the", "a", "its", "their", "early", "late"):
            before = before[:-1]
        return bool(before) and before[-1] in _NOT_WHEN or ent.root.head.lower_ in _NOT_WHEN  # type: ignore[attr-defined]

    dates = [e for e in dates if not bounded(e)]
    ranked = sorted(dates, key=lambda e: (0 if attached(e) else 1, abs(e.root.i - tok.i)))
    impossible = set()
    for ent in ranked:
        when, precision = read_when(_date_text(ent), ctx.published)
        if when is not None:
            return when, attached(ent), precision
        if is_calendar_date(_date_text(ent)):
            impossible.add(ent.start)  # "30 February 2025": no day, and not its year either
    ranked = [e for e in ranked if e.start not in impossible]
    year_only = DatePrecision.YEAR
    for ent in ranked:  # a bare year ("ratified it in 2005") dates the act, not the day
        year = re.fullmatch(r"(?:in |the )?(1[89]\d\d|20\d\d)", ent.text.strip())
        if year and attached(ent):
            return date(int(year.group(1)), 12, 31), True, year_only
        decade = re.search(r"\b(1[89]\d0|20\d0)s\b", ent.text)
        if decade and attached(ent):
            return date(int(decade.group(1)) + 9, 12, 31), True, year_only  # "the early 1970s"
    for ent in ranked:  # "during the July-August 2006 war": the year dates the act
        years = set(re.findall(r"\b(1[89]\d\d|20\d\d)\b", ent.text))
        if len(years) == 1 and attached(ent) and not re.search(r"\d0s\b", ent.text):
            return date(int(years.pop()), 12, 31), True, year_only
    return None, False, None
