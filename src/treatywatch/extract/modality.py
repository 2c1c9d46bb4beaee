"""How sure the text is of an act: the cues on the path from the trigger up to the root.

The nearest governors decide: a negation or a negative predicate ("refused", "not possible")
negates; "could", "if", or a "would" that no speech verb governs make it hypothetical; a
decision, plan, pledge, approval, "will" or a reported "would" make it announced; "continue",
"still" or a progressive make it ongoing. A speech verb, "according to", or a claim noun that
governs it — with a speaker other than the actor — makes an act alleged; "accuse" always does;
"deny" makes it denied. Word lists live in `lexicon.toml` ([modality]).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from spacy.tokens import Token

from treatywatch.extract.lexicon import load_lexicon
from treatywatch.model import Act, Modality

__all__ = [
    "Cues",
    "read_cues",
    "decide",
    "set_classifier",
    "completed",
    "completed_by_word",
    "ALLEGEABLE",
]

# Acts that a claim can be made about (a misdeed); joining or clearing is reported, not alleged.
ALLEGEABLE = frozenset(
    {
        Act.USE,
        Act.PRODUCE,
        Act.DEVELOP,
        Act.TRANSFER,
        Act.ACQUIRE,
        Act.STOCKPILE,
        Act.RETAIN,
        Act.ASSIST,  # "British advisers helped the coalition drop cluster bombs, Amnesty said"
    }
)

# Acts a third party's statement turns into an allegation (holding stocks is a reported state).
REPORTED_AS_CLAIM = frozenset(
    {Act.USE, Act.PRODUCE, Act.DEVELOP, Act.TRANSFER, Act.ACQUIRE, Act.ASSIST}
)
_CLAUSE_UP = frozenset({"ccomp", "parataxis"})
_FALSE = frozenset(
    {
        "false",
        "baseless",
        "untrue",
        "unfounded",
        "groundless",
        "fabricated",
        "lie",
        "lies",
        "fake",
        "absurd",
        "nonsense",
        "fabrication",
    }
)
_MAYBE = frozenset({"possible", "potential", "eventual", "hypothetical", "future", "prospective"})
_PLANNED = frozenset({"planned", "proposed", "intended", "pledged", "promised", "approved"})
_SAID = frozenset({"alleged", "suspected", "apparent", "reported", "purported", "claimed"})
_HEDGES = frozenset({"probably", "possibly", "perhaps", "maybe", "likely", "potentially"})


@dataclass
class Cues:
    negated: bool = False
    hypothetical: bool = False
    hedged: bool = False  # "probably", "likely": speculation, whatever else governs
    announced: bool = False
    ongoing: bool = False
    reported_would: bool = False
    speech: Token | None = None  # the governing speech verb
    accuse: Token | None = None
    deny: Token | None = None
    according_to: Token | None = None  # pobj of "according to"
    claim_noun: bool = False
    description: bool = False  # governed by prohibit/ban/obligation... (treaty text, policy)
    ended: bool = False  # "the use of mines has been consigned to history": a practice ended
    conditional: bool = False  # "would lay mines if attacked": a contingency, kept as an event
    in_relcl: bool = False
    headline_present: bool = False  # "Estonia quits the treaty": a headline's present is news done
    path: tuple[Token, ...] = ()


def _has_neg(tok: Token, negators: frozenset[str]) -> bool:
    for child in tok.children:
        if child.dep_ == "neg" or (
            child.dep_ in ("advmod", "det", "preconj") and child.lower_ in negators
        ):
            return True
        if (
            child.dep_ == "advmod"
            and child.lower_ == "longer"
            and any(c.lower_ == "no" for c in child.children)
        ):
            return True
    return False


def read_cues(trigger: Token) -> Cues:
    lex = load_lexicon()
    m = lex.modality
    negators = m.get("negators", frozenset())
    cues = Cues()
    path: list[Token] = [trigger]
    cur = trigger
    while cur.head.i != cur.i:
        path.append(cur.head)
        cur = cur.head
    cues.path = tuple(path)
    for child in trigger.children:  # "possible use", "planned transfer", "alleged use"
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and any(
            (g.dep_ in ("det", "preconj", "cc") and g.lower_ in ("no", "neither", "nor"))
            or (g.dep_ == "neg" and g.i < child.i)  # "not a single mine has been made"
            for g in child.children
        ):
            cues.negated = True  # "no landmines had been planted", "neither X nor Y has joined"
        if child.dep_ == "det" and child.lower_ == "any" and trigger.pos_ == "NOUN":
            cues.hypothetical = True  # "any use", "any transfer": no act in particular
        if child.dep_ == "amod":
            word = child.lower_
            if word in _MAYBE:
                cues.hypothetical = cues.hedged = True
            elif word in _PLANNED:
                cues.announced = True
            elif word in _SAID:
                cues.claim_noun = True
    if trigger.dep_ in ("acl", "amod") and trigger.tag_ == "VBN":
        # "minefields planted ..., allegedly by the RSF": the hedge sits on the by-agent
        for child in [*trigger.head.children, *trigger.head.head.children]:
            if child.dep_ in ("prep", "agent") and child.lower_ == "by":
                if any(c.lower_ in m.get("allege_adverbs", ()) for c in child.children):
                    cues.claim_noun = True
    crossed_speech = False
    crossed_clause = False
    prev: Token | None = None
    for tok in path:
        if any(c.dep_ == "aux" and c.lower_ in _DEONTIC for c in tok.children):
            # "Sudan should join", "X must destroy its stockpile": a call or a duty, no act
            # and no plan, whatever else governs ("should show its commitment by joining")
            cues.hypothetical = cues.hedged = True
            break
        if tok.dep_ in ("ccomp", "ROOT") and tok is not trigger:
            break
    for depth, tok in enumerate(path):
        lemma = tok.lemma_.lower()
        if depth > 0 and prev is not None and prev.dep_ == "relcl" and depth == 1:
            cues.in_relcl = True
        if depth > 0 and lemma in _PROTEST and _aimed(tok, trigger):
            # "protesting Cambodia's use of mines", "condemned Russia for laying mines": an
            # accusation against someone, not a description of the weapon or the treaty
            cues.accuse = cues.accuse or tok
        elif (
            depth > 0
            and lemma in lex.description_governors
            and not crossed_speech
            # headline "Colombia ratifies ban on cluster munitions": the verb misparsed as a
            # compound of its object; the ban is what it ratifies, not a governor
            and not (depth == 1 and trigger.dep_ == "compound" and trigger.pos_ == "VERB")
        ):
            cues.description = True
        elif (
            depth == 1
            and trigger.pos_ == "NOUN"
            and (
                lemma in m.get("stance", ())
                or (lemma in m.get("endorse", ()) and _has_neg(tok, negators))
            )
            and not _aimed(tok, trigger)
        ):
            cues.description = True  # "does not approve the use of cluster munitions": a stance
        if (
            depth == 1
            and trigger.pos_ == "NOUN"
            and trigger.dep_ in ("nsubj", "nsubjpass")
            and lemma in m.get("ended", ())
            and not _has_neg(tok, negators)
            # "the accession ends its long holdout": the act ends something else
            and not any(c.dep_ == "dobj" for c in tok.children)
        ):
            cues.negated = cues.ended = (
                True  # "the Army's use of mines has been consigned to history"
            )
        if depth > 0 and lemma in m.get("deny", ()) and cues.deny is None and not _neither_nor(tok):
            cues.deny = tok
        if (
            depth > 0
            and (
                (lemma in m.get("allege", ()) and tok.pos_ in ("VERB", "AUX"))
                or (lemma in m.get("allege_nouns", ()) and tok.pos_ == "NOUN" and lemma != "report")
                or lemma in ("accusation", "allegation")
            )
            and cues.accuse is None
        ):
            cues.accuse = tok  # "accused X of", "Thailand's claims that X planted mines"
        if (
            depth > 0
            and lemma in m.get("speech", ())
            and tok.pos_ in ("VERB", "AUX")
            and cues.speech is None
            and not _neither_nor(tok)
        ):
            cues.speech = tok
            crossed_speech = True
        if depth > 0 and cues.speech is None and not crossed_speech:
            for child in tok.children:
                # "As the ministry's spokeswoman has said, Kiev used mines": an "as"-clause
                # attributes the clause it hangs on
                if (
                    child.dep_ == "advcl"
                    and child.lemma_.lower() in m.get("speech", ())
                    and any(c.dep_ == "mark" and c.lower_ == "as" for c in child.children)
                ):
                    cues.speech = child
        via_conj = depth > 0 and prev is not None and prev.dep_ == "conj"
        if (
            via_conj
            and _has_neg(tok, negators)
            and any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in tok.children)
        ):
            cues.negated = True  # "having never produced or stockpiled": "or" under a "not"
        # "Kiev did not comply with the treaty, using landmines against civilians": the
        # participle tells how, and the "not" of the clause it hangs on is not its own
        via_manner = depth == 1 and trigger.dep_ == "advcl" and trigger.tag_ == "VBG"
        # "production has not stopped", "never ceased": a negated end is a practice that goes on
        unstopped = depth > 0 and lemma in _ENDS and _has_neg(tok, negators) and not crossed_speech
        if unstopped:
            cues.ongoing = True
        if (
            depth == 1
            and trigger.pos_ == "NOUN"
            and trigger.dep_ in ("nsubj", "nsubjpass")
            and lemma in _GROWS
            and not _has_neg(tok, negators)
        ):
            cues.ongoing = True  # "the Kremlin's manufacture of mines has expanded sharply"
        if (
            depth == 1
            and trigger.pos_ == "NOUN"
            and trigger.dep_ == "dobj"
            and lemma in m.get("raise", ())
            and not _has_neg(tok, negators)
        ):
            cues.ongoing = True  # "Moscow steps up output of mines", "ramped up production"
        if depth > 0 and prev is not None and _subordinate(prev):
            crossed_clause = True
        if not crossed_speech and not via_conj and not unstopped:
            if (
                _has_neg(tok, negators)
                # "was no longer a party as of Thursday, when its withdrawal took effect": the
                # main clause's "no" is not the act's in its relative or time clause
                and not crossed_clause
                and not (depth > 0 and lemma in m.get("speech", ()))
                and not via_manner
                # "do not approve the US decision to provide cluster munitions": the "not" is
                # the speaker's attitude, the decision stands
                and not (depth > 0 and lemma in m.get("endorse", frozenset()))
            ):
                cues.negated = True
            if depth > 0 and lemma in m.get("negative_lemmas", ()):
                cues.negated = True
            if (
                depth > 0
                and lemma == "rule"
                and any(c.dep_ == "prt" and c.lower_ == "out" for c in tok.children)
            ):
                cues.negated = True  # "has ruled out its signature"
            for child in tok.children:
                cl = child.lemma_.lower()
                if child.dep_ in ("acomp", "attr") and depth > 0 and cl in _FALSE:
                    cues.deny = cues.deny or tok  # "accusations that X placed mines were false"
                if child.dep_ in ("acomp", "attr") and depth > 0:
                    if child.lemma_.lower() in m.get("negative_lemmas", ()) or (
                        child.lower_ == "possible" and _has_neg(child, negators)
                    ):
                        cues.negated = True
                if child.dep_ in ("aux", "auxpass"):
                    if cl in ("could", "might", "may"):
                        cues.hypothetical = True
                    elif cl == "would" and depth == 1 and trigger.dep_ in ("nsubj", "csubj"):
                        cues.hypothetical = True  # "any use of the mines would violate ..."
                    elif cl == "would":
                        cues.reported_would = True
                    elif cl in ("will", "shall", "'ll"):
                        cues.announced = True
                    elif cl == "can" and _has_neg(tok, negators):
                        cues.negated = True
                if child.dep_ == "mark" and cl in ("if", "unless", "whether"):
                    cues.hypothetical = True
                if child.dep_ == "advmod" and cl in m.get("ongoing", ()):
                    cues.ongoing = True
                if child.dep_ == "advmod" and cl in _HEDGES:
                    cues.hypothetical = cues.hedged = True
                if child.dep_ == "advmod" and cl in m.get("allege_adverbs", ()):
                    cues.claim_noun = True
            appeal = depth > 0 and _appeal(tok, lemma)
            if appeal and all(p.pos_ in ("VERB", "AUX") for p in path[:depth]):
                # the act itself is what is asked: "calls on Sudan to join", "urged Kyiv to stop"
                cues.hypothetical = True
            elif appeal:
                # "urged Kyiv to investigate the use of mines": the demand presupposes the act;
                # it announces nothing
                cues.speech = cues.speech or tok
            elif (
                depth > 0
                and lemma in m.get("announce", ())
                and tok.pos_ in ("VERB", "NOUN", "ADJ", "AUX")
                and _announces(tok, lemma)
            ):
                cues.announced = True
            if (
                depth > 0
                and lemma in m.get("hypothetical", ())
                and tok.pos_ in ("VERB", "NOUN", "SCONJ")
            ):
                cues.hypothetical = True
            if depth > 0 and lemma in m.get("ongoing", ()) and tok.pos_ in ("VERB", "AUX"):
                cues.ongoing = True
            if depth == 1 and trigger.dep_ == "nsubj" and lemma == "be" and _said_ongoing(tok, m):
                cues.ongoing = True  # "clearance of the minefields is under way"
            if tok.i == trigger.i and any(
                c.dep_ == "auxpass" and c.lower_ == "being" for c in tok.children
            ):
                cues.ongoing = True  # "mines are being manufactured"
            if tok.tag_ == "VBG" and any(
                c.dep_ == "aux" and c.lemma_ == "be" for c in tok.children
            ):
                if tok.i == trigger.i or depth <= 1:
                    cues.ongoing = True
        prev = tok
    if _imperative(path):
        cues.hypothetical = True  # a bullet of demands: "Join the Convention", "Stop using them"
    if _conditioned(path, m):
        cues.hypothetical = cues.hedged = cues.conditional = True  # "should Russia invade"
    sent = trigger.sent
    if cues.accuse is not None and cues.deny is None:
        false = next((t for t in sent if t.dep_ in ("acomp", "attr") and t.lower_ in _FALSE), None)
        if false is not None:
            cues.deny = false.head  # "accusations that X placed mines were false"
    if cues.speech is None and cues.accuse is None and cues.deny is None:
        # "..., a rights group alleged on Wednesday": a trailing claim verb attributes too
        said = m.get("speech", frozenset()) | m.get("allege", frozenset())
        cues.speech = _trailing_attribution(trigger, said)
    # sentence-level attribution: "according to X", "a claim that ..."
    for tok in sent:
        if tok.lower_ == "according" and cues.according_to is None:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ == "to":
                    pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        cues.according_to = pobj
        if (
            tok.lemma_.lower() in m.get("allege_nouns", ())
            and tok.pos_ == "NOUN"
            and tok.lemma_ != "report"
        ):
            if tok.dep_ in ("appos", "npadvmod", "dobj", "nsubj", "attr") and tok.i not in {
                t.i for t in path
            }:
                cues.claim_noun = True
    return cues


_TIME_MARKS = frozenset({"when", "after", "since", "as", "while", "before", "because"})


def _subordinate(tok: Token) -> bool:
    """A relative clause, or a time or reason clause ("when its withdrawal took effect")."""
    if tok.dep_ == "relcl":
        return True
    return tok.dep_ == "advcl" and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in _TIME_MARKS for c in tok.children
    )


_ENDS = frozenset({"stop", "cease", "halt", "end", "pause", "suspend"})
_GROWS = frozenset(
    {"expand", "grow", "increase", "accelerate", "intensify", "rise", "surge", "continue"}
)
_DEONTIC = frozenset({"should", "must", "ought", "shouldn't", "mustn't"})
_PROTEST = frozenset(
    {"protest", "condemn", "decry", "deplore", "criticize", "criticise", "denounce"}
)


def _one_known(noun: Token) -> bool:
    """ "during the war", "in the 2006 war", "during Russia's invasion": one war that was, a
    time and no condition ("in a war", "in wartime", "in any conflict" are conditions)."""
    return any(
        (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
        or c.dep_ == "poss"
        or (c.dep_ in ("nummod", "compound", "amod") and c.like_num)
        for c in noun.children
    )


def _conditioned(path: list[Token], m: dict[str, frozenset[str]]) -> bool:
    """Whether the trigger's own clause carries a condition: an if/unless/should clause, or
    "in the event of" / "in case of" hanging on a verb of the path."""
    marks = m.get("condition_marks", frozenset())
    nouns = m.get("condition_nouns", frozenset())
    for tok in path:
        if tok.pos_ not in ("VERB", "AUX", "NOUN"):
            continue
        for child in tok.children:
            if child.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in marks for c in child.children
            ):
                return True
            should = next(
                (c for c in child.children if c.dep_ == "aux" and c.lower_ == "should"), None
            )
            if (
                should is not None
                and child.dep_ in ("advcl", "conj", "oprd", "ccomp", "xcomp")
                and any(
                    # "should Russia invade", "only should the North invade": the inverted
                    # "should" comes before the clause's subject
                    c.i > should.i and c.dep_ in ("nsubj", "compound", "det")
                    for c in child.children
                )
                and not any(c.dep_ == "nsubj" and c.i < should.i for c in child.children)
            ):
                return True
            if child.dep_ == "prep" and child.lower_ in ("in", "during"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.lemma_.lower() in nouns:
                    if any(c.dep_ == "prep" and c.lower_ == "of" for c in pobj.children):
                        return True  # "in the event of an invasion", "in case of war"
                if (
                    pobj is not None
                    and pobj.lemma_.lower() in m.get("condition_times", ())
                    and not _one_known(pobj)
                ):
                    return True  # "in a war", "in wartime", "during a conflict"
            if child.dep_ == "prep" and child.lower_ == "as":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.lemma_.lower() in m.get("condition_options", ()):
                    return True  # "keeps mine-laying as a wartime option"
        if tok.dep_ in ("ccomp", "ROOT") or tok.lemma_.lower() in m.get("speech", ()):
            break
    return False


def _aimed(tok: Token, trigger: Token) -> bool:
    """Whether a protest names whom it is against: the act has its own agent ("Cambodia's
    use", "use by Cambodia") or the protest verb takes a person or state as its object."""
    agent = any(
        c.dep_ in ("poss", "nsubj", "agent") or (c.dep_ == "prep" and c.lower_ == "by")
        for c in trigger.children
    )
    target = any(
        c.dep_ == "dobj" and c.ent_type_ in ("GPE", "NORP", "NSAG", "PERSON", "ORG")
        for c in tok.children
    )
    return agent or target


_APPEAL_VERBS = frozenset({"call", "urge", "appeal", "implore", "press", "exhort", "encourage"})


def _appeal(tok: Token, lemma: str) -> bool:
    """ "calls on Sudan to join", "urged Kyiv to destroy", "appealed to states to ...": what
    someone asks another to do is no act of the one asked (and no plan of theirs)."""
    if lemma not in _APPEAL_VERBS or tok.pos_ != "VERB":
        return False
    if lemma == "call" or lemma == "appeal":
        return any(
            c.dep_ == "prep" and c.lower_ in ("on", "upon", "to") for c in tok.children
        ) or any(c.dep_ == "prt" and c.lower_ == "upon" for c in tok.children)
    return any(c.dep_ in ("dobj", "nsubj") for c in tok.children)


def _imperative(path: list[Token] | tuple[Token, ...]) -> bool:
    """The clause the trigger sits in is a command: a base-form verb opening its sentence, with
    no subject ("Join the 2008 Convention", "Stop using cluster munitions immediately")."""
    for verb in path:
        if verb.tag_ != "VB" or verb.dep_ not in ("ROOT", "conj", "xcomp"):
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "expl") for c in verb.children):
            continue
        if verb.dep_ == "ROOT":
            first = next((t for t in verb.sent if not (t.is_punct or t.is_space)), None)
            if first is not None and first.i == verb.i:
                return True
        elif _opens_line(verb):
            return True  # a bullet the parser hung on the sentence before
    return False


