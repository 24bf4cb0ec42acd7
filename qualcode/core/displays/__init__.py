"""Displays are queries: each kind is a pure function of (store, codebook, settings) → ``Table``.

The registry lists every kind in the order the pipeline reads them; the modules that compute
them are imported only when a display is built, so ``qualcode --help`` stays light.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from qualcode.errors import DisplayError
from qualcode.i18n import t

if TYPE_CHECKING:
    from qualcode.core.project import Project
    from qualcode.core.table import Table


@dataclass(frozen=True, slots=True)
class DisplaySpec:
    """A display kind: its stable id, the catalogue key of its title, the options it accepts.

    ``choices`` lists the allowed values of the options that have a fixed set (the first is the
    default); options not listed there take free text (quotes: code, informant, polarity).
    """

    kind: str
    title_key: str
    options: tuple[str, ...] = ()
    choices: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def choices_of(self, option: str) -> tuple[str, ...]:
        """The allowed values of an option ('' when it takes free text)."""
        return dict(self.choices).get(option, ())


DISPLAYS: dict[str, DisplaySpec] = {
    spec.kind: spec
    for spec in (
        DisplaySpec(
            "informant-dimension",
            "displays.title_informant_dimension",
            ("cells",),
            (("cells", ("summary", "count")),),
        ),
        DisplaySpec("findings", "displays.title_findings"),
        DisplaySpec("factors", "displays.title_factors"),
        DisplaySpec("efforts", "displays.title_efforts"),
        DisplaySpec("indicators", "displays.title_indicators"),
        DisplaySpec(
            "triangulation",
            "displays.title_triangulation_technique",
            ("by",),
            (("by", ("technique", "group")),),
        ),
        DisplaySpec("frequency", "displays.title_frequency"),
        DisplaySpec(
            "cooccurrence",
            "displays.title_cooccurrence",
            ("level",),
            (("level", ("dimension", "indicator")),),
        ),
        DisplaySpec("contrast", "displays.title_contrast"),
        DisplaySpec("quotes", "displays.title_quotes", ("code", "informant", "polarity")),
        DisplaySpec("conclusions", "displays.title_conclusions"),
        # The chapter's first table, a reference list rather than a display of codings.
        DisplaySpec("informants", "displays.title_informants"),
    )
}

# kind → module computing it; each module has ``build(store, codebook, settings, **options)``.
_MODULES = {
    "informants": "informants",
    "informant-dimension": "matrix",
    "findings": "findings",
    "factors": "factors",
    "efforts": "efforts",
    "indicators": "indicators",
    "triangulation": "triangulation",
    "frequency": "frequency",
    "cooccurrence": "cooccurrence",
    "contrast": "contrast",
    "quotes": "quotes",
    "conclusions": "conclusion_table",
}


def available_displays() -> list[tuple[str, str]]:
    """Return (kind, translated title) of every display, in pipeline order."""
    return [(spec.kind, t(spec.title_key)) for spec in DISPLAYS.values()]


def build_display(project: Project, kind: str, **options: str | None) -> Table:
    """Compute one display of a project; DisplayError names an unknown kind, option or value.

    An option given as None means "the default" (so a CLI may pass every flag it has).
    """
    spec = DISPLAYS.get(kind)
    if spec is None:
        raise DisplayError(
            t("displays.unknown_kind", kind=kind),
            t("displays.known_kinds", kinds=", ".join(DISPLAYS)),
        )
    given = {name: value for name, value in options.items() if value is not None}
    for name, value in given.items():
        if name not in spec.options:
            accepted = ", ".join(spec.options) or t("displays.no_options")
            raise DisplayError(
                t("displays.unknown_option", kind=kind, option=name),
                t("displays.known_options", options=accepted),
            )
        allowed = spec.choices_of(name)
        if allowed and value not in allowed:
            raise DisplayError(
                t("displays.bad_choice", kind=kind, option=name, value=value),
                t("displays.choices", choices=", ".join(allowed)),
            )
    module = import_module(f"qualcode.core.displays.{_MODULES[kind]}")
    with _bulk():
        return module.build(project.store, project.codebook, project.settings, **given)


def quotes_of(project: Project, codings: Iterable[int]) -> Table:
    """The quote table of some codings (a cell's ``codings``): a drill-down, an export appendix."""
    from qualcode.core.displays import quotes

    with _bulk():
        return quotes.build(
            project.store, project.codebook, project.settings, only=frozenset(codings)
        )


@contextmanager
def _bulk() -> Iterator[None]:
    """Pause the cyclic garbage collector while a display allocates its ~10^5 small objects.

    They hold no reference cycles, yet the collector would run every 700 allocations and walk
    them again as they age into older generations: at 20,000 codings pausing it cuts the quote
    table from ~250 to ~170 ms. The previous state is restored; the collector then scans the
    new objects once.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
