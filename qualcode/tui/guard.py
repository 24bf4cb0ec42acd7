"""Turn failures inside handlers into an error modal (message + hint), never a traceback."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from qualcode.errors import QualcodeError

F = TypeVar("F", bound=Callable[..., Any])


def guarded(method: F) -> F:
    """Wrap a screen/widget method so a QualcodeError opens the error modal instead of crashing."""
    if inspect.iscoroutinefunction(method):

        @functools.wraps(method)
        async def async_wrapper(self, *args: Any, **kwargs: Any) -> Any:
            try:
                return await method(self, *args, **kwargs)
            except QualcodeError as exc:
                self.app.show_error(exc)
                return None

        return async_wrapper  # type: ignore[return-value]

    @functools.wraps(method)
    def wrapper(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except QualcodeError as exc:
            self.app.show_error(exc)
            return None

    return wrapper  # type: ignore[return-value]
