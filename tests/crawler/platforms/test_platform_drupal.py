"""Drupal 7 and 8+: ids from anchors or the article, replies in div.indented."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from pipeline.text import html_to_text


def test_drupal7(extract) -> None:
    result = extract("drupal7.html", "https://portal.example/impfungen")
    assert result.platform == "drupal"
    assert [(c.external_id, c.parent_id, c.author) for c in result.comments] == [
        ("501", None, "Klaus M."), ("502", "501", "Redaktion"), ("503", None, "Gast")]
    assert result.comments[0].posted_at == datetime(2023, 10, 2, 8, 15,
                                                    tzinfo=timezone(timedelta(hours=2)))
    assert result.comments[0].permalink == "https://portal.example/comment/501#comment-501"
    texts = [html_to_text(c.html) for c in result.comments]
    assert texts == ["Ich lasse mich jedes Jahr impfen.", "Danke für Ihren Beitrag!",
                     "Wo bekomme ich einen Termin?"]
    assert not any("sachlich" in t or "Antworten" in t for t in texts)
    # the comment pager's page, not the site's article pager
    assert result.comment_pages == ("https://portal.example/impfungen?page=1",)


def test_drupal8(extract) -> None:
    result = extract("drupal8.html", "https://pollen.example/hay-fever")
    assert result.platform == "drupal"
    assert [(c.external_id, c.parent_id, c.author) for c in result.comments] == [
        ("31", None, "Priya"), ("32", "31", "Nurse Kim")]
    assert result.comments[0].posted_at == datetime(2024, 6, 20, 8, 0, tzinfo=UTC)
    assert result.comments[1].author_url == "https://pollen.example/user/12"
    texts = [html_to_text(c.html) for c in result.comments]
    assert texts == ["A steroid nasal spray works best for me.",
                     "Start it two weeks before the season."]
