"""Where the tasks run: a local cluster of N workers, or an existing one's scheduler."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from treatywatch.errors import TreatywatchError

log = logging.getLogger(__name__)


class DaskMissing(TreatywatchError):
    """The dask engine was asked for and Dask is not installed."""


class ClusterError(TreatywatchError):
    """The scheduler cannot be reached, or the cluster cannot be started."""


def require_dask():
    """The `distributed` module, or a one-line error that says how to install it."""
    try:
        import distributed
    except ImportError as exc:
        raise DaskMissing("the dask engine needs Dask, which is not installed: "
                          "pip install 'treatywatch[scale]'") from exc
    return distributed


@contextmanager
def connect(workers: int = 2, scheduler: str | None = None, processes: bool = True,
            connect_timeout: float = 20.0) -> Iterator:
    """A `distributed.Client`: on `scheduler` (tcp://HOST:PORT) when given, else on a local
    cluster of `workers` single-threaded workers (processes, or threads of this one)."""
    distributed = require_dask()
    if scheduler:
        try:
            client = distributed.Client(scheduler, timeout=connect_timeout)
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler} ({exc}): start "
                               "one with `dask scheduler`, or use --workers N for a local "
                               "cluster") from exc
        try:
            yield client
        finally:
            client.close()
        return
    if workers < 1:
        raise ClusterError(f"--workers must be 1 or more, not {workers}")
    where = {"host": "127.0.0.1"} if processes else {}  # threads talk in-process
    cluster = distributed.LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=processes, dashboard_address=None,
        silence_logs=logging.ERROR, **where,
    )
    client = distributed.Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()
