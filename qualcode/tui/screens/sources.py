"""Stage 1 — Sumber: the sources and informants of the project; import; informant attributes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Label, Static

from qualcode.core.store import sources as repo
from qualcode.i18n import t
from qualcode.tui.guard import guarded
from qualcode.tui.keys import key
from qualcode.tui.screens.base import StageScreen
from qualcode.tui.widgets.listing import ListingTable


class SourcesScreen(StageScreen):
    """Sources (left) and informants (right); Enter opens a source for coding."""

    STAGE = "sources"
    BINDINGS: ClassVar[list[BindingType]] = [
        key("i", "import_files", "sources.import"),
        key("e", "edit_informant", "sources.edit_informant"),
        key("o", "open_source", "sources.open"),
        key("ctrl+r", "reload", "sources.reload", show=False),
    ]

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="sources-panes"):
            with Vertical(id="sources-left"):
                yield Label(t("tui_sources.sources_title"), classes="pane-title")
                yield ListingTable(id="sources-table")
                yield Static("", id="source-detail", markup=False)
            with Vertical(id="sources-right", classes="side-pane"):
                yield Label(t("tui_sources.informants_title"), classes="pane-title")
                yield ListingTable(id="informants-table")

    @property
    def sources_table(self) -> ListingTable:
        return self.query_one("#sources-table", ListingTable)

    @property
    def informants_table(self) -> ListingTable:
        return self.query_one("#informants-table", ListingTable)

    # -- data -------------------------------------------------------------------------------
    def refresh_data(self) -> None:
        from qualcode.core.sources.attention import needing_attention
        from qualcode.core.store.codings import coding_counts_per_source, units_per_source

        store = self.store
        informants = repo.informants(store)
        by_id = {i.id: i for i in informants}
        sources = repo.sources(store, with_text=False)
        per_source = Counter(coding_counts_per_source(store))
        units = units_per_source(store)
        odd = {(a.kind, a.ref) for a in needing_attention(store)}  # shown with a ⚠
        self._source_ids = [s.id for s in sources]
        per_informant: Counter[int] = Counter()
        sources_of: Counter[int] = Counter()
        rows = []
        for src in sources:
            sentences, turns = units.get(src.id, (0, 0))
            informant = by_id.get(src.informant_id) if src.informant_id else None
            if informant is not None:
                per_informant[informant.id] += per_source[src.id]
                sources_of[informant.id] += 1
            no_informant = "⚠ —" if ("source", src.path) in odd else "—"
            # keys: tui.technique_{wawancara,observasi,dokumentasi}
            cells = (
                src.name,
                t(f"tui.technique_{src.technique}"),
                informant.code if informant else no_informant,
                src.date or "",
                str(turns),
                str(sentences),
                str(per_source[src.id]),
                str(len(src.warnings)) if src.warnings else "",
            )
            rows.append((str(src.id), cells))
        table = self.sources_table
        table.show_rows(
            [
                t("tui_sources.col_source"),
                t("tui_sources.col_technique"),
                t("tui_sources.col_informant"),
                t("tui_sources.col_date"),
                t("tui_sources.col_turns"),
                t("tui_sources.col_sentences"),
                t("tui_sources.col_codings"),
                t("tui_sources.col_warnings"),
            ],
            rows,
            table.cursor_row,
        )
        itable = self.informants_table
        itable.show_rows(
            [
                t("tui_sources.col_code"),
                t("tui_sources.col_pseudonym"),
                t("tui_sources.col_role"),
                t("tui_sources.col_group"),
                t("tui_sources.col_category"),
                t("tui_sources.col_sources"),
                t("tui_sources.col_codings"),
            ],
            [
                (
                    informant.code,
                    (
                        ("⚠ " if ("informant", informant.code) in odd else "") + informant.code,
                        informant.pseudonym,
                        informant.role,
                        informant.group,
                        informant.category,
                        str(sources_of[informant.id]),
                        str(per_informant[informant.id]),
                    ),
                )
                for informant in informants
            ],
            itable.cursor_row,
        )
        counts = repo.counts(store)
        self.status.show(
            left=t("tui_sources.hint") if sources else t("tui_sources.empty"),
            right=t("tui.totals", **counts),
        )
        self._show_detail()
        self.mark_seen()

    def selected_source_id(self) -> int | None:
        """Return the id of the source under the cursor, if any."""
        table = self.sources_table
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key((table.cursor_row, 0))
        return int(row_key.value) if row_key.value is not None else None

    def selected_informant(self) -> str | None:
        """Return the code of the informant the cursor shows: the row of the informants table,
        or the informant of the source row when the sources table has the focus."""
        if self.sources_table.has_focus:
            source_id = self.selected_source_id()
            src = repo.source_by_id(self.store, source_id) if source_id is not None else None
            if src is None or src.informant_id is None:
                return None
            informant = repo.informant_by_id(self.store, src.informant_id)
            return informant.code if informant else None
        table = self.informants_table
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key((table.cursor_row, 0))
        return row_key.value

    @on(DataTable.RowHighlighted, "#sources-table")
    def _show_detail(self) -> None:
        source_id = self.selected_source_id()
        detail = self.query_one("#source-detail", Static)
        if source_id is None:
            detail.update("")
            return
        src = repo.source_by_id(self.store, source_id)
        if src is None:
            return
        lines = [t("tui_sources.detail", path=src.path, encoding=src.encoding, version=src.version)]
        lines += [f"⚠ {w}" for w in src.warnings]
        detail.update("\n".join(lines))

    # -- actions ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "import_files" and self.project.readonly:
            return False
        if action == "edit_informant":
            return None if self.informants_table.row_count == 0 or self.project.readonly else True
        if action == "open_source":
            return True if self.sources_table.row_count else None
        return True

    def action_import_files(self) -> None:
        """Ask for a file or folder, then import it with a progress bar."""
        from qualcode.tui.screens.dialogs.importing import ImportDialog, ImportProgress

        def chosen(path: str | None) -> None:
            if path:
                self.app.push_screen(ImportProgress(Path(path)), self._imported)

        default = self.project.paths.transcripts
        # The tree starts at the home folder: transcripts usually arrive in Documents/Downloads.
        self.app.push_screen(ImportDialog(str(default), browse_from=Path.home()), chosen)

    def _imported(self, report) -> None:
        self.refresh_data()
        if report is None:
            return
        summary = t(
            "tui_sources.import_done",
            imported=report.count("imported"),
            updated=report.count("updated"),
            unchanged=report.count("unchanged"),
            failed=report.count("failed"),
        )
        if report.cancelled:
            summary += " " + t("tui_sources.import_cancelled")
        self.notify(summary, severity="warning" if report.failed else "information", timeout=8)
        if report.failed:
            lines = "\n".join(f"{r.path}: {r.message}" for r in report.failed)
            from qualcode.tui.screens.dialogs.error import ErrorDialog

            self.app.push_screen(ErrorDialog(t("tui_sources.import_failed"), lines))

    @guarded
    def action_edit_informant(self) -> None:
        """Edit the attributes of the informant under the cursor (undoable)."""
        from qualcode.tui.screens.dialogs.informant import InformantDialog

        code = self.selected_informant()
        if code is None:
            self.notify(t("tui_sources.no_informant_here"), severity="warning")
            return
        informant = repo.informant_by_code(self.store, code)
        if informant is None:
            return

        self.app.push_screen(
            InformantDialog(informant), lambda changes: self._save_informant(code, changes)
        )

    @guarded
    def _save_informant(self, code: str, changes: dict | None) -> None:
        from qualcode.core.sources.informants import code_owner, set_attributes

        if not changes:
            return
        other = code_owner(self.project, code, changes["code"]) if changes.get("code") else None
        if other is not None:
            self._offer_merge(code, other.code, changes)
            return
        updated = set_attributes(self.project, code, **changes)
        self.refresh_data()
        self.notify(t("tui_sources.informant_saved", code=updated.code))

    def _offer_merge(self, code: str, into: str, changes: dict) -> None:
        """The new code belongs to another informant: ask whether they are one person."""
        from qualcode.tui.screens.dialogs.confirm import ConfirmDialog

        question = t("tui_sources.merge_question", code=code, into=into)
        detail = t("tui_sources.merge_detail", code=code, into=into)
        self.app.push_screen(
            ConfirmDialog(question, detail, danger=True),
            lambda yes: self._merge(code, into, changes) if yes else None,
        )

    @guarded
    def _merge(self, code: str, into: str, changes: dict) -> None:
        from qualcode.core.sources.informants import field_label, merge_informants, set_attributes

        rest = {name: value for name, value in changes.items() if name != "code"}
        if rest:  # what the dialog changed on this informant goes with it into the merge
            set_attributes(self.project, code, **rest)
        done = merge_informants(self.project, code, into)
        self.refresh_data()
        kept = "; ".join(
            t("tui_sources.merge_kept", field=field_label(name), kept=value, dropped=dropped)
            for name, value, dropped in done.kept
        )
        self.notify(
            t(
                "tui_sources.merged",
                code=done.merged,
                into=done.into.code,
                n=len(done.sources),
                backup=done.backup or "—",
            )
            + (f" {kept}" if kept else ""),
            timeout=12,
        )

    def action_open_source(self) -> None:
        """Open the source under the cursor in the coding screen."""
        source_id = self.selected_source_id()
        if source_id is None:
            return
        self.app.open_passage(source_id, -1, -1)

    def action_reload(self) -> None:
        self.refresh_data()

    @on(DataTable.RowSelected, "#sources-table")
    def _source_selected(self) -> None:
        self.action_open_source()

    @on(DataTable.RowSelected, "#informants-table")
    def _informant_selected(self) -> None:
        self.action_edit_informant()
