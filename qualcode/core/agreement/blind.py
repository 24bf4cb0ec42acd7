"""A blind copy for a second coder: the same transcripts and codebook, nothing coded.

The copy is a project folder (qualcode.yaml, codebooks/, transcripts/ and a codings.yaml that
carries only the informants' attributes), written next to its final place and renamed into it
in one step, so a failure never leaves half a copy. The project remembers which sources it
sampled, so ``agreement compare`` compares exactly those.
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from qualcode.core.agreement.session import SAMPLE_META, AgreementError
from qualcode.core.records import Source
from qualcode.core.store import sources as source_repo
from qualcode.i18n import t


@dataclass(frozen=True, slots=True)
class BlindCopy:
    """Where the copy went and which sources it holds."""

    path: Path
    sources: tuple[Source, ...]


def stratified_sample(
    sources: Sequence[Source], strata: dict[int, str], size: int, seed: int
) -> list[Source]:
    """Draw ``size`` sources, each stratum (informant group) in proportion to its share.

    Seats go by largest remainder (ties to the larger stratum, then by name); within a stratum
    the draw is ``random.Random(seed)`` over the sources sorted by path, so a seed repeats.
    """
    if size <= 0:
        raise AgreementError(t("agreement.bad_sample", n=size, total=len(sources)))
    if size > len(sources):
        raise AgreementError(t("agreement.sample_too_big", n=size, total=len(sources)))
    groups: dict[str, list[Source]] = {}
    for src in sorted(sources, key=lambda s: s.path):
        groups.setdefault(strata.get(src.id, ""), []).append(src)
    shares = {g: size * len(members) / len(sources) for g, members in groups.items()}
    seats = {g: int(share) for g, share in shares.items()}
    order = sorted(groups, key=lambda g: (-(shares[g] - seats[g]), -len(groups[g]), g))
    for g in order[: size - sum(seats.values())]:
        seats[g] += 1
    rng = random.Random(seed)
    chosen: set[int] = set()
    for g in sorted(groups):
        chosen.update(s.id for s in rng.sample(groups[g], seats[g]))
    return [s for s in sources if s.id in chosen]


def choose_sources(
    project, refs: Sequence[str] = (), sample: int | None = None, seed: int = 1
) -> list[Source]:
    """The sources named by ``refs``, or a stratified sample of ``sample`` codable sources."""
    store = project.store
    if refs and sample is not None:
        raise AgreementError(t("agreement.sources_or_sample"))
    if refs:
        found: dict[int, Source] = {}
        for ref in refs:
            for src in source_repo.find_sources(store, ref) or [
                source_repo.one_source(store, ref, AgreementError)
            ]:
                found[src.id] = src
        return [s for s in source_repo.sources(store, with_text=False) if s.id in found]
    if sample is None:
        raise AgreementError(t("agreement.sources_or_sample"))
    everything = source_repo.sources(store, with_text=False)
    groups = {i.id: i.group for i in source_repo.informants(store)}
    strata = {s.id: groups.get(s.informant_id or -1, "") or s.technique for s in everything}
    return stratified_sample(everything, strata, sample, seed)


def make_blind_copy(project, out_dir: Path | str, chosen: Sequence[Source]) -> BlindCopy:
    """Write the blind project folder for ``chosen`` and remember the sample in the project."""
    from qualcode.core.codings_file.format import Snapshot, dump
    from qualcode.locations import PROJECT_FILE, SNAPSHOT_FILE, ProjectPaths
    from qualcode.settings import dump_settings

    out = Path(out_dir).resolve()
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise AgreementError(t("agreement.out_exists", path=out), t("agreement.out_exists_hint"))
    if out == project.root or project.root in out.parents:
        raise AgreementError(t("agreement.out_inside", path=out), t("agreement.out_exists_hint"))
    if not chosen:
        raise AgreementError(t("agreement.nothing_to_compare"), t("agreement.sources_hint"))
    codebook = project.codebook_path
    missing = [s.path for s in chosen if not (project.root / s.path).is_file()]
    if missing:
        raise AgreementError(t("agreement.file_missing", paths=", ".join(missing)))
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        staging.chmod(0o755)  # mkdtemp makes it private; the copy is an ordinary folder
        paths = ProjectPaths(staging)
        for folder in (paths.codebooks, paths.transcripts):
            folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(codebook, paths.codebooks / codebook.name)
        for src in chosen:
            place = Path(src.path)
            if place.is_absolute() or ".." in place.parts:  # imported from outside the project
                place = Path("transcripts") / place.name
            target = staging / place
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(project.root / src.path, target)
        settings = replace(
            project.settings,
            title=t("agreement.blind_title", title=project.settings.title),
            codebook=f"codebooks/{codebook.name}",
        )
        (staging / PROJECT_FILE).write_text(dump_settings(settings), encoding="utf-8")
        (staging / ".gitignore").write_text(".qualcode/\n", encoding="utf-8")
        ids = {s.informant_id for s in chosen}
        informants = tuple(
            replace(i, id=0) for i in source_repo.informants(project.store) if i.id in ids
        )
        snapshot = Snapshot(1, settings.title, project.codebook.id, (), (), informants)
        (staging / SNAPSHOT_FILE).write_text(dump(snapshot), encoding="utf-8")
        if out.exists():
            out.rmdir()
        staging.rename(out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    project.store.set_meta(SAMPLE_META, json.dumps([s.path for s in chosen], ensure_ascii=False))
    return BlindCopy(out, tuple(chosen))
