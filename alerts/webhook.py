"""Plain JSON webhooks (``json://``, ``jsons://``) over kept-alive connections: the common case, fast.

Why: Apprise's JSON plugin calls ``requests.request()`` per message, i.e. a new Session, a
proxy and netrc lookup in the environment, URL parsing, and a new TCP (and TLS) connection
every time: about 2.4 ms of CPU per message, where delivering 1,000 a second on two cores
leaves under 1 ms for everything. Here each channel URL is parsed by Apprise's own JSON plugin
once per dispatch, the request is prepared once by ``requests`` (so its headers, auth and query
are the ones Apprise would send), and messages go over kept-alive urllib3 connections per host,
written and read by alerts/webhook_http.py (urllib3's own request machinery cost 0.4 ms a message).

What stays the same as a send through Apprise: the body (Apprise's JSON payload: version,
title, message, attachments, type; title stripped and body right-stripped as Apprise does),
the headers (Apprise's User-Agent and Content-Type, the URL's ``+Header=value`` ones, our
Idempotency-Key, and requests' defaults), basic auth from ``user:password@``, ``-param`` query
values, TLS verification for ``jsons://`` (requests' CA bundle, or REQUESTS_CA_BUNDLE /
CURL_CA_BUNDLE; ``verify=no`` honoured), the ``cto``/``rto`` timeouts, and the error texts
Apprise logs for a refused status or a connection error (so the ledger's ``last_error``, the
retries and the backoff are unchanged).

What goes through Apprise instead (``send`` returns None): anything this path would not do
the same way, i.e. a proxy or a netrc entry for the host in the environment, a method other
than POST, payload extras (``:key=value``), ``retry=``, ``overflow=`` other than upstream,
``emojis=yes``, a ``format=`` that converts the body, and a redirect (a 3xx answer: the
message is then sent again through Apprise, which follows it).

A kept-alive connection the server closes just as a message starts fails that message like
any network error (retried after the backoff, with the same Idempotency-Key). The pools live
for one dispatch, so no connection idles between runs.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from alerts.webhook_http import BadResponse, HostConnections, header_lines, request_head

log = logging.getLogger(__name__)

SCHEMES = ("json", "jsons")
NOT_SENT = None  # send()'s answer when a message is for Apprise, not for this path
_ENVIRONMENT_LOCK = threading.Lock()


@dataclass(frozen=True)
class _Channel:
    """What one channel URL sends with, prepared once."""

    pool_key: tuple[str, str, int, str]  # scheme, host, port, TLS verification (CA path or "none")
    method: str
    target: str  # path and query, as requests would put them on the request line
    headers: dict[str, str]  # the headers before Content-Length (the per-message ones go last here)
    trailing: dict[str, str]  # the headers requests puts after Content-Length (Authorization)
    timeouts: tuple[float | None, float | None]  # connect, read (Apprise's cto and rto)
    redirects: bool
    host: str  # for the error text, as Apprise's plugin names it
    json_version: str
    field: Any  # apprise.plugins.custom_json.JSONPayloadField
    info: str  # NotifyType.INFO.value

    @cached_property
    def names(self) -> frozenset[str]:
        """The channel's header names, in lower case."""
        return frozenset(k.lower() for k in (*self.headers, *self.trailing, "content-length", "host"))


def _plugin_class() -> Any:
    """Apprise's JSON plugin class, or None when something else owns the json:// scheme."""
    from apprise.manager_plugins import NotificationManager
    from apprise.plugins.custom_json import NotifyJSON

    manager = NotificationManager()
    return NotifyJSON if all(s in manager and manager[s] is NotifyJSON for s in SCHEMES) else None


def _verification(plugin: Any, target: str, session: Any, proxies: bool) -> str | None:
    """requests' TLS verification for ``target``: a CA file or directory path, "none", or None
    when requests would not send it directly (a proxy or netrc entry applies, or no CA bundle).
    ``session``: a requests Session that trusts the environment, as the one Apprise's call makes;
    ``proxies``: whether the environment names any proxy (``urllib.request.getproxies()``)."""
    from requests.sessions import merge_setting
    from requests.utils import DEFAULT_CA_BUNDLE_PATH, get_netrc_auth, select_proxy

    if proxies or session.proxies or session.cert:
        env = session.merge_environment_settings(target, {}, None, plugin.verify_certificate, None)
        if select_proxy(target, env["proxies"]) or env["cert"]:
            return None
    else:
        # What merge_environment_settings answers when no proxy is configured anywhere, without
        # its per-URL scan of the environment (a few ms per host): only the CA bundle variables.
        verify = plugin.verify_certificate
        if verify is True or verify is None:
            verify = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or verify
        env = {"verify": merge_setting(verify, session.verify)}
    if not plugin.user and get_netrc_auth(target):
        return None
    if not plugin.secure:
        return "none"
    verify = env["verify"]
    if not verify:
        return "none"
    location = DEFAULT_CA_BUNDLE_PATH if verify is True else str(verify)
    return location if location and os.path.exists(location) else None


