"""The learned sentence classifier: a spaCy `textcat` (exclusive classes) trained on the
project's sentence corpus, shipped in `model/` beside this module and loaded once a process.

`classify(text)` gives the corpus label (a modality, or `none`: no act told) with its
probability. The architectures measured are declared here, so that training and loading agree.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from treatywatch.extract.learned.corpus import LABELS

__all__ = ["MODEL_DIR", "ARCHITECTURES", "Reading", "classify", "load_model", "build_blank"]

MODEL_DIR = Path(__file__).resolve().parent / "model"
_log = logging.getLogger(__name__)
_lock = threading.Lock()
_models: dict[Path, Language] = {}

_BOW = {
    "@architectures": "spacy.TextCatBOW.v3",
    "exclusive_classes": True,
    "ngram_size": 2,
    "no_output_layer": False,
    "length": 65536,  # 2**16 hashed features x 8 classes: a 2 MB model
}
_TOK2VEC = {
    "@architectures": "spacy.Tok2Vec.v2",
    "embed": {
        "@architectures": "spacy.MultiHashEmbed.v2",
        "width": 64,
        "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
        "rows": [4000, 1000, 1000, 500],
        "include_static_vectors": False,
    },
    "encode": {
        "@architectures": "spacy.MaxoutWindowEncoder.v2",
        "width": 64,
        "window_size": 1,
        "maxout_pieces": 3,
        "depth": 2,
    },
}
ARCHITECTURES: dict[str, dict[str, Any]] = {
    "bow": _BOW,
    "ensemble": {
        "@architectures": "spacy.TextCatEnsemble.v2",
        "tok2vec": _TOK2VEC,
        "linear_model": {**_BOW, "length": 32768},
    },
}


@dataclass(frozen=True)
class Reading:
    label: str  # one of corpus.LABELS
    probability: float


def build_blank(architecture: str) -> Language:
    """An untrained English pipeline with one exclusive `textcat` of the given architecture."""
    if architecture not in ARCHITECTURES:
        raise ValueError(
            f"unknown architecture {architecture!r} (one of {', '.join(ARCHITECTURES)})"
        )
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config={"model": ARCHITECTURES[architecture]})
    for label in LABELS:
        textcat.add_label(label)  # type: ignore[attr-defined]
    return nlp


def load_model(path: Path = MODEL_DIR) -> Language:
    """The trained pipeline at `path`, loaded once a process (thread-safe)."""
    path = Path(path)
    model = _models.get(path)
    if model is None:
        with _lock:
            model = _models.get(path)
            if model is None:
                if not (path / "config.cfg").is_file():
                    raise FileNotFoundError(
                        f"no trained sentence classifier in {path}: run "
                        "`python -m treatywatch.extract.learned.train`"
                    )
                _log.info("loading the sentence classifier from %s", path)
                model = _models[path] = spacy.load(path)
    return model


def classify(text: str, path: Path = MODEL_DIR) -> Reading:
    """The most probable label of one sentence, and its probability."""
    cats = load_model(path)(text).cats
    label = max(cats, key=cats.__getitem__)
    return Reading(label, float(cats[label]))


def classify_many(texts: list[str], path: Path = MODEL_DIR) -> list[Reading]:
    out = []
    for doc in load_model(path).pipe(texts):
        label = max(doc.cats, key=doc.cats.__getitem__)
        out.append(Reading(label, float(doc.cats[label])))
    return out
