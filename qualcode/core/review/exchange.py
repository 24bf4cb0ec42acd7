"""Bring a supervisor's reviews into the project: from a copy of the codings file (its
``reviews`` section only; codings, memos and conclusions are never touched)."""

from __future__ import annotations

from pathlib import Path

from qualcode.core.codings_file.reviews import ReviewMerge, merge_reviews
from qualcode.i18n import t


def import_review_file(project, path: Path | str) -> ReviewMerge:
    """Merge the reviews of a codings file (a supervisor's copy) as one undoable event."""
    from qualcode.core.codings_file.io import read_snapshot

    path = Path(path)
    snapshot = read_snapshot(path)
    label = project.paths.relative(path)
    report = ReviewMerge()
    if not snapshot.reviews:
        return report
    store = project.store
    with store.transaction("review.import", t("review.event_import", file=label)) as tx:
        report = merge_reviews(tx, store, snapshot.reviews, "merge")
    return report
