"""ts412.antibot.example: see replicas/antibot_pages.py."""

from __future__ import annotations

from replicas.antibot_pages import ChallengeApp, ts412


def make_app(day: int) -> ChallengeApp:
    app = ts412()
    app.set_day(day)
    return app
