#!/usr/bin/env bash
# Start the local services the tests talk to (PostgreSQL, Mosquitto, Redis) when they are not running.
set -u
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  echo "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
if ! (exec 3<>/dev/tcp/127.0.0.1/1883) 2>/dev/null; then
  echo "starting Mosquitto"
  mosquitto -d -c /etc/mosquitto/mosquitto.conf || true
  sleep 1
fi
# The web test drives Debian's own chromium through its chromedriver (tests/test_web_browser.py):
# packages from the distribution, nothing downloaded from elsewhere. Installing needs root; a
# machine without it skips that one test with the reason. The font makes the Chinese in the
# screenshots (var/screenshots/) readable to a person, not boxes.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null \
   || ! fc-list 2>/dev/null | grep -qiE "wqy|noto sans cjk"; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing chromium and chromium-driver"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver fonts-wqy-microhei >/dev/null || true
  fi
fi
# The Celery broker of tests/test_celery_executor.py (it uses db 5).
if ! (exec 3<>/dev/tcp/127.0.0.1/6379) 2>/dev/null; then
  echo "starting Redis"
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no || true
  sleep 1
fi
exit 0
