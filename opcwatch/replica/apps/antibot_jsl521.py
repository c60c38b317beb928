"""jsl521.antibot.example: see opcwatch/replica/antibot_pages.py."""

from __future__ import annotations

from opcwatch.replica.antibot_pages import ChallengeApp, jsl521


def make_app(day: int) -> ChallengeApp:
    app = jsl521()
    app.set_day(day)
    return app
