"""The web UI in Debian's Chromium, driven by Playwright: the analyst's main paths, end to end over HTTP.

With CI=true these tests always run (a missing browser is a failure); elsewhere they skip only when
/usr/bin/chromium is not installed (`make setup` installs it).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from incidentdb.settings import Settings
from incidentdb.store import open_store
from incidentdb.web import create_app
from web_seed import CHROMIUM, CHROMIUM_ARGS, IMG, PASSWORDS, SCRIPT, LiveServer, Seeded, seed

pytestmark = pytest.mark.browser

if os.environ.get("CI") != "true" and not Path(CHROMIUM).exists():
    pytest.skip(f"{CHROMIUM} is not installed (make setup installs it)", allow_module_level=True)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Seeded]]:
    folder = tmp_path_factory.mktemp("web")
    url = f"sqlite:///{folder / 'browser.sqlite'}"
    store = open_store(url)
    seeded = seed(store, folder)
    settings = Settings.model_validate({"database_url": url, "secret_key": "browser-test-" + "k" * 32})
    with LiveServer(create_app(settings, store=store)) as server:
        yield server.url, seeded
    store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    tab = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:  # an alert() would mean injected script ran
        dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    tab.dialogs = dialogs
    yield tab
    context.close()


def sign_in(page: Any, base: str, name: str) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORDS[name])
    page.click("button:has-text('Sign in')")
    page.wait_for_url(f"{base}/incidents")


def rows(page: Any) -> int:
    return int(page.locator("tr[data-incident]").count())


def test_login(page: Any, site: tuple[str, Seeded]) -> None:
    base, _ = site
    page.goto(f"{base}/incidents")
    assert page.url.startswith(f"{base}/login")
    page.fill("input[name=name]", "eddie")
    page.fill("input[name=password]", "wrong password")
    page.click("button:has-text('Sign in')")
    assert "Wrong name or password" in page.inner_text("main")
    sign_in(page, base, "eddie")
    assert page.inner_text("[data-testid=who]").startswith("eddie")
    assert rows(page) == 4


def test_filtering_and_sorting_the_list(page: Any, site: tuple[str, Seeded]) -> None:
    base, _ = site
    sign_in(page, base, "ana")
    page.select_option("select[name=admin1]", "Deir ez-Zor")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**admin1=Deir**")
    assert rows(page) == 1
    page.goto(f"{base}/incidents")
    page.fill("input[name=q]", "market")
    page.fill("input[name=date_from]", "2024-03-01")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**q=market**")
    assert rows(page) == 1 and "Maarat al-Numan" in page.inner_text("[data-testid=incident-table]")
    page.goto(f"{base}/incidents")
    page.click("a[data-sort=killed]")
    page.wait_for_url("**sort=killed**")
    first_killed = page.locator("tr[data-incident] td.num").first.inner_text()
    assert first_killed == "5" or first_killed.isdigit()
    killed = [
        int(t) for t in page.locator("tr[data-incident] td:nth-child(6)").all_inner_texts() if t.isdigit()
    ]
    assert killed == sorted(killed) or killed == sorted(killed, reverse=True)
    assert len(killed) == 4


def test_map_shows_markers(page: Any, site: tuple[str, Seeded]) -> None:
    base, _ = site
    sign_in(page, base, "ana")
    page.goto(f"{base}/map")
    page.wait_for_selector("#map[data-markers]")
    assert page.locator(".incident-marker").count() == 4
    assert page.locator("#map-count").inner_text() == "4"
    assert page.locator(".leaflet-overlay-pane path").count() > 4  # base map outlines are drawn too
    page.locator(".incident-marker").first.click(force=True)
    popup = page.wait_for_selector(".leaflet-popup-content a")
    assert popup.get_attribute("href").startswith("/incidents/inc-")


def test_timeline_draws_bars(page: Any, site: tuple[str, Seeded]) -> None:
    base, _ = site
    sign_in(page, base, "ana")
    page.goto(f"{base}/timeline?bucket=day")
    page.wait_for_selector("#timeline svg")
    assert page.locator("#timeline rect.bar").count() == 9


def test_incident_page_highlights_the_quote_in_the_source(page: Any, site: tuple[str, Seeded]) -> None:
    base, seeded = site
    sign_in(page, base, "ana")
    page.goto(f"{base}/incidents/{seeded.incidents['maarat']}")
    claim = page.locator("mark.claim", has_text="killed five civilians")
    assert claim.count() == 1 and claim.is_visible()
    background = claim.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    quote = page.locator("[data-testid=excerpt] mark.quote").first
    assert "Artillery shelling on a market" in quote.inner_text()
    assert "differs" in page.inner_text("[data-testid=comparison]")


def test_editor_edit_appears_in_the_audit_trail(page: Any, site: tuple[str, Seeded]) -> None:
    base, seeded = site
    sign_in(page, base, "eddie")
    page.goto(f"{base}/incidents/{seeded.incidents['xss']}")
    page.click("text=Edit fields")
    page.fill("[data-testid=edit-form] input[name='killed.best']", "5")
    page.fill("[data-testid=edit-form] input[name=reason]", "hospital list has five names")
    page.click("[data-testid=edit-form] button[type=submit]")
    page.wait_for_selector("text=Edit saved.")
    assert page.inner_text("[data-testid=figure-killed] .value") == "5"
    audit = page.inner_text("[data-testid=audit]")
    assert "eddie" in audit and "edit" in audit and "hospital list has five names" in audit


def test_viewer_cannot_edit_in_the_ui_or_the_api(page: Any, site: tuple[str, Seeded]) -> None:
    base, seeded = site
    sign_in(page, base, "ana")
    incident = seeded.incidents["jisr"]
    page.goto(f"{base}/incidents/{incident}")
    assert page.locator("[data-testid=review]").count() == 0
    assert page.locator("[data-testid=edit-form]").count() == 0
    token = page.request.get(f"{base}/api/session").json()["csrf_token"]
    response = page.request.post(
        f"{base}/api/incidents/{incident}/edit",
        data={"fields": {"killed.best": 50}, "reason": "viewer try"},
        headers={"X-CSRF-Token": token},
    )
    assert response.status == 403
    page.reload()
    assert "viewer try" not in page.inner_text("[data-testid=audit]")


def test_merge_and_split(page: Any, site: tuple[str, Seeded]) -> None:
    base, seeded = site
    sign_in(page, base, "eddie")
    keep, other = seeded.incidents["jisr"], seeded.incidents["jisr_again"]
    page.goto(f"{base}/incidents/{keep}")
    page.click("text=Merge with other incidents")
    page.fill("[data-testid=merge-form] input[name=other_ids]", other)
    page.fill("[data-testid=merge-form] input[name=reason]", "same strike, two outlets")
    page.click("[data-testid=merge-form] button[type=submit]")
    page.wait_for_selector("text=Merged into this incident.")
    assert page.locator("[data-testid=member]").count() == 2
    assert "same strike, two outlets" in page.inner_text("[data-testid=audit]")
    assert page.request.get(f"{base}/api/incidents/{other}").status == 404

    page.click("text=Split mentions off into a new incident")
    page.locator("[data-testid=split-form] input[name=mentions]").nth(1).check()
    page.fill("[data-testid=split-form] input[name=reason]", "the second report is a different farm")
    page.click("[data-testid=split-form] button[type=submit]")
    flash = page.wait_for_selector("text=Split off as incident")
    new_id = flash.inner_text().rsplit(" ", 1)[-1].rstrip(".")
    assert page.locator("[data-testid=member]").count() == 1
    page.goto(f"{base}/incidents/{new_id}")
    assert page.locator("[data-testid=member]").count() == 1
    assert "the second report is a different farm" in page.inner_text("[data-testid=audit]")


def test_markup_in_a_report_is_shown_escaped_everywhere(page: Any, site: tuple[str, Seeded]) -> None:
    base, seeded = site
    sign_in(page, base, "eddie")
    urls = [
        f"{base}/incidents",
        f"{base}/incidents/{seeded.incidents['xss']}",
        f"{base}/documents",
        f"{base}/documents/{seeded.documents[4]}",
        f"{base}/map",
    ]
    for url in urls:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        assert page.locator("img[src=x]").count() == 0, url
        assert page.evaluate("() => document.querySelectorAll('main script').length") == 0, url
    assert page.dialogs == []
    page.goto(f"{base}/incidents/{seeded.incidents['xss']}")
    text = page.inner_text("main")
    assert SCRIPT in text and IMG in text
    page.goto(f"{base}/documents/{seeded.documents[4]}")
    assert SCRIPT in page.inner_text("[data-testid=document-title]")
    assert SCRIPT in page.title()
    assert SCRIPT in page.inner_text("[data-testid=clean-text]")
    assert page.dialogs == []


def test_ingest_page_uploads_and_reports_progress(
    page: Any, site: tuple[str, Seeded], tmp_path: Path
) -> None:
    # Last in this module: re-linking the whole store may regroup the seeded incidents.
    base, _ = site
    report = tmp_path / "report.txt"
    report.write_text(
        "Hama, May 2 - A roadside bomb killed two soldiers near Hama on Thursday, officials said.\n"
    )
    sign_in(page, base, "eddie")
    page.goto(f"{base}/ingest")
    page.set_input_files("input[type=file]", str(report))
    page.click("#ingest-form button[type=submit]")
    status = page.wait_for_selector("text=Done:", timeout=120_000)
    assert "1 document(s)" in status.inner_text()
    page.click("#ingest-status a")
    assert "A roadside bomb killed two soldiers" in page.inner_text("[data-testid=clean-text]")
