"""Alerts: subscriptions (subscriptions.py), Chinese rendering (render.py), the delivery ledger
and Apprise sends (deliver.py, channel.py), and the local ``outbox://`` channel (outbox.py)."""
