"""Migrations build the whole schema from nothing, seed the regions, and match the models."""

import warnings

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from app.accounts.models import Region
from app.extensions import db as _db


def test_twenty_regions_with_three_languages(db):
    regions = db.session.scalars(sa.select(Region)).all()
    assert len(regions) == 20
    assert sum(1 for region in regions if region.kind == "city") == 3
    for region in regions:
        assert all(region.name.get(language) for language in ("kk", "ru", "en")), region.code
    names = {region.code: region.name for region in regions}
    assert names["east-kazakhstan"]["kk"] == "Шығыс Қазақстан облысы"
    assert names["almaty"]["en"] == "Almaty"
    assert names["almaty-region"]["ru"] == "Алматинская область"


def _descending_indexes() -> set[str]:
    """Indexes with a descending column (the leaderboards'): alembic cannot reflect their
    ordering on every backend, says so, and would report them as different."""
    return {
        index.name
        for table in _db.metadata.tables.values()
        for index in table.indexes
        if any("DESC" in str(expression) for expression in index.expressions)
    }


def test_models_and_migrations_agree(db):
    with _db.engine.connect() as connection, warnings.catch_warnings():
        warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression")
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, _db.metadata)
    skipped = _descending_indexes()
    assert skipped  # the filter below must not hide everything by accident
    assert [d for d in differences if not (d[0].endswith("_index") and d[1].name in skipped)] == []


def test_descending_board_indexes_exist_in_the_database(db):
    indexes = {ix["name"] for ix in sa.inspect(_db.engine).get_indexes("point_totals")}
    assert _descending_indexes() <= indexes
