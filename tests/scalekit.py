"""Shared pieces of the Dask engine's tests: generated WARC and JSONL shards (a few hundred
small articles, about 1% about mines, reusing the texts of tests/articles), a canonical dump of
a store to compare two runs by, and analysers that crash or dawdle on purpose."""

from __future__ import annotations

import gzip
import io
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from tests.storekit import page_html
from treatywatch.runner import PipelineAnalyzer
from treatywatch.store import db as dbm
from treatywatch.store.tables import (
    ArticleRow,
    EventRow,
    Failure,
    FindingRow,
    Story,
    StoryMember,
)

ARTICLES = Path(__file__).resolve().parent / "articles"
TOPICS = ["harbour", "railway", "orchestra", "vineyard", "library", "football", "bakery",
          "bridge", "museum", "festival"]


MINE_FILES = ["t01-ukraine-mines-meeting.txt", "t09-myanmar-amnesty.txt",
              "t13-colombia-minefield.txt", "t16-antitank-mines.txt",
              "t19-kharkiv-butterfly-mines.txt"]


SCREENED_IN = "t06-political-minefield.txt"  # treaty words, no event


def _read(path: Path) -> tuple[str, str]:
    title, _, text = path.read_text(encoding="utf-8").partition("\n")
    return title.strip(), text.strip()


def mine_texts() -> list[tuple[str, str]]:
    """(title, text) of five test articles about mines."""
    return [_read(ARTICLES / name) for name in MINE_FILES]


def filler(i: int) -> tuple[str, str]:
    topic = TOPICS[i % len(TOPICS)]
    return (f"City {topic} news {i}",
            f"The {topic} committee met for the {i}th time on Tuesday. Members discussed the "
            f"budget, the opening hours and the {topic} volunteers, item {i * 7 + 3}. The "
            "chair said the plans would be published next month after a public hearing.")


def records(shard: int, n: int, texts: list[tuple[str, str]]) -> list[dict]:
    """n articles of shard `shard`: every 50th one of `texts`, retold in each shard (the
    shards' copies are near-duplicates: one story across shards), the rest city news; one
    exact duplicate inside the shard."""
    out = []
    for j in range(n):
        i = shard * 1000 + j
        if j % 50 == 7:
            title, text = texts[(shard + j // 50) % 5]
            text = f"{text} This copy was filed by desk {shard}."
        elif j == 20:  # screened in, nothing found: stored as a receipt
            title, text = _read(ARTICLES / SCREENED_IN)
            text = f"{text} Desk {shard}."
        else:
            title, text = filler(i)
        day = 1 + i % 27
        out.append({"title": title, "text": text, "published": f"2025-03-{day:02d}",
                    "url": f"https://news.example.org/{shard}/{j}", "outlet": f"Outlet {i % 4}"})
    out.insert(n // 2, dict(out[7]))  # the same article twice in one shard
    return out


def write_jsonl(path: Path, recs: list, broken: bool = False) -> Path:
    lines = [json.dumps(r) for r in recs]
    if broken:
        lines.insert(5, "{broken line")
    data = ("\n".join(lines) + "\n").encode()
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


def write_warc(path: Path, recs: list[dict]) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        for rec in recs:
            body = page_html(rec["title"], rec["text"]).encode()
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                rec["url"], "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": rec["published"] + "T08:00:00Z"}))
    return path


def corpus(folder: Path, per_shard: int = 100) -> list[str]:
    """Six shards (JSONL, JSONL.gz, WARC, WARC.gz) in a folder and one @LIST: the sources."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = mine_texts()
    write_jsonl(folder / "a.jsonl", records(0, per_shard, texts), broken=True)
    write_jsonl(folder / "b.jsonl.gz", records(1, per_shard, texts))
    write_warc(folder / "c.warc", records(2, per_shard, texts))
    write_warc(folder / "d.warc.gz", records(3, per_shard, texts))
    extra = folder.parent / f"{folder.name}-extra"
    extra.mkdir(exist_ok=True)
    common = records(4, per_shard, texts)
    write_jsonl(extra / "e.jsonl", common)
    # the same records in two shards: two screened out, one stored as a receipt
    write_jsonl(extra / "f.jsonl", records(5, per_shard, texts) + common[:2] + [common[20]])
    listing = folder.parent / f"{folder.name}.list"
    listing.write_text(f"# the extra shards\n{extra / 'e.jsonl'}\n{extra / 'f.jsonl'}\n")
    return [str(folder), f"@{listing}"]


# --- a canonical dump ------------------------------------------------------------------------


def dump(url: str) -> dict[str, list]:
    """Everything a run stored, without ids, run numbers, times or shard names, sorted: two
    runs of the same inputs must give equal dumps."""
    with dbm.open_database(url) as database, database.session() as s:
        hashes = dict(s.execute(select(ArticleRow.id, ArticleRow.content_hash)).all())
        articles = sorted(
            (r.content_hash, r.title, r.url, r.outlet, str(r.published), r.language, r.text,
             r.relevant, r.n_events, r.n_findings)
            for r in s.execute(select(ArticleRow)).scalars())
        idx = dict(s.execute(select(EventRow.id, EventRow.idx)).all())
        events = sorted(
            (hashes[e.article_id], e.idx, e.act, e.modality, e.weapon, e.treaty, e.actor,
             e.actor_name, e.counterpart, e.location, str(e.event_date), e.speaker,
             round(e.confidence, 6), e.background, json.dumps(e.evidence), json.dumps(e.rules))
            for e in s.execute(select(EventRow)).scalars())
        findings = sorted(
            (hashes[f.article_id], idx.get(f.event_id), f.treaty, f.state, f.kind,
             f.treaty_article, f.modality, f.explanation, f.rule, str(f.judged_on),
             str(f.on_date), f.status, round(f.confidence, 6), json.dumps(f.evidence))
            for f in s.execute(select(FindingRow)).scalars())
        members: dict[int, list[str]] = {}
        for m in s.execute(select(StoryMember)).scalars():
            members.setdefault(m.story_id, []).append(hashes[m.article_id])
        titles = dict(s.execute(select(Story.id, Story.title)).all())
        stories = sorted((titles[sid], sorted(hs)) for sid, hs in members.items())
        failures = sorted((f.input, f.reason, f.times) for f in s.execute(select(Failure))
                          .scalars())
    return {"articles": articles, "events": events, "findings": findings, "stories": stories,
            "failures": failures}


# --- analysers that misbehave on purpose (picklable: they run on workers) ---------------------


@dataclass(frozen=True)
class CrashOnce:
    """The pipeline, but the first worker to read an article whose title contains `title` dies
    on the spot (os._exit), once: `marker` records that it happened."""

    title: str
    marker: str

    def __call__(self, article):
        if self.title in (article.title or "") and not os.path.exists(self.marker):
            Path(self.marker).write_text(str(os.getpid()))
            os._exit(17)
        return PipelineAnalyzer()(article)


@dataclass(frozen=True)
class Slow:
    """The pipeline, `seconds` slower an article (to kill a run mid-way)."""

    seconds: float

    def __call__(self, article):
        time.sleep(self.seconds)
        return PipelineAnalyzer()(article)