def _opens_line(tok: Token) -> bool:
    doc = tok.doc
    j = tok.i - 1
    while j >= 0 and (doc[j].is_punct or doc[j].is_space):
        if "\n" in doc[j].text or "\n" in doc[j].whitespace_:
            return True
        j -= 1
    return j >= 0 and "\n" in doc[j].whitespace_


def _neither_nor(tok: Token) -> bool:
    """ "neither confirmed nor denied": no statement either way."""
    for t in (tok, tok.head if tok.dep_ == "conj" else tok):
        if any(c.lower_ in ("neither", "nor") and c.dep_ in ("cc", "preconj") for c in t.children):
            return True
    return False


def _trailing_attribution(trigger: Token, speech: frozenset[str]) -> Token | None:
    """ "..., rights group Amnesty International has said." — an attribution after a comma at
    the end of the sentence governs it even when the parser hangs it elsewhere."""
    sent = trigger.sent
    for tok in sent:
        if tok.i <= trigger.i or tok.lemma_.lower() not in speech or tok.pos_ != "VERB":
            continue
        if trigger.i in {t.i for t in tok.subtree} and tok.dep_ != "acl":
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None and tok.dep_ == "acl" and tok.tag_ in ("VBD", "VBN"):
            # "..., a rights group alleged on Wednesday": the parser reads "group alleged" as a
            # noun and its participle; the noun is the speaker
            subj = tok.head
            if trigger.i in {t.i for t in subj.subtree}:
                continue
        if subj is None and not [t for t in sent if t.i > tok.i and not t.is_punct]:
            # "..., Human Rights Watch alleged." misparsed: the name just before the last verb
            left = tok.i - 1
            while left > trigger.i and sent.doc[left].pos_ in ("PROPN", "NOUN", "DET", "ADJ"):
                left -= 1
            if left < tok.i - 1 and sent.doc[left].text == ",":
                return tok
        if subj is None:
            continue
        first = min(t.i for t in subj.subtree if t.i < tok.i)
        if first > sent.start and sent.doc[first - 1].text in (",", "—", "–", '"', "”"):
            # "..., a rights group alleged, citing witnesses": the participle adds its grounds
            grounds = {
                t.i
                for c in (*tok.children, *subj.children, *sent.root.children)
                if c.i > tok.i and c.tag_ == "VBG" and c.dep_ in ("advcl", "xcomp", "conj", "acl")
                for t in c.subtree
            }
            rest = [t for t in sent if t.i > tok.i and not t.is_punct and t.i not in grounds]
            if len(rest) <= 6:
                return tok
    return None


