"""ts412.antibot.example: see opcwatch/replica/antibot_pages.py."""

from __future__ import annotations

from opcwatch.replica.antibot_pages import ChallengeApp, ts412


def make_app(day: int) -> ChallengeApp:
    app = ts412()
    app.set_day(day)
    return app
