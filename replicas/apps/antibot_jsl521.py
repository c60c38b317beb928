"""jsl521.antibot.example: see replicas/antibot_pages.py."""

from __future__ import annotations

from replicas.antibot_pages import ChallengeApp, jsl521


def make_app(day: int) -> ChallengeApp:
    app = jsl521()
    app.set_day(day)
    return app