def _said_ongoing(copula: Token, m: Mapping[str, frozenset[str]]) -> bool:
    """Whether the copula's predicate says its subject goes on ("is ongoing", "is under way")."""
    states = m.get("ongoing_states", frozenset())
    for c in copula.children:
        if c.dep_ in ("acomp", "advmod", "attr") and c.lower_ in states:
            return True
        if c.dep_ == "prep":
            pobj = next((p for p in c.children if p.dep_ == "pobj"), None)
            if pobj is not None and f"{c.lower_} {pobj.lower_}" in states:
                return True
    return False


def _announces(tok: Token, lemma: str) -> bool:
    """'commit' announces only as "committed to"; 'move' only as "move to"."""
    if lemma in ("commit", "move"):
        return (
            any(c.lower_ == "to" or c.dep_ == "xcomp" for c in tok.children) or tok.pos_ == "NOUN"
        )
    if lemma == "clear":
        # "cleared the shipment": approval only of an act named as its object
        from treatywatch.extract.triggers import approves_act

        return approves_act(tok)
    if lemma == "call" and tok.pos_ == "VERB":
        # "called for its production" announces; "called the evidence of use fabricated" names
        return any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children)
    return True


_COMPLETION = frozenset(
    {
        "notify",
        "deposit",
        "submit",
        "complete",
        "formalize",
        "formalise",
        "effect",
        "effective",
        "finalize",
        "finalise",
        "transmit",
        "lodge",
        "final",
        "notice",
    }
)


