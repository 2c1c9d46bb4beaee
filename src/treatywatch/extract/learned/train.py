"""Train the sentence classifier on the corpus and print its scores on the dev part.

    python -m treatywatch.extract.learned.train [--architecture bow|ensemble] [--epochs N]
        [--out DIR] [--seed N] [--regenerate]

`--regenerate` first writes `eval/sentences/train.jsonl` and `dev.jsonl` from the frames. The
model goes to `--out` (by default the shipped `model/` folder). Same seed, same model.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

import spacy
from spacy.training import Example
from spacy.util import minibatch

from treatywatch.extract.learned.classifier import MODEL_DIR, build_blank
from treatywatch.extract.learned.corpus import (
    CORPUS_DIR,
    LABELS,
    Sentence,
    read_sentences,
    write_corpus,
)
from treatywatch.extract.learned.scores import Scores, confusion_table, score

__all__ = ["train", "evaluate", "main"]


def _examples(nlp: spacy.Language, sentences: list[Sentence]) -> list[Example]:
    return [
        Example.from_dict(
            nlp.make_doc(s.text), {"cats": {lab: float(lab == s.label) for lab in LABELS}}
        )
        for s in sentences
    ]


def evaluate(nlp: spacy.Language, sentences: list[Sentence]) -> Scores:
    predicted = [max(d.cats, key=d.cats.__getitem__) for d in nlp.pipe(s.text for s in sentences)]
    return score([s.label for s in sentences], predicted)


def train(
    sentences: list[Sentence],
    architecture: str = "bow",
    epochs: int = 12,
    seed: int = 0,
    dropout: float = 0.2,
) -> spacy.Language:
    """A textcat trained on `sentences`; with the same seed, the same weights."""
    spacy.util.fix_random_seed(seed)
    rng = random.Random(seed)
    nlp = build_blank(architecture)
    examples = _examples(nlp, sentences)
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(epochs):
        order = examples[:]
        rng.shuffle(order)
        for batch in minibatch(order, size=16):
            nlp.update(batch, sgd=optimizer, drop=dropout)
    return nlp


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m treatywatch.extract.learned.train")
    parser.add_argument("--architecture", default="bow", choices=["bow", "ensemble"])
    parser.add_argument("--epochs", type=int, default=12)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    parser.add_argument("--regenerate", action="store_true", help="rewrite train/dev first")
    parser.add_argument("--with-dev", action="store_true", help="train on train + dev")
    args = parser.parse_args(argv)
    if args.regenerate:
        print("corpus:", json.dumps(write_corpus(args.corpus)))
    train_part = read_sentences([args.corpus / "train.jsonl"])
    dev_part = read_sentences([args.corpus / "dev.jsonl"])
    started = time.monotonic()
    data = train_part + dev_part if args.with_dev else train_part
    nlp = train(data, args.architecture, args.epochs, args.seed)
    seconds = time.monotonic() - started
    dev = evaluate(nlp, dev_part)
    print(
        f"{args.architecture}: trained on {len(data)} sentences in {seconds:.0f} s; "
        f"dev ({len(dev_part)} sentences, frames unseen in training"
        f"{'' if not args.with_dev else ' -- NOT unseen: --with-dev'}): "
        f"accuracy {dev.accuracy:.3f}, macro-F1 {dev.macro_f1:.3f}"
    )
    print(confusion_table(dev))
    args.out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.out)
    print(f"model written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
