"""The campaign-linking knobs stored with the linking state (table ``campaign_settings``).

Representatives, LSH bands and memberships depend on the threshold and shingling they were
computed with. A relink from scratch may choose new knobs (``campaigns relink
--threshold``); it records them, and every later incremental relink (after a crawl, an
``analyze --store`` or a rescan) reads them back, so incremental and full linking keep
giving the same campaigns. No row (state built before the table existed, or nothing
linked yet) means :class:`LinkConfig` defaults.
"""

from __future__ import annotations

import json

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pipeline.campaigns.linking import LinkConfig
from pipeline.store import models as m

__all__ = ["SETTING_NAME", "load_config", "save_config"]

#: Row that holds the linking knobs (JSON of :meth:`LinkConfig.as_dict`).
SETTING_NAME = "link_config"


def load_config(session: Session) -> LinkConfig:
    """Return the knobs the stored state was built with (defaults when none are stored).

    Raises:
        ValueError: the stored row is not a valid configuration (edited by hand).
    """
    raw = session.scalar(select(m.CampaignSetting.value)
                         .where(m.CampaignSetting.name == SETTING_NAME))
    if raw is None:
        return LinkConfig()
    try:
        values = json.loads(raw)
        if not isinstance(values, dict):
            raise TypeError("not a JSON object")
        return LinkConfig.from_dict(values)
    except (json.JSONDecodeError, TypeError, ValueError) as exc:
        raise ValueError(
            f"campaign_settings.{SETTING_NAME} is not a valid linking configuration: {exc}"
        ) from None


def save_config(session: Session, config: LinkConfig) -> None:
    """Record ``config`` as the knobs of the state being built.

    Written even for the defaults, so a later change of the code's defaults cannot
    silently disagree with state built under the old ones.
    """
    session.execute(delete(m.CampaignSetting).where(m.CampaignSetting.name == SETTING_NAME))
    session.add(m.CampaignSetting(name=SETTING_NAME,
                                  value=json.dumps(config.as_dict(), sort_keys=True)))
    session.flush()