def completed(cues: Cues) -> bool:
    """Whether a withdrawal is said to be done (notified, deposited, taken effect, "withdrew")."""
    trigger = cues.path[0] if cues.path else None
    if cues.headline_present:
        return not cues.announced and not cues.hypothetical and not cues.negated
    if trigger is not None and trigger.pos_ == "VERB":
        if trigger.tag_ == "VBD" or (
            trigger.tag_ == "VBN" and any(c.lemma_ == "have" for c in trigger.children)
        ):
            return not cues.announced and not cues.hypothetical
    return completed_by_word(cues)


def completed_by_word(cues: Cues) -> bool:
    """Whether a word says the withdrawal is done ("notified", "formally", "took effect"), not
    just the tense of its verb ("has withdrawn")."""
    for tok in cues.path:
        if tok.lemma_.lower() in _COMPLETION or tok.lower_ in ("formally", "officially"):
            return True
        if any(c.lower_ in ("formally", "officially") for c in tok.children):
            return True
        if (
            tok.pos_ in ("VERB", "AUX")
            and tok.tag_ in ("VBD", "VBN")
            and any(
                # "the withdrawal took effect", "became effective", "became final"
                c.dep_ in ("dobj", "acomp", "attr") and c.lemma_.lower() in _COMPLETION
                for c in tok.children
            )
        ):
            return True
    return False


