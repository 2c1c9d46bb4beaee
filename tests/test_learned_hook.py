"""The learned layer in the engine: off by default; on, it changes only what its policy lets it
(a confident `none` drops the mention; `decisions` swaps only the hard pairs)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest

from treatywatch.errors import TreatywatchError
from treatywatch.extract.learned import hook
from treatywatch.extract.learned.classifier import Reading
from treatywatch.model import Act, Article, Modality
from treatywatch.pipeline import analyze_article

OCC, ANN, ALL, DEN, NEG, HYP = (
    Modality.OCCURRED,
    Modality.ANNOUNCED,
    Modality.ALLEGED,
    Modality.DENIED,
    Modality.NEGATED,
    Modality.HYPOTHETICAL,
)


@pytest.fixture
def restore():
    before = hook.active()
    yield
    hook.configure(before)


def _read(text: str) -> list[tuple[str, str]]:
    article = Article(title="Landmines", text=text, published=date(2025, 6, 1))
    return [(e.act.value, e.modality.value) for e in analyze_article(article).events]


def test_the_layer_is_off_unless_the_setting_turns_it_on() -> None:
    code = "from treatywatch.extract.learned import hook; print(hook.active())"
    env = {k: v for k, v in os.environ.items() if k != hook.ENV}
    off = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    on = subprocess.run(
        [sys.executable, "-c", code], env=env | {hook.ENV: "on"}, capture_output=True, text=True
    )
    assert off.stdout.strip() == "None"
    assert on.stdout.strip() == repr(hook.Policy.parse(hook.DEFAULT_POLICY))


@pytest.mark.parametrize("spec", ["sometimes", "confident:2", "decisions:x"])
def test_a_bad_setting_is_refused_naming_it(spec) -> None:
    with pytest.raises(TreatywatchError, match=rf"{hook.ENV}='{spec}': expected off, on"):
        hook.Policy.parse(spec)


def test_decisions_swap_only_the_hard_pairs() -> None:
    policy = hook.Policy("decisions", 0.8)
    assert policy.modality(Reading("alleged", 0.9), OCC, Act.USE) == ALL  # accusation vs fact
    assert policy.modality(Reading("hypothetical", 0.9), ANN, Act.USE) == HYP  # condition vs plan
    assert policy.modality(Reading("denied", 0.95), NEG, Act.USE) == DEN  # denial vs negation
    assert (
        policy.modality(Reading("negated", 0.99), HYP, Act.USE) is None
    )  # not a pair: rules stand
    assert policy.modality(Reading("alleged", 0.79), OCC, Act.USE) is None  # not confident enough
    assert (
        policy.modality(Reading("none", 0.99), OCC, Act.USE) is None
    )  # `none` drops, it is no modality


def test_swaps_never_drop_a_mention() -> None:
    policy = hook.Policy("swaps", 0.8)
    assert not policy.drops(Reading("none", 0.99))
    assert policy.modality(Reading("alleged", 0.9), OCC, Act.USE) == ALL


def test_only_a_misdeed_can_be_made_alleged_or_denied() -> None:
    policy = hook.Policy("confident", 0.5)
    assert policy.modality(Reading("alleged", 0.99), OCC, Act.USE) == ALL
    assert policy.modality(Reading("alleged", 0.99), OCC, Act.CLEAR) is None
    assert policy.modality(Reading("denied", 0.99), NEG, Act.RATIFY) is None


def test_confident_takes_any_label_above_its_threshold() -> None:
    policy = hook.Policy("confident", 0.9)
    assert policy.modality(Reading("negated", 0.95), OCC, Act.USE) == NEG
    assert policy.modality(Reading("negated", 0.85), OCC, Act.USE) is None
    assert policy.drops(Reading("none", 0.95)) and not policy.drops(Reading("none", 0.5))


def test_a_confident_none_drops_the_mention_and_off_restores_it(restore, monkeypatch) -> None:
    text = "Russian forces laid anti-personnel mines near Kharkiv."
    hook.configure(None)
    ruled = _read(text)
    assert ("use", "occurred") in ruled
    monkeypatch.setattr(hook, "_reading", lambda t: Reading("none", 0.99))
    hook.configure("decisions:0.8")
    assert _read(text) == []
    hook.configure(None)
    assert _read(text) == ruled


def test_a_swap_changes_the_modality_and_nothing_else(restore, monkeypatch) -> None:
    text = "Russian forces laid anti-personnel mines near Kharkiv."
    hook.configure(None)
    article = Article(title="Landmines", text=text, published=date(2025, 6, 1))
    ruled = analyze_article(article).events
    monkeypatch.setattr(hook, "_reading", lambda t: Reading("alleged", 0.99))
    hook.configure("decisions:0.8")
    swapped = analyze_article(article).events
    assert [e.modality for e in swapped] == [ALL] * len(ruled)
    assert [(e.act, e.actor, e.location, e.weapon) for e in swapped] == [
        (e.act, e.actor, e.location, e.weapon) for e in ruled
    ]