def _supported(plugin: Any, fmt: str) -> bool:
    from apprise.common import NotifyFormat, OverflowMode

    return (plugin.method == "POST" and not plugin.payload_extras and not plugin.retry
            and plugin.overflow_mode == OverflowMode.UPSTREAM and not plugin.interpret_emojis
            and plugin.enabled and plugin.title_maxlen > 0 and plugin.body_max_line_count <= 0
            and plugin.resolve_format(NotifyFormat(fmt)) == NotifyFormat(fmt))


def _prepare(url: str, asset: Any, plugin_class: Any, sessions: tuple[Any, Any, bool],
             verifications: dict[tuple[Any, ...], str | None],
             templates: dict[tuple[Any, ...], tuple[dict[str, str], dict[str, str]]]) -> tuple[Any, _Channel] | None:
    """Apprise's plugin for ``url`` and the request it sends, or None (not for this path).

    ``sessions``: requests Sessions with and without the environment, and whether the
    environment names a proxy; ``verifications``: the
    environment's answer per (scheme, host, port, user?, verify), which depends on no more;
    ``templates``: prepared headers (before and after Content-Length) per (user agent, +headers,
    user, password).
    """
    import requests
    from apprise.common import NotifyType
    from apprise.plugins.custom_json import JSONPayloadField

    try:
        results = plugin_class.parse_url(url)
        plugin = plugin_class(asset=asset, **results) if results else None
    except Exception:  # Apprise refuses it: its own path reports why
        return None
    if plugin is None:
        return None
    scheme = "https" if plugin.secure else "http"
    target = f"{scheme}://{plugin.host}" + (f":{plugin.port}" if isinstance(plugin.port, int) else "")
    target += plugin.fullpath
    key = (plugin.secure, plugin.host, plugin.port, bool(plugin.user), plugin.verify_certificate)
    with _ENVIRONMENT_LOCK:  # one environment scan per key, however many threads ask at once
        if key not in verifications:
            verifications[key] = _verification(plugin, target, sessions[0], sessions[2])
    verification = verifications[key]
    if verification is None:
        return None
    # The request Apprise's plugin would make, prepared by requests without the environment
    # (checked above): its URL with the -params, and its headers with requests' defaults and
    # the auth, which depend on the URL's user, password and +headers only (prepared once each).
    header_key = (plugin.app_id, tuple(plugin.headers.items()), plugin.user, plugin.password)
    if header_key not in templates:
        headers = {"User-Agent": plugin.app_id, "Content-Type": "application/json", **plugin.headers}
        auth = (plugin.user, plugin.password) if plugin.user else None
        # With a body, so requests puts Content-Length where it would for Apprise's call (after
        # the headers given, before the auth); the header's value is each message's own.
        prepared = sessions[1].prepare_request(requests.Request(plugin.method, target, headers=headers, auth=auth,
                                                                data=b"{}"))
        names = [k.lower() for k in prepared.headers]
        at = names.index("content-length")
        items = [(k, v) for k, v in prepared.headers.items()]
        templates[header_key] = (dict(items[:at]), dict(items[at + 1 :]))
    request_line = requests.PreparedRequest()
    # No -params as "", not {}: the same URL, without requests' slow runtime Protocol checks.
    request_line.prepare_url(target, plugin.params or "")
    try:  # what http.client would refuse to write goes to Apprise, which then fails alike
        request_line.path_url.encode("ascii")
        header_lines({**templates[header_key][0], **templates[header_key][1]})
    except (UnicodeError, ValueError):
        return None
    port = plugin.port if isinstance(plugin.port, int) else (443 if plugin.secure else 80)
    timeouts = (plugin.socket_connect_timeout, plugin.socket_read_timeout)
    return plugin, _Channel((scheme, str(plugin.host), port, verification), plugin.method,
                            request_line.path_url, *templates[header_key], timeouts, bool(plugin.redirects),
                            str(plugin.host), plugin.json_version, JSONPayloadField, NotifyType.INFO.value)


