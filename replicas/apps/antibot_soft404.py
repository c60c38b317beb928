"""soft404.antibot.example: see replicas/antibot_pages.py."""

from __future__ import annotations

from replicas.antibot_pages import ChallengeApp, soft404


def make_app(day: int) -> ChallengeApp:
    app = soft404()
    app.set_day(day)
    return app
