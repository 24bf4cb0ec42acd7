"""README.md is a contract: every command is documented there, and its tour runs as written."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import click

from qualcode.cli import load_commands, run

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "qualcode") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        found.append((path, command))
        if isinstance(command, click.Group):
            found.extend(_commands(command, path))
    return found


def test_every_command_has_help_and_is_in_the_readme():
    commands = _commands(load_commands())
    assert len(commands) > 25
    assert [path for path, command in commands if not (command.help or "").strip()] == []
    missing = [
        path
        for path, _ in commands
        if not re.search(rf"(^|\s|`){re.escape(path)}(\s|`|$)", README, re.M)
    ]
    assert missing == [], "commands missing from README.md"


def test_quick_start_has_exactly_the_two_contract_commands():
    lines = [line for line in README.splitlines() if line.startswith("$ ")]
    assert lines == [
        "$ python3 -m venv .venv && . .venv/bin/activate && pip install -e . && qualcode",
        "$ python3 -m venv .venv && . .venv/bin/activate"
        ' && pip install -e ".[test]" && python -m pytest',
    ]


def test_the_readme_tour_runs_on_a_copy_of_the_demo(tmp_path, monkeypatch, capsys):
    for name in ("transcripts", "codebooks"):
        shutil.copytree(ROOT / name, tmp_path / name)
    for name in ("qualcode.yaml", "codings.yaml"):
        shutil.copy(ROOT / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    tour = [
        re.sub(r"\s+#\s.*$", "", line.strip()).replace('"..."', '"teks uji"')
        for line in README.splitlines()
        if line.startswith("    qualcode ")
    ]
    assert len(tour) > 30
    for line in tour:
        try:
            run(shlex.split(line)[1:])
            code = 0
        except SystemExit as exc:
            code = exc.code
        captured = capsys.readouterr()
        assert code == 0, f"{line}\n{captured.err[-500:]}"
    assert list((tmp_path / "exports").glob("*.docx"))


def test_every_exit_code_is_documented_and_every_error_class_has_one():
    import qualcode.errors as errors

    classes = [
        value
        for value in vars(errors).values()
        if isinstance(value, type) and issubclass(value, errors.QualcodeError)
    ]
    assert {cls.exit_code for cls in classes} <= set(errors.EXIT_CODES)
    undocumented = [code for code in errors.EXIT_CODES if f"\n| {code} |" not in README]
    assert undocumented == []
