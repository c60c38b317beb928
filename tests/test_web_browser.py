"""The web app in a real headless browser (Debian's chromium through its chromedriver).

A person's path through it: the policy list, a filter, a policy and its versions, the city
comparison, the timeline, the feed read by a feed parser, a CSV download, the operations page,
then login by token and pausing a subscription. Screenshots of each page (desktop, and the
list at phone width) are saved under var/screenshots/ for a person to look at.
"""

from __future__ import annotations

import shutil
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alerts_support import free_port
from web_support import HOSTILE_TITLE, SECRET, Site, build_site

from opcwatch.settings import Settings

pytestmark = pytest.mark.slow
SHOTS = Path(__file__).resolve().parents[1] / "var" / "screenshots"
TOKEN = "browser-test-token"


@pytest.fixture
def server(settings: Settings) -> Iterator[tuple[str, Site]]:
    """The site on SQLite and on PostgreSQL (the production store): same pages, same clicks."""
    import uvicorn

    from opcwatch.web import create_app

    site = build_site(settings)
    port = free_port()
    app = create_app(settings.with_(web_token=TOKEN))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}", site
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if not chromium or not driver_path:
        pytest.skip("Debian's chromium and chromium-driver are not installed (scripts/services.sh installs them as root)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,900", "--lang=zh-CN"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_page_load_timeout(60)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)})
    try:
        yield driver
    finally:
        driver.quit()


def wait(driver: Any) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, 30)


def shot(driver: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    height = driver.execute_script("return document.documentElement.scrollHeight")
    width = driver.get_window_size()["width"]
    driver.set_window_size(width, min(max(int(height) + 120, 600), 4000))  # the whole page in one image
    driver.save_screenshot(str(SHOTS / f"{name}.png"))


def no_alert_dialog(driver: Any) -> bool:
    from selenium.common.exceptions import NoAlertPresentException

    try:
        _ = driver.switch_to.alert
    except NoAlertPresentException:
        return True
    return False


def test_a_reader_and_an_operator_use_the_site_in_chromium(server: tuple[str, Site], browser: Any,
                                                           tmp_path: Path) -> None:
    import feedparser
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as expected

    base, site = server
    browser.get(base + "/")
    rows = browser.find_elements(By.CSS_SELECTOR, "#policies tbody tr")
    assert len(rows) == 5 and "苏州市关于支持一人公司（OPC）发展的若干措施" in browser.page_source
    # The hostile title is text on screen; nothing it carries ran.
    assert HOSTILE_TITLE in browser.find_element(By.ID, "policies").text and no_alert_dialog(browser)
    shot(browser, "1-policies")

    region = browser.find_element(By.NAME, "region")
    region.send_keys("南京")
    browser.find_element(By.CSS_SELECTOR, "#filters button[type=submit]").click()
    wait(browser).until(expected.url_contains("region="))
    def titles(driver: Any) -> list[str]:
        return [a.text for a in driver.find_elements(By.CSS_SELECTOR, "#policies tbody td a")]

    wait(browser).until(lambda driver: len(titles(driver)) == 1)
    assert titles(browser) == ["南京市支持一人公司（OPC）创新创业的若干政策"]
    shot(browser, "2-policies-filtered")

    browser.get(base + "/?q=苏州市关于")
    browser.find_element(By.LINK_TEXT, "苏州市关于支持一人公司（OPC）发展的若干措施").click()
    newest = wait(browser).until(expected.presence_of_element_located((By.ID, "version-2")))
    assert "最高2000万元" in newest.find_element(By.TAG_NAME, "del").text
    assert newest.find_element(By.TAG_NAME, "ins").text == "最高3000万元"
    shot(browser, "3-policy-versions")

    browser.set_window_size(1280, 900)
    browser.get(base + "/compare")
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar")
    assert "南京市" in browser.find_element(By.ID, "compare").text
    shot(browser, "4-compare")

    browser.set_window_size(1280, 900)
    browser.get(base + "/events")
    assert "金额变化：最高2000万元 → 3000万元" in browser.find_element(By.ID, "events").text
    feed_url = browser.find_element(By.ID, "feed").get_attribute("href")
    shot(browser, "5-events")
    with urllib.request.urlopen(feed_url, timeout=30) as response:
        feed = feedparser.parse(response.read())
    assert not feed.bozo and len(feed.entries) == 6

    browser.set_window_size(1280, 900)
    browser.get(base + "/?region=苏州")
    wait(browser).until(expected.presence_of_element_located((By.ID, "export-csv"))).click()
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob("*.csv")) and time.monotonic() < deadline:
        time.sleep(0.2)
    (csv_file,) = tmp_path.glob("*.csv")
    text = csv_file.read_text(encoding="utf-8-sig")
    assert "苏州工业园区关于支持一人公司（OPC）集聚发展的实施细则" in text and "南京" not in text

    browser.get(base + "/ops")
    assert "blocked" in browser.find_element(By.ID, "sources").text
    assert SECRET not in browser.page_source and "json://****@127.0.0.1:9/****" in browser.page_source
    shot(browser, "6-ops")

    browser.set_window_size(1280, 900)
    browser.get(base + "/login")
    browser.find_element(By.NAME, "token").send_keys(TOKEN)
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait(browser).until(expected.url_contains("/subscriptions"))  # a click does not wait for the next page
    wait(browser).until(expected.presence_of_element_located((By.ID, "add")))
    row = browser.find_element(By.XPATH, "//table[@id='subs']//tr[td[1][text()='广播群']]")
    assert row.find_element(By.CLASS_NAME, "state").text == "启用"
    row.find_element(By.CSS_SELECTOR, "button[value=pause]").click()
    assert "已暂停 paused: 广播群" in wait(browser).until(expected.presence_of_element_located((By.ID, "flash"))).text
    row = browser.find_element(By.XPATH, "//table[@id='subs']//tr[td[1][text()='广播群']]")
    assert row.find_element(By.CLASS_NAME, "state").text == "已暂停"
    shot(browser, "7-subscriptions-paused")

    browser.set_window_size(390, 844)  # a phone
    browser.get(base + "/")
    assert browser.execute_script("return document.documentElement.scrollWidth") <= 400
    shot(browser, "8-policies-phone")
