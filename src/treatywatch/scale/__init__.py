"""The same pipeline on a Dask cluster: `ingest_dask`, the engine of `ingest --engine dask`.

See docs/scale.md. Dask itself is optional (`pip install 'treatywatch[scale]'`); importing
this package does not need it, running it does.
"""

from __future__ import annotations

from treatywatch.scale.cluster import ClusterError, DaskMissing
from treatywatch.scale.engine import MAX_TRIES, ScaleProgress, ingest_dask
from treatywatch.scale.shards import Shard, list_shards

__all__ = ["MAX_TRIES", "ClusterError", "DaskMissing", "ScaleProgress", "Shard", "ingest_dask",
           "list_shards"]
