"""The sentence corpus: frames parse, the generator is reproducible, dev frames stay unseen."""

from __future__ import annotations

import json
import tomllib
from collections import Counter

import pytest

from treatywatch.extract.learned.corpus import (
    ACTS,
    CORPUS_DIR,
    LABELS,
    act_name,
    generate,
    read_frames,
    read_sentences,
)
from treatywatch.model import Act

FILLERS = tomllib.loads((CORPUS_DIR / "fillers.toml").read_text(encoding="utf-8"))


def test_every_frame_names_an_act_and_a_label_of_the_scheme() -> None:
    frames = read_frames()
    assert {f.act for f in frames} <= set(ACTS)
    assert {f.label for f in frames} == set(LABELS)  # every label has frames


def test_no_frame_is_written_twice() -> None:
    templates = [f.template for f in read_frames()]
    assert len(templates) == len(set(templates))


def test_generation_is_reproducible_and_seeded() -> None:
    frames = read_frames()[:30]
    first = [s.text for _, s in generate(frames, FILLERS, seed=8)]
    again = [s.text for _, s in generate(frames, FILLERS, seed=8)]
    other = [s.text for _, s in generate(frames, FILLERS, seed=9)]
    assert first == again
    assert first != other


def test_committed_parts_are_what_the_frames_generate() -> None:
    generated = Counter(
        ("dev" if f.dev else "train", s.text) for f, s in generate(read_frames(), FILLERS)
    )
    committed = Counter(
        (part, s.text)
        for part in ("train", "dev")
        for s in read_sentences([CORPUS_DIR / f"{part}.jsonl"])
    )
    assert generated == committed


def test_dev_frames_never_appear_in_training() -> None:
    train = {s.frame for s in read_sentences([CORPUS_DIR / "train.jsonl"])}
    dev = {s.frame for s in read_sentences([CORPUS_DIR / "dev.jsonl"])}
    assert train and dev and not train & dev
    assert len(read_sentences([CORPUS_DIR / "train.jsonl"])) >= 2000


def test_a_bad_line_is_refused_naming_file_and_line(tmp_path) -> None:
    path = tmp_path / "bad.jsonl"
    good = {"text": "Mines were laid.", "act": "use", "label": "occurred"}
    path.write_text(json.dumps(good) + "\n" + json.dumps(good | {"label": "maybe"}) + "\n")
    with pytest.raises(ValueError, match=r"bad\.jsonl:2: unknown label 'maybe'"):
        read_sentences([path])


@pytest.mark.parametrize(
    ("act", "name"),
    [(Act.RATIFY, "join"), (Act.ACCEDE, "join"), (Act.DEVELOP, "produce"), (Act.USE, "use")],
)
def test_acts_map_to_the_corpus_names(act, name) -> None:
    assert act_name(act) == name
