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
        missing = codes_missing(project, reload=True)
    except QualcodeError as exc:
        return [*found, f"codebook: {exc.message}"]
    if missing:
        found.append("codings on codes the codebook lacks: " + ", ".join(missing))
    return found


def codes_missing(project, *, reload: bool = False) -> list[str]:
    """Codes that codings use but the codebook file lacks (the file and store out of step)."""
    codebook = project.reload_codebook() if reload else project.codebook
    known = {code.id for code in codebook.all_codes()}
    used = [row[0] for row in project.store.query("SELECT DISTINCT code_id FROM codings")]
    return sorted(code for code in used if code not in known)
