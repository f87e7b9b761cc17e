"""SQL expressions over the models that reports, campaigns and views must agree on."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, case

from pipeline.store.models import Comment

__all__ = ["online_since"]


def online_since() -> ColumnElement[datetime]:
    """When a comment went online, as far as we know.

    Its posting date when the page gives one earlier than our first sighting (a scam posted
    two years before our first crawl has been up two years), else our first sighting: a
    posting date later than that is not believed (clock skew, or a forged date). Migration
    0005 writes the same rule out in SQL for the ``campaign_summary`` view.
    """
    return case((Comment.posted_at < Comment.first_seen_at, Comment.posted_at),
                else_=Comment.first_seen_at)