class JsonWebhooks:
    """Keep-alive connection pools for plain JSON webhook channels, for one dispatch.

    Thread-safe: the dispatcher sends one message at a time per channel but many channels at
    once, and channels on one host share its pool (at most ``per_host`` kept connections).
    """

    def __init__(self, per_host: int = 2) -> None:
        self.per_host = max(1, per_host)
        self._lock = threading.Lock()
        # Filled without the lock: two threads preparing one URL at once get equal answers.
        self._channels: dict[str, tuple[Any, _Channel] | None] = {}
        self._formats: dict[tuple[str, str], bool] = {}
        self._pools: dict[tuple[str, str, int, str], HostConnections] = {}
        self._heads: dict[str, tuple[bytes, bytes]] = {}
        self._verifications: dict[tuple[Any, ...], str | None] = {}
        self._templates: dict[tuple[Any, ...], tuple[dict[str, str], dict[str, str]]] = {}
        self._plugin_class: Any = False  # not looked up yet
        self._requests_sessions: tuple[Any, Any, bool] | None = None

    def _sessions(self) -> tuple[Any, Any, bool]:
        """One requests Session reading the environment (for the checks) and one not (to prepare
        requests), for every channel; only their settings are used, never their connections. And
        whether the environment names a proxy, read once per dispatch like the rest."""
        if self._requests_sessions is None:
            from urllib.request import getproxies

            import requests

            bare = requests.Session()
            bare.trust_env = False
            self._requests_sessions = (requests.Session(), bare, bool(getproxies()))
        return self._requests_sessions

    def _channel(self, url: str, fmt: str) -> _Channel | None:
        if url not in self._channels:
            if url.split("://", 1)[0].lower() not in SCHEMES:
                self._channels[url] = None
            else:
                from alerts.channel import sequential_asset

                if self._plugin_class is False:
                    self._plugin_class = _plugin_class()
                found = None
                if self._plugin_class:
                    found = _prepare(url, sequential_asset(), self._plugin_class, self._sessions(),
                                     self._verifications, self._templates)
                self._channels[url] = found
        found = self._channels[url]
        if found is None:
            return None
        if (url, fmt) not in self._formats:
            self._formats[(url, fmt)] = _supported(found[0], fmt)
        return found[1] if self._formats[(url, fmt)] else None

    def _pool(self, key: tuple[str, str, int, str]) -> HostConnections:
        pool = self._pools.get(key)
        if pool is None:
            with self._lock:
                pool = self._pools.get(key)
                if pool is None:
                    pool = self._pools[key] = HostConnections(*key, keep=self.per_host)
        return pool

    def send(self, url: str, title: str, body: str, fmt: str,
             headers: dict[str, str] | None = None) -> tuple[bool, str] | None:
        """POST one message as Apprise's JSON plugin would: (True, "") or (False, the error text
        Apprise would log), or None when the message is for Apprise (see the module docstring)."""
        import urllib3

        if not body or not body.strip():
            return NOT_SENT  # Apprise refuses an empty body with its own message
        channel = self._channel(url, fmt)
        if channel is None:
            return NOT_SENT
        field = channel.field
        payload = {field.VERSION: channel.json_version, field.TITLE: title.strip() if title else "",
                   field.MESSAGE: body.rstrip(), field.ATTACHMENTS: [], field.MESSAGETYPE: channel.info}
        data = json.dumps(payload).encode("utf-8")
        if headers and any(n.lower() in channel.names for n in headers):
            return NOT_SENT  # the URL sets that header too: Apprise's merge decides which is sent
        pool = self._pool(channel.pool_key)
        written = self._heads.get(url)
        if written is None:  # the request line and the channel's headers, written once
            written = self._heads[url] = (
                request_head(channel.method, channel.target, pool.host_header, channel.headers, channel.trailing),
                header_lines(channel.trailing))
        head = written[0] + (header_lines(headers) if headers else b"")
        head += b"Content-Length: " + str(len(data)).encode("ascii") + b"\r\n" + written[1]
        try:
            status = pool.post(head, data, *channel.timeouts, method=channel.method)
        except (urllib3.exceptions.HTTPError, OSError, BadResponse) as exc:
            log.debug("JSON webhook %s: %s", channel.host, type(exc).__name__)
            return False, f"A Connection error occurred sending JSON notification to {channel.host}."
        if 300 <= status < 400 and channel.redirects:
            return NOT_SENT  # Apprise (requests) follows redirects; this path does not
        if status < 200 or status >= 300:
            from apprise.plugins.custom_json import NotifyJSON

            text = NotifyJSON.http_response_code_lookup(status)
            return False, f"Failed to send JSON {channel.method} notification: {text}{', ' if text else ''}error={status}."
        return True, ""

    def close(self) -> None:
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.close()