# The one place a learned sentence classifier plugs in (helper "learned"): a function of the
# sentence text, the act and the rules' modality that returns a modality to use instead, or
# None to keep the rules' reading. Off by default.
SentenceClassifier = Callable[[str, Act, Modality], "Modality | None"]
_classifier: SentenceClassifier | None = None


def set_classifier(classifier: SentenceClassifier | None) -> None:
    """Install (or, with None, remove) the learned modality classifier `decide` consults."""
    global _classifier
    _classifier = classifier


def decide(
    cues: Cues,
    act: Act,
    trigger: Token,
    actor_state: str | None,
    speaker_state: str | None,
    speaker_is_state: bool,
) -> Modality:
    """The modality of one mention: the rules' reading of its cues, then the learned
    classifier's, if one is installed (`set_classifier`)."""
    ruled = _decide_by_rules(cues, act, trigger, actor_state, speaker_state, speaker_is_state)
    if _classifier is None:
        return ruled
    return _classifier(trigger.sent.text, act, ruled) or ruled


def _decide_by_rules(
    cues: Cues,
    act: Act,
    trigger: Token,
    actor_state: str | None,
    speaker_state: str | None,
    speaker_is_state: bool,
) -> Modality:
    """The modality of one mention from its cues."""
    if cues.deny is not None:
        return Modality.DENIED
    if cues.negated:
        base = Modality.NEGATED
    elif cues.hedged or (cues.hypothetical and not cues.announced):
        base = Modality.HYPOTHETICAL
    elif cues.reported_would and cues.speech is None and not cues.announced:
        base = Modality.HYPOTHETICAL
    elif cues.announced or (cues.reported_would and cues.speech is not None):
        base = Modality.ANNOUNCED
    elif cues.ongoing or _present_stative(trigger, act):
        base = Modality.ONGOING
    else:
        base = Modality.OCCURRED
    if (
        base == Modality.NEGATED
        and act in REPORTED_AS_CLAIM
        and speaker_state is not None
        and speaker_state == actor_state
        and not cues.ended  # a state telling that its own practice ended denies no claim
    ):
        return Modality.DENIED  # "Cambodia had never laid new mines, its spokeswoman said"
    if act in (Act.WITHDRAW, Act.SUSPEND) and base == Modality.ONGOING:
        # "informed the UN that it is suspending the convention": done when notified, else a
        # step on the way ("is withdrawing")
        base = Modality.OCCURRED if completed_by_word(cues) else Modality.ANNOUNCED
    if act in (Act.WITHDRAW, Act.SUSPEND) and base == Modality.OCCURRED and not completed(cues):
        base = Modality.ANNOUNCED  # a decision, decree or vote to leave; done only when notified
    if act not in ALLEGEABLE:
        return base
    if cues.accuse is not None and base in (
        Modality.OCCURRED,
        Modality.ONGOING,
        Modality.ANNOUNCED,
    ):
        return Modality.ALLEGED
    attributed = cues.speech is not None or cues.according_to is not None or cues.claim_noun
    if act not in REPORTED_AS_CLAIM:
        attributed = False  # "campaigners said Greece still holds mines": a reported state
    if attributed and base in (Modality.OCCURRED, Modality.ONGOING):
        if (
            cues.claim_noun
            or speaker_state is None
            or actor_state is None
            or speaker_state != actor_state
        ):
            return Modality.ALLEGED
    return base


def _present_stative(trigger: Token, act: Act) -> bool:
    """ "Greece has a stockpile", "holds mines": a present-tense state, i.e. ongoing."""
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("attr", "oprd"):
        return trigger.head.tag_ in ("VBZ", "VBP")  # "Myanmar remains a producer of mines"
    if act in (Act.PRODUCE, Act.DEVELOP) and trigger.pos_ == "VERB":
        # "Russia's arms industry churns out mines", "Myanmar produces mines": production told
        # in the simple present is a practice that goes on
        return trigger.tag_ in ("VBZ", "VBP") and not any(
            c.dep_ in ("aux", "auxpass") for c in trigger.children
        )
    if act not in (Act.STOCKPILE, Act.RETAIN):
        return False
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "nsubjpass"):
        return trigger.head.tag_ in ("VBZ", "VBP")  # "Minsk's stockpile remains in storage"
    return trigger.tag_ in ("VBZ", "VBP") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBZ", "VBP") for c in trigger.children
    )  # "holds mines", "are stored at depots"
