"""Explains a YAML syntax error in the user's language: what is wrong and how to fix it.

PyYAML words its errors for programmers ("expected <block end>, but found '-'"); students
need "this line is not aligned with the block that starts at line 5". The English text keeps
PyYAML's wording, which readers of YAML documentation will recognise.
"""

from __future__ import annotations

import re

import yaml

from qualcode.core.limits import YamlLimitError
from qualcode.i18n import t

# PyYAML's pure-Python wording first; libyaml (CSafeLoader) words some errors differently and
# leaves out the character, hence the optional groups.
_BAD_START = re.compile(r"found character(?: '(.+)')? that cannot start any token")
_ESCAPE = re.compile(r"found unknown escape character(?: '(.+)')?")
_STRAY = re.compile(r"expected (?:the node content|<block end>), but found '([\]\[{}])'$")


def explain_marked(error: yaml.MarkedYAMLError, line_offset: int = 0) -> tuple[int, str]:
    """Return the 1-based line of a syntax error and its explanation (without a prefix).

    ``line_offset`` is added to every line, for YAML read from the middle of a file.
    """
    mark = error.problem_mark or error.context_mark
    line = (mark.line + 1 if mark else 1) + line_offset
    if isinstance(error, YamlLimitError):
        return line, error.problem or ""
    opened = error.context_mark.line + 1 + line_offset if error.context_mark else line
    key, params = _classify(error.problem or "", error.context or "")
    # keys: yaml_syntax.{alias,bad_start,bad_start_any,brackets,colon,duplicate_anchor,escape}
    # keys: yaml_syntax.{escape_any,indent,no_colon,other,stray,tab,tag,text_after}
    # keys: yaml_syntax.{two_documents,unexpected_end}
    # keys: yaml_syntax.unclosed_{list,mapping,quote}
    return line, t(
        f"yaml_syntax.{key}", original=_original(error, line_offset), line=opened, **params
    )


def explain_reader(
    error: yaml.reader.ReaderError, text: str, line_offset: int = 0
) -> tuple[int, str]:
    """Return the line of a forbidden character and its explanation (without a prefix)."""
    line = text.count("\n", 0, error.position) + 1 + line_offset
    return line, t("yaml_syntax.control_char", code=f"{error.character:04x}")


def _original(error: yaml.MarkedYAMLError, line_offset: int) -> str:
    """PyYAML's own wording, with the line where the construct in trouble began."""
    problem, context = error.problem, error.context
    if context and problem and problem.startswith("but "):
        return f"{context}, {problem}"
    message = problem or context or ""
    if context and error.context_mark and error.problem_mark:
        message += f" ({context} at line {error.context_mark.line + 1 + line_offset})"
    return message


def _classify(problem: str, context: str) -> tuple[str, dict[str, str]]:
    """Name the mistake behind a PyYAML or libyaml problem, with what its explanation needs."""
    if "'\\t'" in problem or "tab character" in problem:
        return "tab", {}
    if problem.startswith("mapping values are not allowed"):
        return "colon", {}
    if problem.startswith("mapping keys are not allowed"):
        return "bad_start", {"char": "?"}
    if match := _BAD_START.match(problem):
        return ("bad_start", {"char": match.group(1)}) if match.group(1) else ("bad_start_any", {})
    if match := _ESCAPE.match(problem):
        return ("escape", {"char": match.group(1)}) if match.group(1) else ("escape_any", {})
    if problem.startswith("found undefined alias"):
        return "alias", {}
    if context.startswith("found duplicate anchor"):
        return "duplicate_anchor", {}
    if problem.startswith("could not determine a constructor for the tag"):
        return "tag", {}
    if "quoted scalar" in context and "end of stream" in problem:
        return "unclosed_quote", {}
    if problem.endswith("but found '<stream end>'"):
        return "unexpected_end", {}
    if match := _STRAY.match(problem):
        return "stray", {"char": match.group(1)}
    if "flow sequence" in context:
        return "unclosed_list", {}
    if "flow mapping" in context:
        return "unclosed_mapping", {}
    if problem == "did not find expected node content":
        return "brackets", {}
    if problem.startswith("expected <block end>, but found '<scalar>'"):
        return "text_after", {}
    if problem.startswith(("expected <block end>", "did not find expected key")) or (
        problem == "did not find expected '-' indicator"
    ):
        return "indent", {}
    if problem == "could not find expected ':'":
        return "no_colon", {}
    if context.startswith("expected a single document"):
        return "two_documents", {}
    return "other", {}
