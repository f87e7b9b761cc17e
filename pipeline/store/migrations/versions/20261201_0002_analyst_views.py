"""analyst views: flagged_comments, contact_sightings, campaign_summary; report index

Portable SQL (runs unchanged on SQLite and PostgreSQL): no JSON operators, no string
aggregation, booleans exposed as 1/0. Documented in docs/schema.md.

``ix_comments_status`` (id, site_id, first_seen_at, removed_at) lets "is this flagged
comment live, and where" be answered from a small index instead of the wide comments
table: the report's live-scam queries walk the verdict index and look each comment up by
id (3-4x faster on a million comments).

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 22:05:00
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

FLAGGED_COMMENTS = """
CREATE VIEW flagged_comments AS
SELECT c.id AS comment_id,
       s.name AS site,
       p.url AS page_url,
       c.permalink,
       c.author,
       c.posted_at,
       c.first_seen_at,
       c.last_seen_at,
       c.removed_at,
       CASE WHEN c.removed_at IS NULL THEN 1 ELSE 0 END AS live,
       v.verdict,
       v.score,
       v.reasons,
       v.ruleset_version,
       v.analysed_at,
       cm.campaign_id,
       c.text
FROM comments c
JOIN verdicts v ON v.comment_id = c.id
JOIN sites s ON s.id = c.site_id
JOIN pages p ON p.id = c.page_id
LEFT JOIN campaign_members cm ON cm.comment_id = c.id
WHERE v.verdict IN ('scam', 'spam', 'suspicious')
"""

CONTACT_SIGHTINGS = """
CREATE VIEW contact_sightings AS
SELECT ct.id AS contact_id,
       ct.kind,
       ct.value,
       ct.domain AS contact_domain,
       ct.first_seen_at AS contact_first_seen_at,
       cc.raw,
       cc.obfuscated,
       cc.channels,
       cc.start AS span_start,
       cc."end" AS span_end,
       c.id AS comment_id,
       s.name AS site,
       p.url AS page_url,
       c.permalink,
       c.author,
       c.first_seen_at,
       c.removed_at,
       CASE WHEN c.removed_at IS NULL THEN 1 ELSE 0 END AS live,
       v.verdict,
       cm.campaign_id
FROM comment_contacts cc
JOIN contacts ct ON ct.id = cc.contact_id
JOIN comments c ON c.id = cc.comment_id
JOIN sites s ON s.id = c.site_id
JOIN pages p ON p.id = c.page_id
LEFT JOIN verdicts v ON v.comment_id = c.id
LEFT JOIN campaign_members cm ON cm.comment_id = c.id
"""

CAMPAIGN_SUMMARY = """
CREATE VIEW campaign_summary AS
SELECT ca.id AS campaign_id,
       ca.label,
       ca.first_seen_at,
       ca.last_seen_at,
       COUNT(c.id) AS comments,
       SUM(CASE WHEN c.id IS NOT NULL AND c.removed_at IS NULL THEN 1 ELSE 0 END)
           AS live_comments,
       COUNT(DISTINCT c.site_id) AS sites,
       (SELECT COUNT(DISTINCT cc.contact_id)
          FROM comment_contacts cc
          JOIN campaign_members m ON m.comment_id = cc.comment_id
         WHERE m.campaign_id = ca.id) AS contacts,
       (SELECT COUNT(DISTINCT cl.disease)
          FROM claims cl
          JOIN campaign_members m ON m.comment_id = cl.comment_id
         WHERE m.campaign_id = ca.id) AS diseases,
       MIN(c.first_seen_at) AS first_comment_at,
       MAX(c.last_seen_at) AS last_comment_seen_at
FROM campaigns ca
LEFT JOIN campaign_members cm ON cm.campaign_id = ca.id
LEFT JOIN comments c ON c.id = cm.comment_id
GROUP BY ca.id, ca.label, ca.first_seen_at, ca.last_seen_at
"""

VIEWS = ("flagged_comments", "contact_sightings", "campaign_summary")


def upgrade() -> None:
    op.create_index("ix_comments_status", "comments",
                    ["id", "site_id", "first_seen_at", "removed_at"])
    op.execute(FLAGGED_COMMENTS)
    op.execute(CONTACT_SIGHTINGS)
    op.execute(CAMPAIGN_SUMMARY)


def downgrade() -> None:
    for name in reversed(VIEWS):
        op.execute(f"DROP VIEW IF EXISTS {name}")
    op.drop_index("ix_comments_status", table_name="comments")
