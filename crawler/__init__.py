"""The Scrapy project: spiders locate comments, the item pipeline hands them to ``pipeline``."""
