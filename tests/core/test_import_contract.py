"""The dependency graph of ARCHITECTURE.md, held by a walk over every module's imports.

- An area imports only the areas below it (``ALLOWED``); ``app/__init__.py``, ``app/cli.py``
  and ``app/demo/`` (every demo, which composes the areas' data as cli composes the app) put
  the app together and may import any area (still not another area's views or forms); ``core`` and the shared modules (config,
  extensions, i18n) import no area.
- No area imports another area's views or forms.
- The pure engines import neither Flask nor the database, so they can be tested and
  benchmarked without a server.

Decided here (and in docs/architecture.md): debates may import events, because a
tournament day is an event with check-in; events never import debates.
"""

import ast
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "app"
SHARED = {"config", "extensions", "i18n", "core"}
ALLOWED = {
    "core": set(),
    "accounts": set(),
    "media": set(),
    "gamification": {"accounts"},
    "quizzes": {"accounts", "gamification", "media"},
    "live": {"accounts", "gamification", "quizzes", "media"},
    "events": {"accounts", "gamification"},
    "debates": {"accounts", "gamification", "events"},
    "volunteers": {"accounts", "gamification"},
    "home": {"accounts", "gamification", "quizzes", "live", "events", "volunteers"},
    "dashboard": {"accounts", "gamification", "quizzes", "live", "events", "debates", "volunteers"},
}
AREAS = set(ALLOWED)
COMPOSITION_ROOTS = {"__init__", "cli"}  # app/__init__.py and app/cli.py
# Composers: they may import every area (never its views or forms); no area imports them.
COMPOSERS = {"demo"}
PURE_ENGINES = (
    "debates/draw",
    "debates/allocation.py",
    "debates/standings.py",
    "live/scoring.py",
    "gamification/openbadges.py",
    "gamification/payments.py",
    "gamification/periods.py",
)
IMPURE = ("flask", "flask_", "sqlalchemy", "werkzeug", "app.extensions", "app.i18n")


def _module_name(path: Path) -> list[str]:
    parts = list(path.relative_to(APP.parent).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def imports_of(path: Path, source: str | None = None) -> list[str]:
    """Every module ``path`` (or ``source`` as if it were written there) imports, relative
    imports resolved to absolute names."""
    package = _module_name(path)[:-1] if path.name != "__init__.py" else _module_name(path)
    found = []
    for node in ast.walk(ast.parse(path.read_text() if source is None else source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append(module)
            # "from app.events import views" imports the module app.events.views
            found += [f"{module}.{alias.name}" for alias in node.names]
    return found


def _area(path: Path) -> str:
    return path.relative_to(APP).parts[0].removesuffix(".py")


def _app_modules() -> list[Path]:
    return sorted(APP.rglob("*.py"))


def violations(path: Path, imported: list[str]) -> list[str]:
    area = _area(path)
    if area in COMPOSITION_ROOTS:
        return []
    problems = []
    for name in imported:
        parts = name.split(".")
        if parts[0] != "app" or len(parts) < 2 or parts[1] == area:
            continue
        target = parts[1]
        if area in SHARED and target not in SHARED:
            problems.append(f"{path.relative_to(APP)} imports {name}: shared code imports no area")
        elif target in COMPOSERS:
            problems.append(f"{path.relative_to(APP)} imports {name}: nobody imports {target}")
        elif area in COMPOSERS and target not in SHARED | AREAS:
            problems.append(f"{path.relative_to(APP)} imports {name}: not an area")
        elif area not in SHARED | COMPOSERS and target not in SHARED | ALLOWED[area]:
            problems.append(
                f"{path.relative_to(APP)} imports {name}: {area} may not import {target}"
            )
        elif target not in SHARED and len(parts) > 2 and _is_views_or_forms(parts[2]):
            problems.append(
                f"{path.relative_to(APP)} imports {name}: another area's views or forms"
            )
    return problems


def _is_views_or_forms(module: str) -> bool:
    return module in ("views", "forms", "api") or module.endswith("_views")


def test_every_area_imports_only_what_the_architecture_allows():
    problems = [p for path in _app_modules() for p in violations(path, imports_of(path))]
    assert not problems, "\n".join(problems)


def test_every_area_is_in_the_contract():
    areas = {_area(path) for path in _app_modules()} - COMPOSITION_ROOTS - SHARED - COMPOSERS
    assert areas <= ALLOWED.keys(), f"decide what {areas - ALLOWED.keys()} may import"


@pytest.mark.parametrize("engine", PURE_ENGINES)
def test_the_pure_engines_need_no_flask_and_no_database(engine):
    target = APP / engine
    paths = sorted(target.rglob("*.py")) if target.is_dir() else [target]
    assert paths, engine
    found = [
        f"{path.relative_to(APP)} imports {name}"
        for path in paths
        for name in imports_of(path)
        if name.startswith(IMPURE)
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize(
    ("where", "source", "wrong"),
    [
        ("accounts/models.py", "from app.events.models import Event", "accounts may not"),
        ("media/store.py", "from app.quizzes.models import Quiz", "media may not"),
        ("gamification/services.py", "from app.quizzes import services", "may not import"),
        ("events/services.py", "from app.debates.models import Tournament", "may not import"),
        ("debates/views/setup.py", "from app.events.views import detail", "views or forms"),
        ("core/access.py", "from app.accounts.models import User", "shared code"),
        ("live/scoring.py", "import sqlalchemy as sa", "pure"),
        ("gamification/payments.py", "from app.extensions import db", "pure"),
        ("dashboard/queries.py", "from app.demo.national import Scale", "nobody imports demo"),
        ("demo/basic/events.py", "from app.events.views import bp", "views or forms"),
    ],
)
def test_the_contract_catches_a_deliberately_wrong_import(where, source, wrong):
    """The walk itself: each of these imports, added to a real module, is caught."""
    path = APP / where
    imported = imports_of(path, path.read_text() + "\n" + source + "\n")
    if wrong == "pure":
        assert any(name.startswith(IMPURE) for name in imported)
    else:
        assert any(wrong in problem for problem in violations(path, imported))
