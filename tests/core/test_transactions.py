"""One error shape and one transaction owner (issue 19): every refusal a view catches is a
``DomainError``, and a refusal inside a ``@use_case`` leaves nothing half-made in the
session, so no view ever rolls back."""

import ast
import importlib
from pathlib import Path

import pytest
import sqlalchemy as sa

from app.accounts.models import Institution
from app.core.errors import DomainError
from app.core.transactions import use_case
from app.extensions import db

APP = Path(__file__).resolve().parents[2] / "app"


class Refused(Exception):
    pass


@use_case
def _add_then_refuse(region_id: int) -> None:
    db.session.add(Institution(name="Half-made School", kind="school", region_id=region_id))
    db.session.flush()
    raise Refused


def test_a_refused_use_case_leaves_nothing_behind(db, region):
    with pytest.raises(Refused):
        _add_then_refuse(region.id)
    assert not db.session.new and not db.session.dirty
    db.session.commit()  # what a view would do next writes nothing of it
    count = sa.select(sa.func.count()).where(Institution.name == "Half-made School")
    assert db.session.scalar(count) == 0


def _view_modules() -> list[Path]:
    names = ("views.py", "api.py")
    return [
        p
        for p in APP.rglob("*.py")
        if p.name in names or "views" in p.parts or p.name.endswith("_views.py")
    ]


def test_no_view_rolls_back():
    calls = [
        f"{path.relative_to(APP)}:{node.lineno}"
        for path in _view_modules()
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Attribute) and node.attr == "rollback"
    ]
    assert _view_modules() and not calls, calls


def _caught(node: ast.ExceptHandler) -> list[ast.expr]:
    if node.type is None:
        return []
    return list(node.type.elts) if isinstance(node.type, ast.Tuple) else [node.type]


def _resolve(module, expression: ast.expr):
    names = []
    while isinstance(expression, ast.Attribute):
        names.insert(0, expression.attr)
        expression = expression.value
    if not isinstance(expression, ast.Name):
        return None
    found = getattr(module, expression.id, None)
    for name in names:
        found = getattr(found, name, None)
    return found


def test_every_refusal_a_view_catches_is_a_domain_error():
    caught = {}
    for path in _view_modules():
        dotted = ".".join(path.relative_to(APP.parent).with_suffix("").parts)
        module = importlib.import_module(dotted.removesuffix(".__init__"))
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ExceptHandler):
                for expression in _caught(node):
                    error = _resolve(module, expression)
                    if isinstance(error, type) and error.__module__.startswith("app."):
                        caught[f"{path.relative_to(APP)}:{node.lineno}"] = error
    assert len(set(caught.values())) >= 6  # the walk found the areas' refusals
    wrong = {where: error for where, error in caught.items() if not issubclass(error, DomainError)}
    assert not wrong, wrong
