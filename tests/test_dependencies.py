"""Every third-party package the code or the tests import is declared in pyproject.toml."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
FIRST_PARTY = {"qualcode", "tests"}
# Markers pytest itself defines; any other marker comes from a plugin that must be declared.
BUILTIN_MARKERS = {"parametrize", "skip", "skipif", "xfail", "usefixtures", "filterwarnings"}


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement ("ruamel.yaml>=0.18" → "ruamel-yaml")."""
    name = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement).group(0)
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> tuple[set[str], set[str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    runtime = {_name(r) for r in project["dependencies"]}
    test = {_name(r) for r in project["optional-dependencies"]["test"]}
    return runtime, runtime | test


def _imports(folder: str) -> dict[str, str]:
    """Top-level third-party modules imported under a folder, each with one file importing it."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / folder).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".", 1)[0]
                if top not in sys.stdlib_module_names and top not in FIRST_PARTY:
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


@pytest.mark.parametrize("folder", ["qualcode", "tests"])
def test_every_imported_package_is_declared(folder):
    runtime, with_tests = _declared()
    allowed = runtime if folder == "qualcode" else with_tests
    distributions = packages_distributions()
    undeclared = []
    for module, where in sorted(_imports(folder).items()):
        names = {_name(d) for d in distributions.get(module, [module])}
        if not names & allowed:
            undeclared.append(f"{module} ({where}): declare one of {sorted(names)}")
    assert undeclared == []


def test_every_pytest_plugin_a_marker_needs_is_declared():
    """A test marked @pytest.mark.anyio runs only when anyio's pytest plugin is installed."""
    _, with_tests = _declared()
    markers = set()
    for path in (ROOT / "tests").rglob("*.py"):
        markers |= set(re.findall(r"pytest\.mark\.(\w+)", path.read_text(encoding="utf-8")))
    assert "anyio" in markers
    assert sorted(_name(m) for m in markers - BUILTIN_MARKERS if _name(m) not in with_tests) == []
