"""Is a project whole? The store passes SQLite's check, every coding's code is in the codebook
file, and no file change is left pending. Used by the crash tests and the crash benchmark."""

from __future__ import annotations

from qualcode.errors import QualcodeError


def problems(project) -> list[str]:
    """Every way the open project is not consistent (an empty list when it is)."""
    store = project.store
    found: list[str] = []
    check = store.scalar("PRAGMA integrity_check")
    if check != "ok":
        found.append(f"integrity_check: {check}")
    pending = store.scalar("SELECT count(*) FROM pending_files")
    if pending and not store.readonly:
        found.append(f"{pending} file change(s) still pending")
    try:
        known = {code.id for code in project.reload_codebook().all_codes()}
    except QualcodeError as exc:
        return [*found, f"codebook: {exc.message}"]
    used = [row[0] for row in store.query("SELECT DISTINCT code_id FROM codings")]
    missing = sorted(code for code in used if code not in known)
    if missing:
        found.append("codings on codes the codebook lacks: " + ", ".join(missing))
    return found
