"""Login attempts per key (client address, user name): at most `limit` failures in `window`
seconds; kept in memory, per process."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque


class LoginLimiter:
    def __init__(self, limit: int = 5, window: float = 300.0, clock=time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str) -> deque[float]:
        times = self._failures[key]
        cutoff = self.clock() - self.window
        while times and times[0] < cutoff:
            times.popleft()
        return times

    def retry_after(self, *keys: str) -> int:
        """Seconds to wait before trying again (0: go ahead)."""
        with self._lock:
            waits = [self._recent(k)[0] + self.window - self.clock()
                     for k in keys if len(self._recent(k)) >= self.limit]
        return max(1, int(max(waits)) + 1) if waits else 0

    def failed(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._recent(key).append(self.clock())
            if len(self._failures) > 100_000:  # bound memory under a spray of names
                self._failures.clear()

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)
