"""Placeholder: being written."""

from __future__ import annotations

from crawler.platforms.base import Platform
from crawler.platforms.dom import Page
from crawler.platforms.model import FieldOverrides, PageComments


class Drupal(Platform):
    NAME = "drupal"

    def detect(self, page: Page) -> bool:
        return False

    def extract(self, page: Page, overrides: FieldOverrides | None = None) -> PageComments:
        return self.empty()
