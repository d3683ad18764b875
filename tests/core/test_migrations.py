"""Migrations build the whole schema from nothing, seed the regions, and match the models."""

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


def test_models_and_migrations_agree(db):
    with _db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, _db.metadata)
    assert differences == []
