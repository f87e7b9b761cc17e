"""SQL expressions over the models that reports, campaigns and views must agree on."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, case

from pipeline.store.models import Comment

__all__ = ["ONLINE_SINCE_SQL", "online_since"]


def online_since() -> ColumnElement[datetime]:
    """When a comment went online, as far as we know.

    Its posting date when the page gives one earlier than our first sighting (a scam posted
    two years before our first crawl has been up two years), else our first sighting: a
    posting date later than that is not believed (clock skew, or a forged date).
    """
    return case((Comment.posted_at < Comment.first_seen_at, Comment.posted_at),
                else_=Comment.first_seen_at)


#: The same rule in portable SQL, for views (alias ``c`` for ``comments``).
ONLINE_SINCE_SQL = ("CASE WHEN c.posted_at < c.first_seen_at THEN c.posted_at "
                    "ELSE c.first_seen_at END")
