"""Sources -> shards for the Dask engine: reading order, names and keys as a single run's."""

from __future__ import annotations

import os

from tests.scalekit import write_jsonl
from treatywatch.ingest.sources import iter_items
from treatywatch.scale import list_shards


def _files(folder, names):
    for name in names:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name.endswith((".jsonl", ".jsonl.gz")):
            write_jsonl(path, [{"title": name, "text": f"Text of {name}."}])
        else:
            path.write_text(f"{name}\nText of {name}.\n")


def test_each_warc_and_jsonl_is_a_shard_and_loose_files_are_grouped_in_reading_order(tmp_path):
    _files(tmp_path / "in", ["a.txt", "b.txt", "c.jsonl", "d.txt", "sub/e.warc", "sub/f.html",
                             ".hidden.txt"])
    shards = list_shards([str(tmp_path / "in")])
    names = [[os.path.relpath(s, tmp_path / "in") for s in sh.sources] for sh in shards]
    assert names == [["a.txt", "b.txt"], ["c.jsonl"], ["d.txt"], ["sub/e.warc"], ["sub/f.html"]]


def test_shards_read_the_same_inputs_with_the_same_names_as_one_run(tmp_path):
    _files(tmp_path / "in", ["a.txt", "b.jsonl", "c.txt", "d/e.txt"])
    listing = tmp_path / "list.txt"
    listing.write_text(f"# two again\n{tmp_path / 'in' / 'b.jsonl'}\n{tmp_path / 'missing'}\n")
    sources = [str(tmp_path / "in"), f"@{listing}"]
    one_run = [(i.source, i.error is None) for i in iter_items(sources)]
    sharded = [(i.source, i.error is None) for sh in list_shards(sources)
               for i in iter_items(sh.sources)]
    assert sharded == one_run
    assert one_run[-1] == (str(tmp_path / "missing"), False)  # a missing input is its own shard


def test_loose_files_come_in_shards_of_a_bounded_size(tmp_path):
    _files(tmp_path / "in", [f"{i:02d}.txt" for i in range(5)])
    assert [len(sh.sources) for sh in list_shards([str(tmp_path / "in")],
                                                  loose_per_shard=2)] == [2, 2, 1]


def test_a_changed_file_is_a_new_shard_and_an_unchanged_one_keeps_its_key(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", [{"title": "A", "text": "One."}])
    first = list_shards([str(path)])[0].key
    assert list_shards([str(path)])[0].key == first
    write_jsonl(path, [{"title": "A", "text": "One."}, {"title": "B", "text": "Two."}])
    assert list_shards([str(path)])[0].key != first


def test_a_source_list_that_cannot_be_read_is_a_shard_that_reports_it(tmp_path):
    shards = list_shards([f"@{tmp_path / 'nope.txt'}"])
    assert [sh.sources for sh in shards] == [(f"@{tmp_path / 'nope.txt'}",)]
    (item,) = iter_items(shards[0].sources)
    assert "cannot read the source list" in item.error
