"""Our own format: a quiz's questions as YAML, in the curriculum's shape (quizzes/README.md).

It carries every question kind the registry knows, case studies included, so it is the
lossless export of a teacher's quiz and the way to move one between servers. The import
takes a whole quiz file or just its ``questions`` list, and checks each question as the
editor does (a text in one language is enough).
"""

import yaml

from app.i18n import _

from ..content import YAML_LOADER, draft_question_problems
from ..kinds import kind_named
from .common import (
    MAX_QUESTIONS,
    Imported,
    Problem,
    check_language,
    guarded,
    nothing_found,
    readable_text,
    too_many,
)


def to_yaml(questions: list[dict], cases: list[dict] = ()) -> str:
    document = {"cases": list(cases), "questions": questions} if cases else {"questions": questions}
    return yaml.dump(document, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=100)


class _NoAliases(yaml.SafeDumper):
    """Writes a part shared by two questions twice rather than as an alias, which
    parse_yaml refuses."""

    def ignore_aliases(self, data) -> bool:
        return True


@guarded
def parse_yaml(text: str, language: str) -> Imported:
    """Every text names its language, so `language` is only taken for the common signature."""
    check_language(language)
    result = Imported()
    text = readable_text(text)
    try:
        if alias := _first_alias(text):
            message = _(
                "The YAML repeats a part with an alias (*name); write each question out in full."
            )
            result.errors.append(Problem(alias.start_mark.line + 1, message))
            return result
        node = yaml.compose(text, Loader=YAML_LOADER)
        data = yaml.load(text, Loader=YAML_LOADER)  # noqa: S506 - the safe loader
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        result.errors.append(Problem(mark.line + 1 if mark else 1, _("The YAML is broken.")))
        return result
    questions, nodes = _questions(data, node)
    if questions is None:
        result.errors.append(Problem(1, _("The file must hold a list of questions.")))
        return result
    if not questions:
        result.errors.append(nothing_found())
        return result
    if len(questions) > MAX_QUESTIONS:
        result.errors.append(too_many(nodes[MAX_QUESTIONS].start_mark.line + 1))
        return result
    for question, question_node in zip(questions, nodes, strict=True):
        line = question_node.start_mark.line + 1
        problems = _problems(question)
        result.errors.extend(Problem(line, message) for message in problems)
        if not problems:
            result.questions.append(question)
    if not result.errors:
        result.cases = data.get("cases", []) if isinstance(data, dict) else []
    return result


def _first_alias(text: str):
    """The first alias event, read from the flat event stream: an alias repeats a part
    without its size in the file, so ten lines of aliases can stand for a billion texts
    (a "billion laughs" file) that every later check would walk. No quiz needs one."""
    return next(
        (
            event
            for event in yaml.parse(text, Loader=YAML_LOADER)
            if isinstance(event, yaml.AliasEvent)
        ),
        None,
    )


def _questions(data, node):
    if isinstance(data, dict) and isinstance(data.get("questions"), list):
        key = next(value for name, value in node.value if name.value == "questions")
        return data["questions"], key.value
    if isinstance(data, list):
        return data, node.value
    return None, []


def _problems(question) -> list[str]:
    if not isinstance(question, dict) or kind_named(str(question.get("type"))) is None:
        return [_("Each question needs a known type.")]
    return [str(problem) for problem in draft_question_problems(question)]
