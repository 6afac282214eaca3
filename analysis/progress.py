"""Progress of long steps, told to a person on the terminal (stderr) or to nobody.

    >>> progress = Progress(total=4)          # prints "[1/4] Reading the exports ..." etc.
    >>> with progress.step("Finding themes in %s" % question):
    ...     ...

Each step prints when it starts and how long it took when it ends, so a researcher running a
report on 100,000 answers sees that something is happening and where the time goes.
"""
from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    def __init__(self, *, total: int | None = None, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.total = total
        self.stream = stream
        self.enabled = enabled
        self.done = 0
        self.timings: list[tuple[str, float]] = []

    @contextlib.contextmanager
    def step(self, description: str) -> Iterator[None]:
        self.done += 1
        counter = f"[{self.done}/{self.total}] " if self.total else ""
        self._write(f"{counter}{description} ...")
        started = time.perf_counter()
        try:
            yield
        finally:
            seconds = time.perf_counter() - started
            self.timings.append((description, seconds))
            self._write(f"{counter}{description}: {seconds:.1f} s")

    def _write(self, line: str) -> None:
        if self.enabled:
            stream = self.stream or sys.stderr
            print(line, file=stream, flush=True)
