"""The shipped classifier: it loads once, it is small, it reads plain sentences of each kind
(written here, not in the corpus), and training is reproducible."""

from __future__ import annotations

import pytest

from treatywatch.extract.learned import classifier
from treatywatch.extract.learned.classifier import MODEL_DIR, classify, load_model
from treatywatch.extract.learned.corpus import LABELS, Sentence
from treatywatch.extract.learned.train import train

OWN = [
    ("Government troops laid landmines around the village of Kalay last week.", "occurred"),
    (
        "The ministry will destroy its remaining stockpile of anti-personnel mines by 2028.",
        "announced",
    ),
    ("Witnesses said the militia had planted mines on the road to the market.", "alleged"),
    ("The defence ministry denied that its soldiers had used cluster munitions.", "denied"),
    ("The country has never produced anti-personnel mines.", "negated"),
    ("The army could lay mines along the frontier if it were invaded.", "hypothetical"),
    ("Activists urged the government to stop using landmines.", "none"),
]


def test_the_model_loads_once_a_process() -> None:
    assert load_model() is load_model()
    assert set(load_model().get_pipe("textcat").labels) == set(LABELS)


def test_the_shipped_model_is_small() -> None:
    size = sum(p.stat().st_size for p in MODEL_DIR.rglob("*") if p.is_file())
    assert size < 5_000_000


@pytest.mark.parametrize(("text", "label"), OWN, ids=[label for _, label in OWN])
def test_it_reads_a_plain_sentence_of_each_kind(text, label) -> None:
    assert classify(text).label == label


def test_a_missing_model_says_how_to_train_one(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="treatywatch.extract.learned.train"):
        classifier.load_model(tmp_path)


def test_training_with_the_same_seed_gives_the_same_model() -> None:
    data = [Sentence(text, "use", label) for text, label in OWN] * 3
    first = train(data, "bow", epochs=2, seed=3)
    again = train(data, "bow", epochs=2, seed=3)
    probe = "Rebels were said to have laid mines."
    assert first(probe).cats == again(probe).cats
