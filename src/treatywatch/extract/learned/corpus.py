"""The sentence corpus of the learned modality layer: its label scheme, the hand-written frames
that make the training part, and the reader of any `.jsonl` part (train, dev, held-out).

A frame (`eval/sentences/frames_<label>.txt`) is one sentence written by hand with slots for
names; `generate` fills each frame a few times from `eval/sentences/fillers.toml` (fixed seed),
so the variations differ only in names. Whole frames, never single variations, go to the dev
part, so that dev measures sentences whose wording training never saw.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from treatywatch.model import Act

__all__ = [
    "LABELS",
    "ACTS",
    "Sentence",
    "act_name",
    "read_sentences",
    "read_frames",
    "generate",
    "write_corpus",
    "CORPUS_DIR",
]

LABELS = (
    "occurred",
    "ongoing",
    "announced",
    "alleged",
    "denied",
    "negated",
    "hypothetical",
    "none",
)
ACTS = (
    "use",
    "produce",
    "transfer",
    "stockpile",
    "destroy_stockpile",
    "clear",
    "casualty",
    "join",
    "withdraw",
    "suspend",
    "assist",
)
_ACT_NAMES = {
    Act.SIGN: "join",
    Act.RATIFY: "join",
    Act.ACCEDE: "join",
    Act.DEVELOP: "produce",
    Act.ACQUIRE: "transfer",
    Act.RETAIN: "stockpile",
}
CORPUS_DIR = Path(__file__).resolve().parents[4] / "eval" / "sentences"
_ACTOR_SLOTS = ("A", "F", "G", "D")
_SLOT = re.compile(r"\{([A-Z0-9]+)\}")
DEV_SHARE = 15  # percent of the frames, chosen by a hash of their text (stable as frames grow)


@dataclass(frozen=True)
class Sentence:
    text: str
    act: str
    label: str
    actor: str = ""
    writer: str = ""
    frame: str = ""  # the frame it varies, for generated sentences


def act_name(act: Act | str) -> str:
    """The corpus's name of an act: sign, ratify and accede are `join`; develop is `produce`."""
    if act in ACTS:
        return str(act)  # already a corpus name ("join" is no Act)
    act = Act(act)
    return _ACT_NAMES.get(act, act.value)


def read_sentences(paths: Iterable[Path]) -> list[Sentence]:
    """Every sentence of some `.jsonl` files; a bad line raises naming its file and line."""
    out: list[Sentence] = []
    for path in paths:
        for no, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                sentence = Sentence(
                    text=row["text"].strip(),
                    act=str(row["act"]).strip(),
                    label=str(row["label"]).strip(),
                    actor=str(row.get("actor") or ""),
                    writer=str(row.get("writer") or ""),
                    frame=str(row.get("frame") or ""),
                )
            except (ValueError, KeyError, AttributeError) as exc:
                raise ValueError(f"{path}:{no}: not a sentence record ({exc})") from None
            if sentence.label not in LABELS:
                raise ValueError(
                    f"{path}:{no}: unknown label {sentence.label!r} (one of {', '.join(LABELS)})"
                )
            out.append(sentence)
    return out


@dataclass(frozen=True)
class Frame:
    act: str
    label: str
    template: str

    @property
    def dev(self) -> bool:
        digest = hashlib.sha256(self.template.encode()).digest()
        return int.from_bytes(digest[:4], "big") % 100 < DEV_SHARE


def read_frames(directory: Path = CORPUS_DIR) -> list[Frame]:
    """The hand-written frames: `ACT LABEL | template`, one a line, `#` comments."""
    frames: list[Frame] = []
    for path in sorted(directory.glob("frames_*.txt")):
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            head, sep, template = line.partition("|")
            words = head.split()
            if not sep or len(words) != 2 or words[0] not in ACTS or words[1] not in LABELS:
                raise ValueError(f"{path}:{no}: expected 'ACT LABEL | template', got {line!r}")
            frames.append(Frame(words[0], words[1], template.strip()))
    return frames


def _fill(frame: Frame, fillers: dict[str, list[str]], rng: random.Random) -> tuple[str, str]:
    cluster = rng.random() < 0.08  # the guide: about 5-15% cluster munitions
    chosen: dict[str, str] = {}
    for slot in _SLOT.findall(frame.template):
        if slot in chosen:
            continue
        pool = fillers.get(f"{slot}_CLUSTER") if cluster else None
        pool = pool or fillers[slot]
        taken = set(chosen.values())
        options = [v for v in pool if v not in taken] or pool  # "{B} accused {A}": two states
        chosen[slot] = rng.choice(options)
    text = _SLOT.sub(lambda m: chosen[m.group(1)], frame.template)
    text = text[0].upper() + text[1:]
    actor = next((chosen[s] for s in _SLOT.findall(frame.template) if s in _ACTOR_SLOTS), "")
    return text, actor


def generate(
    frames: list[Frame], fillers: dict[str, list[str]], per_frame: int = 7, seed: int = 8
) -> Iterator[tuple[Frame, Sentence]]:
    """`per_frame` fillings of every frame (fewer where the names run out), reproducibly."""
    for index, frame in enumerate(frames):
        rng = random.Random(f"{seed}:{frame.template}")
        seen: set[str] = set()
        for _ in range(per_frame * 3):
            if len(seen) >= per_frame:
                break
            text, actor = _fill(frame, fillers, rng)
            if text in seen:
                continue
            seen.add(text)
            yield frame, Sentence(text, frame.act, frame.label, actor, "learned", f"f{index:03d}")


def write_corpus(directory: Path = CORPUS_DIR, per_frame: int = 7, seed: int = 8) -> dict[str, int]:
    """Write `train.jsonl` and `dev.jsonl` from the frames; returns how many lines each got."""
    fillers = tomllib.loads((directory / "fillers.toml").read_text(encoding="utf-8"))
    parts: dict[str, list[str]] = {"train": [], "dev": []}
    for frame, sentence in generate(read_frames(directory), fillers, per_frame, seed):
        row = {k: v for k, v in sentence.__dict__.items()}
        parts["dev" if frame.dev else "train"].append(json.dumps(row, ensure_ascii=False))
    for name, lines in parts.items():
        (directory / f"{name}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {name: len(lines) for name, lines in parts.items()}
