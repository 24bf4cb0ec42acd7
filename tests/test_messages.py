"""Every message the code asks for exists, in both languages, in a catalogue that loads."""

from __future__ import annotations

import ast
import importlib
import itertools
import re
from pathlib import Path

import pytest
import yaml

from qualcode.i18n import LANGUAGES, has, t

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = sorted((ROOT / "qualcode" / "i18n" / "catalog").glob("*.yaml"))
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z_0-9]+)["']""")
# click.yaml translates click's own English messages, keyed by that text; click looks them up.
BY_LIBRARY = {"click"}
# A key built at run time (an f-string "area.prefix_{value}") is declared beside it, on the
# statement's lines or the comment lines above, as "# keys: area.prefix_{a,b,c}": each {…} lists the
# values, or names a constant of the module ({POLARITIES}); a trailing "?" marks keys the code
# looks up only when they exist (has()); {key()} stands for every binding id given to
# qualcode.tui.keys.key().
DECLARED = re.compile(r"#\s*keys:\s*(.+)$")
COMPOUND = (
    ast.FunctionDef,
    ast.AsyncFunctionDef,
    ast.ClassDef,
    ast.If,
    ast.For,
    ast.While,
    ast.With,
    ast.Try,
)


def _used_keys() -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / "qualcode").rglob("*.py")):
        for match in LITERAL_KEY.finditer(path.read_text(encoding="utf-8")):
            found.append((match.group(1), str(path.relative_to(ROOT))))
    return found


def test_every_literal_message_key_exists():
    used = _used_keys()
    assert len(used) > 300
    assert [(key, where) for key, where in used if not has(key)] == []


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.name)
def test_each_catalogue_has_string_keys_and_both_languages(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    # YAML 1.1 reads a bare `yes:`/`no:`/`on:` key as a boolean; the lookup would then miss it.
    assert [key for key in data if not isinstance(key, str)] == []
    # click.yaml is keyed by click's own English text, so it carries only the Indonesian.
    expected = {"id"} if path.name == "click.yaml" else set(LANGUAGES)
    incomplete = [key for key, entry in data.items() if set(entry) != expected]
    assert incomplete == []


def test_a_confirmation_speaks_indonesian_by_default_and_english_on_request():
    assert (t("tui.yes"), t("tui.no")) == ("Ya", "Tidak")
    assert (t("tui.yes", lang="en"), t("tui.no", lang="en")) == ("Yes", "No")


def test_ingest_errors_speak_indonesian_by_default(tmp_path):
    from qualcode.core.ingest.parse import parse_file
    from qualcode.errors import IngestError
    from qualcode.i18n import get_language

    assert get_language() == "id"
    (tmp_path / "kosong.txt").write_bytes(b"\xef\xbb\xbf \r\n")
    with pytest.raises(IngestError) as empty:
        parse_file(tmp_path / "kosong.txt")
    assert empty.value.message.endswith("kosong.txt kosong.")
    with pytest.raises(IngestError) as missing:
        parse_file(tmp_path / "hilang.txt")
    assert missing.value.message.endswith("hilang.txt tidak ditemukan.")


def _catalogue() -> set[str]:
    keys = set()
    for path in CATALOGS:
        if path.stem not in BY_LIBRARY:
            keys |= {f"{path.stem}.{name}" for name in yaml.safe_load(path.read_text("utf-8"))}
    return keys


def _module_of(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _binding_ids() -> set[str]:
    """Every literal id given to key() (the footer and palette labels of a binding)."""
    ids = set()
    for path in (ROOT / "qualcode" / "tui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "key"
                and len(node.args) >= 3
                and isinstance(node.args[2], ast.Constant)
            ):
                ids.add(node.args[2].value)
    return ids


def _expand(pattern: str, path: Path) -> list[str]:
    """The keys of one declared pattern: every combination of its {…} alternatives."""
    pieces = re.split(r"\{([^}]*)\}", pattern)
    choices: list[list[str]] = []
    for n, piece in enumerate(pieces):
        if n % 2 == 0:
            choices.append([piece])
        elif piece == "key()":
            choices.append(sorted(_binding_ids()))
        elif "," in piece or not piece.isupper():
            choices.append(piece.split(","))
        else:
            value = getattr(importlib.import_module(_module_of(path)), piece)
            choices.append([str(v) for v in value])
    return ["".join(combo) for combo in itertools.product(*choices)]


def _code_keys() -> tuple[set[str], set[str], set[str], list[str]]:
    """What the code asks the catalogue for: keys it needs (literal t()/has() arguments and
    declared builds), keys it may use (any string constant, optional builds), undeclared builds."""
    areas = {path.stem for path in CATALOGS}
    needed: set[str] = set()
    mentioned: set[str] = set()
    optional: set[str] = set()
    undeclared: list[str] = []
    for path in sorted((ROOT / "qualcode").rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        tree = ast.parse(source)
        pieces = {
            id(part)
            for node in ast.walk(tree)
            if isinstance(node, ast.JoinedStr)
            for part in node.values
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if id(node) not in pieces:
                    mentioned.add(node.value)
            elif (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) in ("t", "has")
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                needed.add(node.args[0].value)
        for statement in ast.walk(tree):
            if not isinstance(statement, ast.stmt) or isinstance(statement, COMPOUND):
                continue
            built = [
                node
                for node in ast.walk(statement)
                if isinstance(node, ast.JoinedStr)
                and node.values
                and isinstance(node.values[0], ast.Constant)
                and "." in node.values[0].value
                and node.values[0].value.split(".", 1)[0] in areas
            ]
            if not built:
                continue
            first = statement.lineno - 1
            while first > 0 and lines[first - 1].strip().startswith("#"):
                first -= 1  # the comment lines right above the statement
            span = lines[first : statement.end_lineno]
            declared = [m.group(1) for line in span if (m := DECLARED.search(line))]
            if not declared:
                where = f"{path.relative_to(ROOT)}:{statement.lineno}"
                undeclared += [f"{where} {ast.unparse(node)}" for node in built]
            for pattern in " ".join(declared).split():
                keys = _expand(pattern.rstrip("?"), path)
                (optional if pattern.endswith("?") else needed).update(keys)
    return needed, mentioned | optional, undeclared


def test_every_key_built_at_run_time_is_declared_beside_it():
    assert _code_keys()[2] == []


def test_every_key_the_code_needs_exists_and_every_catalogue_key_is_used():
    catalogue = _catalogue()
    needed, mentioned, _ = _code_keys()
    assert len(needed) > 300
    assert sorted(needed - catalogue) == []
    assert sorted(catalogue - needed - mentioned) == []
