"""Report fixtures: the sample week written into a fresh database on both engines."""

from __future__ import annotations

import pytest

from tests.reports.sample import Sample, populate


@pytest.fixture
def sample(database) -> Sample:  # type: ignore[no-untyped-def]
    """Write the sample week into ``database`` (SQLite and PostgreSQL); return its ids."""
    return populate(database)


@pytest.fixture
def sample_db(database, sample: Sample):  # type: ignore[no-untyped-def]
    """The ``database`` fixture filled with the sample week."""
    return database
