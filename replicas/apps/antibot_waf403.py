"""waf403.antibot.example: see replicas/antibot_pages.py."""

from __future__ import annotations

from replicas.antibot_pages import ChallengeApp, waf403


def make_app(day: int) -> ChallengeApp:
    app = waf403()
    app.set_day(day)
    return app
