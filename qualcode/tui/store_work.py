"""Thread workers that use a project store, counted so that no store is closed under them.

A thread worker cannot be interrupted: when the workbench quits, Textual cancels it but its
thread runs on. Closing the SQLite connection while that thread is inside a query crashed the
process (a segmentation fault, seen when the app quit during a background display build).
``store_work`` runs a method as a thread worker inside ``app.store_users``; the app, the stage
screens (their read-only readers) and the suggestion feed wait for ``store_users`` to be idle
before they close a store.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from textual import work

F = TypeVar("F", bound=Callable[..., Any])

CLOSE_WAIT = 30.0
"""Longest wait (seconds) for running store workers before a store is closed regardless."""


class StoreUsers:
    """How many threads are using a store right now; ``wait_idle`` blocks until none is."""

    def __init__(self) -> None:
        self._count = 0
        self._idle = threading.Condition()

    def __enter__(self) -> StoreUsers:
        with self._idle:
            self._count += 1
        return self

    def __exit__(self, *exc: object) -> None:
        with self._idle:
            self._count -= 1
            if not self._count:
                self._idle.notify_all()

    def wait_idle(self, timeout: float = CLOSE_WAIT) -> bool:
        """Wait until no thread uses a store; False if ``timeout`` passed first."""
        with self._idle:
            return self._idle.wait_for(lambda: self._count == 0, timeout)

    @property
    def busy(self) -> int:
        """Threads using a store now."""
        return self._count


def store_work(**options: Any) -> Callable[[F], F]:
    """``@work(thread=True, exit_on_error=False, **options)``, counted in ``app.store_users``."""

    def decorate(method: F) -> F:
        @functools.wraps(method)
        def counted(self, *args: Any, **kwargs: Any) -> Any:
            with self.app.store_users:
                return method(self, *args, **kwargs)

        return work(thread=True, exit_on_error=False, **options)(counted)  # type: ignore[return-value]

    return decorate
