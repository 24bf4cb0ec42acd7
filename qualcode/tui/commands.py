"""The command palette: every bound action of every stage, titled "group: verb", plus extras.

Commands are generated from ``BINDINGS`` (app, stage screens and the widgets a screen lists in
``PALETTE_WIDGETS``) so the palette never drifts from the keys; a stage screen may add commands
that have no key through ``palette_extras`` (e.g. "ekspor: matriks faktor ke DOCX").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

from qualcode.i18n import t
from qualcode.tui.keys import key_names


@dataclass(frozen=True, slots=True)
class PaletteCommand:
    """One palette entry: its title, a help line, where it runs and which action it runs."""

    title: str
    help: str
    mode: str | None
    target: type | None
    action: str


def _bindings(cls: type) -> Iterator[Binding]:
    for item in getattr(cls, "BINDINGS", ()):
        if isinstance(item, Binding) and item.id and item.tooltip:
            yield item


def collect_commands(app: Any) -> list[PaletteCommand]:
    """Return every command the palette offers, app-wide ones first, then stage by stage."""
    commands: list[PaletteCommand] = []
    for binding in _bindings(type(app)):
        commands.append(_from_binding(app, binding, None, None))
    for mode in app.stages:
        screen_cls = app.MODES[mode]
        for binding in _bindings(screen_cls):
            commands.append(_from_binding(app, binding, mode, None))
        for widget_cls in getattr(screen_cls, "PALETTE_WIDGETS", ()):
            for binding in _bindings(widget_cls):
                commands.append(_from_binding(app, binding, mode, widget_cls))
        extras = getattr(screen_cls, "palette_extras", None)
        if extras is not None:
            for title, help_text, action in extras(app):
                commands.append(PaletteCommand(title, help_text, mode, None, action))
    seen: set[str] = set()
    unique = []
    for command in commands:
        if command.title not in seen:
            seen.add(command.title)
            unique.append(command)
    return unique


def _from_binding(
    app: Any, binding: Binding, mode: str | None, target: type | None
) -> PaletteCommand:
    keys = key_names(app, binding)
    return PaletteCommand(
        binding.tooltip, t("tui.palette_key", keys=keys), mode, target, binding.action
    )


async def run_command(app: Any, command: PaletteCommand) -> None:
    """Switch to the command's stage if needed, then run its action where it is declared."""
    namespace: Any = app
    if command.mode is not None:
        if app.current_mode != command.mode:
            await app.show_mode(command.mode)
        namespace = app.get_screen_for_mode(command.mode)
        if command.target is not None:
            matches = namespace.query(command.target)
            if not matches:
                return
            namespace = matches.first()
            namespace.focus()
    await app.run_action(command.action, namespace)


class WorkbenchCommands(Provider):
    """Palette provider over ``collect_commands``."""

    def _commands(self) -> list[PaletteCommand]:
        if getattr(self.app, "project", None) is None:
            return []
        return collect_commands(self.app)

    def _runner(self, command: PaletteCommand) -> Callable[[], Any]:
        return partial(run_command, self.app, command)

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.title, self._runner(command), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.title),
                    self._runner(command),
                    help=command.help,
                )
