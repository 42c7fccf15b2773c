"""The web layer through FastAPI's test client: sign-in, roles, CSRF, review with audit trail, escaping, schema."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from incidentdb.settings import Settings
from incidentdb.store import Store, open_store
from incidentdb.web import create_app, queries
from incidentdb.web.detail import Mark, segments
from web_seed import IMG, PASSWORDS, SCRIPT, Seeded, seed

RAW_PAYLOADS = (SCRIPT, "<img src=x onerror", IMG)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[tuple[Store, Seeded, Settings]]:
    url = f"sqlite:///{tmp_path / 'web.sqlite'}"
    store = open_store(url)
    seeded = seed(store, tmp_path)
    yield store, seeded, Settings.model_validate({"database_url": url, "secret_key": "test-" + "x" * 32})
    store.close()


def client_for(world: tuple[Store, Seeded, Settings], public: bool = False) -> TestClient:
    store, _, settings = world
    return TestClient(create_app(settings.model_copy(update={"public_read_only": public}), store=store))


def login(client: TestClient, name: str) -> str:
    response = client.post("/api/login", json={"name": name, "password": PASSWORDS[name]})
    assert response.status_code == 200, response.text
    token = response.json()["csrf_token"]
    assert isinstance(token, str) and len(token) > 20
    return token


def form_token(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match, "page has no CSRF field"
    return match.group(1)


# ---- sign-in and sessions ----------------------------------------------------------------------------------


def test_pages_and_api_need_a_session(world: tuple[Store, Seeded, Settings]) -> None:
    client = client_for(world)
    page = client.get("/incidents", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")
    assert client.get("/api/incidents").status_code == 401


def test_form_login_sets_a_hardened_cookie_and_rejects_bad_passwords(
    world: tuple[Store, Seeded, Settings],
) -> None:
    client = client_for(world)
    token = form_token(client.get("/login").text)
    bad = client.post("/login", data={"name": "ana", "password": "nope", "csrf_token": token})
    assert bad.status_code == 401 and "Wrong name or password" in bad.text
    good = client.post(
        "/login",
        data={"name": "ana", "password": PASSWORDS["ana"], "csrf_token": token, "next": "/map"},
        follow_redirects=False,
    )
    assert good.status_code == 303 and good.headers["location"] == "/map"
    cookie = good.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    assert client.get("/incidents").status_code == 200


def test_login_form_without_csrf_token_is_refused(world: tuple[Store, Seeded, Settings]) -> None:
    client = client_for(world)
    client.get("/login")
    response = client.post("/login", data={"name": "ana", "password": PASSWORDS["ana"]})
    assert response.status_code == 403


def test_login_redirect_never_leaves_the_site(world: tuple[Store, Seeded, Settings]) -> None:
    client = client_for(world)
    token = form_token(client.get("/login").text)
    response = client.post(
        "/login",
        data={"name": "ana", "password": PASSWORDS["ana"], "csrf_token": token, "next": "//evil.example/x"},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/incidents"


def test_passwords_are_stored_as_argon2_hashes(world: tuple[Store, Seeded, Settings]) -> None:
    store, _, _ = world
    user = store.get_user("eddie")
    assert user is not None and user.password_hash.startswith("$argon2id$")
    assert PASSWORDS["eddie"] not in user.password_hash


# ---- roles and CSRF ----------------------------------------------------------------------------------------


def test_api_write_needs_the_csrf_header(world: tuple[Store, Seeded, Settings]) -> None:
    _, seeded, _ = world
    client = client_for(world)
    token = login(client, "eddie")
    url = f"/api/incidents/{seeded.incidents['jisr']}/confirm"
    assert client.post(url, json={"reason": "seen footage"}).status_code == 403
    assert (
        client.post(url, json={"reason": "seen footage"}, headers={"X-CSRF-Token": "wrong"}).status_code
        == 403
    )
    assert (
        client.post(url, json={"reason": "seen footage"}, headers={"X-CSRF-Token": token}).status_code == 200
    )


def test_form_post_without_csrf_changes_nothing(world: tuple[Store, Seeded, Settings]) -> None:
    store, seeded, _ = world
    client = client_for(world)
    login(client, "eddie")
    response = client.post(f"/incidents/{seeded.incidents['jisr']}/confirm", data={"reason": "no token"})
    assert response.status_code == 403
    assert store.list_decisions() == []


def test_viewer_cannot_edit_through_the_api_or_the_ui(world: tuple[Store, Seeded, Settings]) -> None:
    store, seeded, _ = world
    client = client_for(world)
    token = login(client, "ana")
    incident = seeded.incidents["maarat"]
    api = client.post(
        f"/api/incidents/{incident}/edit",
        json={"fields": {"killed.best": 99}, "reason": "because"},
        headers={"X-CSRF-Token": token},
    )
    assert api.status_code == 403
    page = client.get(f"/incidents/{incident}")
    assert page.status_code == 200 and 'data-testid="edit-form"' not in page.text
    form = client.post(
        f"/incidents/{incident}/edit", data={"killed.best": "99", "reason": "because", "csrf_token": token}
    )
    assert form.status_code == 403
    assert store.list_decisions() == []


def test_only_admins_manage_users(world: tuple[Store, Seeded, Settings]) -> None:
    client = client_for(world)
    token = login(client, "eddie")
    body = {"name": "newbie", "role": "viewer", "password": "long-enough-1"}
    assert client.post("/api/users", json=body, headers={"X-CSRF-Token": token}).status_code == 403
    token = login(client, "root")
    assert client.post("/api/users", json=body, headers={"X-CSRF-Token": token}).status_code == 200
    assert {"name": "newbie", "role": "viewer"} in client.get("/api/users").json()


def test_public_read_only_mode_reads_without_login_but_never_writes(
    world: tuple[Store, Seeded, Settings],
) -> None:
    store, seeded, _ = world
    client = client_for(world, public=True)
    assert client.get("/incidents").status_code == 200
    assert client.get("/api/incidents").json()["count"] == 4
    token = client.get("/api/session").json()["csrf_token"]
    response = client.post(
        f"/api/incidents/{seeded.incidents['jisr']}/reject",
        json={"reason": "anonymous"},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 401
    assert store.list_decisions() == []


# ---- review and audit --------------------------------------------------------------------------------------


def test_edit_by_editor_is_applied_and_in_the_audit_trail(world: tuple[Store, Seeded, Settings]) -> None:
    _, seeded, _ = world
    client = client_for(world)
    token = login(client, "eddie")
    incident = seeded.incidents["maarat"]
    original = client.get(f"/api/incidents/{incident}").json()["incident"]["killed"]["best"]
    assert original != 6
    response = client.post(
        f"/api/incidents/{incident}/edit",
        json={"fields": {"killed.best": 6, "location.admin1": "Idlib Governorate"}, "reason": "two tallies"},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 200, response.text
    data = client.get(f"/api/incidents/{incident}").json()
    assert data["incident"]["killed"]["best"] == 6
    assert data["incident"]["location"]["admin1"] == "Idlib Governorate"
    entry = data["audit"][0]
    assert entry["who"] == "eddie" and entry["why"] == "two tallies" and entry["action"] == "edit"
    assert entry["before"]["killed"]["best"] == original and entry["after"]["killed"]["best"] == 6
    page = client.get(f"/incidents/{incident}").text
    audit_html = page[page.index('data-testid="audit"') :]
    assert "eddie" in audit_html and "two tallies" in audit_html


def test_edit_form_records_only_changed_fields(world: tuple[Store, Seeded, Settings]) -> None:
    store, seeded, _ = world
    client = client_for(world)
    login(client, "eddie")
    incident = seeded.incidents["jisr"]
    page = client.get(f"/incidents/{incident}").text
    fields = dict(re.findall(r'<input type="text" name="([\w.]+)" value="([^"]*)"', page))
    fields.update({"injured.best": "2", "reason": "hospital list", "csrf_token": form_token(page)})
    response = client.post(f"/incidents/{incident}/edit", data=fields)
    assert response.status_code == 200 and "Edit saved." in response.text
    (decision,) = store.list_decisions()
    assert decision.action == "edit" and decision.payload["fields"] == {"injured": {"best": 2}}


def test_every_review_action_needs_a_reason(world: tuple[Store, Seeded, Settings]) -> None:
    store, seeded, _ = world
    client = client_for(world)
    token = login(client, "eddie")
    headers = {"X-CSRF-Token": token}
    incident = seeded.incidents["jisr"]
    assert (
        client.post(f"/api/incidents/{incident}/confirm", json={"reason": ""}, headers=headers).status_code
        == 422
    )
    assert (
        client.post(f"/api/incidents/{incident}/reject", json={"reason": "  "}, headers=headers).status_code
        == 400
    )
    assert store.list_decisions() == []


def test_merge_split_confirm_reject_and_they_survive_relinking(world: tuple[Store, Seeded, Settings]) -> None:
    store, seeded, _ = world
    client = client_for(world)
    headers = {"X-CSRF-Token": login(client, "eddie")}
    ids = seeded.incidents
    merged = client.post(
        "/api/merge", json={"ids": [ids["jisr"], ids["jisr_again"]], "reason": "same strike"}, headers=headers
    )
    assert merged.status_code == 200, merged.text
    split = client.post(
        f"/api/incidents/{ids['maarat']}/split",
        json={"mentions": [1], "reason": "different market"},
        headers=headers,
    )
    assert split.status_code == 200, split.text
    new_id = split.json()["incident"]
    assert client.post(
        f"/api/incidents/{ids['xss']}/reject", json={"reason": "hoax"}, headers=headers
    ).is_success
    assert client.post(
        f"/api/incidents/{new_id}/confirm", json={"reason": "video"}, headers=headers
    ).is_success

    def check() -> None:
        listed = {i["id"]: i for i in client.get("/api/incidents").json()["incidents"]}
        assert set(listed) == {ids["jisr"], ids["maarat"], new_id}
        assert len(listed[ids["jisr"]]["mentions"]) == 2
        assert len(listed[ids["maarat"]]["mentions"]) == 1 and len(listed[new_id]["mentions"]) == 1
        assert listed[new_id]["grade"] == "confirmed"

    check()
    # A new linking run replaces every machine incident with the same content: decisions still apply.
    store.save_incidents(store.list_incidents(apply_review=False))
    check()
    trail = client.get(f"/api/incidents/{ids['jisr_again']}/audit").json()
    assert trail[0]["action"] == "merge" and trail[0]["after"]["merged_into"] == ids["jisr"]


def test_split_needs_some_but_not_all_mentions(world: tuple[Store, Seeded, Settings]) -> None:
    _, seeded, _ = world
    client = client_for(world)
    headers = {"X-CSRF-Token": login(client, "eddie")}
    url = f"/api/incidents/{seeded.incidents['maarat']}/split"
    assert client.post(url, json={"mentions": [0, 1], "reason": "x"}, headers=headers).status_code == 400
    assert client.post(url, json={"mentions": [5], "reason": "x"}, headers=headers).status_code == 400


# ---- what pages show ---------------------------------------------------------------------------------------


def test_markup_in_reports_is_escaped_on_every_page(world: tuple[Store, Seeded, Settings]) -> None:
    _, seeded, _ = world
    client = client_for(world)
    login(client, "eddie")
    pages = [
        "/incidents",
        "/incidents?q=clash",
        f"/incidents/{seeded.incidents['xss']}",
        "/documents",
        f"/documents/{seeded.documents[4]}",
        "/map",
        "/timeline",
        f"/incidents?actor={IMG}",
        f"/incidents?q={SCRIPT}",
    ]
    for url in pages:
        html = client.get(url).text
        for payload in RAW_PAYLOADS:
            assert payload not in html, f"{url} shows {payload!r} unescaped"
    incident_html = client.get(f"/incidents/{seeded.incidents['xss']}").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in incident_html
    assert "&lt;img src=x onerror=alert(1)&gt;" in incident_html
    document_html = client.get(f"/documents/{seeded.documents[4]}").text
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;" in document_html


def test_pages_forbid_inline_scripts(world: tuple[Store, Seeded, Settings]) -> None:
    client = client_for(world)
    login(client, "ana")
    response = client.get("/incidents")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert "<script>" not in response.text  # scripts are files only, never inline


def test_incident_page_highlights_quotes_and_shows_conflicting_figures(
    world: tuple[Store, Seeded, Settings],
) -> None:
    _, seeded, _ = world
    client = client_for(world)
    login(client, "ana")
    html = client.get(f"/incidents/{seeded.incidents['maarat']}").text
    assert '<mark class="claim" title="killed figure">killed five civilians</mark>' in html
    assert '<mark class="claim" title="killed figure">Seven people were killed</mark>' in html
    assert 'data-testid="comparison"' in html and "differs" in html
    assert "the White Helmets rescue service" in html and "a local monitoring group" in html


def test_document_page_marks_evidence(world: tuple[Store, Seeded, Settings]) -> None:
    _, seeded, _ = world
    client = client_for(world)
    login(client, "ana")
    html = client.get(f"/documents/{seeded.documents[2]}").text
    assert '<mark class="claim" title="killed figure">killing three men</mark>' in html
    assert client.get("/documents/ffffffffffff").status_code == 404


def test_list_filters_and_sorting(world: tuple[Store, Seeded, Settings]) -> None:
    client = client_for(world)
    login(client, "ana")

    def ids(query: str) -> list[str]:
        return [i["id"] for i in client.get(f"/api/incidents?{query}").json()["incidents"]]

    assert len(ids("")) == 4
    assert len(ids("admin1=Idlib")) == 3
    assert len(ids("event_type=Battles")) == 1
    assert len(ids("date_from=2024-03-14&date_to=2024-03-16")) == 2
    assert len(ids("actor=russia")) == 2
    assert len(ids("q=market")) == 1
    killed = [
        i["killed"]["best"] for i in client.get("/api/incidents?sort=killed&order=desc").json()["incidents"]
    ]
    assert killed == sorted(killed, reverse=True)
    html = client.get("/incidents?admin1=Deir+ez-Zor").text
    assert html.count("<tr data-incident=") == 1


def test_map_and_timeline_data(world: tuple[Store, Seeded, Settings]) -> None:
    client = client_for(world)
    login(client, "ana")
    features = client.get("/api/map").json()["features"]
    assert len(features) == 4 and all(len(f["geometry"]["coordinates"]) == 2 for f in features)
    buckets = client.get("/api/timeline?bucket=day").json()["buckets"]
    assert buckets[0]["period"] == "2024-03-12" and buckets[-1]["period"] == "2024-03-20"
    assert len(buckets) == 9 and sum(b["incidents"] for b in buckets) == 4
    static = client.get("/static/basemap/syria.geojson").json()
    assert any(f["properties"]["kind"] == "admin1" for f in static["features"])
    assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 200


def test_openapi_schema_covers_the_api(world: tuple[Store, Seeded, Settings]) -> None:
    client = client_for(world)
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/login",
        "/api/incidents",
        "/api/incidents/{incident_id}",
        "/api/incidents/{incident_id}/edit",
        "/api/merge",
        "/api/incidents/{incident_id}/split",
        "/api/map",
        "/api/timeline",
        "/api/documents/{ref}",
        "/api/ingest",
        "/api/jobs/{job_id}",
    ):
        assert path in paths, path
    assert not any(p.startswith("/incidents") for p in paths)  # HTML pages are not part of the API schema


def test_ingest_upload_runs_the_pipeline(world: tuple[Store, Seeded, Settings]) -> None:
    store, _, _ = world
    client = client_for(world)
    headers = {"X-CSRF-Token": login(client, "eddie")}
    text = b"Homs, June 3 - Two people were killed on Monday when a car bomb exploded in a market in Homs.\n"
    response = client.post("/api/ingest", files={"files": ("bomb.txt", text, "text/plain")}, headers=headers)
    assert response.status_code == 200, response.text
    job_id = response.json()["id"]
    job = client.app.state.jobs.wait(job_id, timeout=120)  # type: ignore[attr-defined]
    assert job is not None and job.state == "done"
    assert job.errors == [] and job.done == 1 and len(job.documents) == 1
    assert any(d.id == job.documents[0] for d in store.list_documents())
    assert client.get(f"/api/jobs/{job_id}").json()["state"] == "done"


def test_a_feed_with_a_bad_line_still_extracts_its_good_lines(world: tuple[Store, Seeded, Settings]) -> None:
    store, _, _ = world
    client = client_for(world)
    headers = {"X-CSRF-Token": login(client, "eddie")}
    feed = (
        b'{"text": "A car bomb killed three people in Azaz on Monday.", "url": "https://qa.invalid/1", '
        b'"published": "2017-01-09"}\n{not json\n'
    )
    response = client.post(
        "/api/ingest", files={"files": ("feed.jsonl", feed, "application/jsonl")}, headers=headers
    )
    assert response.status_code == 200, response.text
    job = client.app.state.jobs.wait(response.json()["id"], timeout=120)  # type: ignore[attr-defined]
    assert job is not None and job.state == "done"
    assert len(job.documents) == 1 and job.mentions >= 1
    assert len(job.errors) == 1 and "feed.jsonl" in job.errors[0] and "/tmp" not in job.errors[0]
    assert store.load_extraction(job.documents[0]) is not None


def test_ingest_needs_an_editor(world: tuple[Store, Seeded, Settings]) -> None:
    client = client_for(world)
    headers = {"X-CSRF-Token": login(client, "ana")}
    response = client.post("/api/ingest", files={"files": ("a.txt", b"text", "text/plain")}, headers=headers)
    assert response.status_code == 403


# ---- CLI ---------------------------------------------------------------------------------------------------


def test_user_add_command_hashes_the_password(tmp_path: Path) -> None:
    from incidentdb.cli.main import app

    url = f"sqlite:///{tmp_path / 'users.sqlite'}"
    runner = CliRunner()
    result = runner.invoke(
        app,
        ["user", "add", "maya", "--role", "editor", "--password-stdin", "--db", url],
        input="pw-of-maya\n",
    )
    assert result.exit_code == 0, result.output
    bad = runner.invoke(
        app, ["user", "add", "x", "--role", "boss", "--password-stdin", "--db", url], input="pw-long-1\n"
    )
    assert bad.exit_code == 2
    store = open_store(url)
    user = store.get_user("maya")
    assert user is not None and user.role == "editor" and user.password_hash.startswith("$argon2")
    assert store.get_user("x") is None
    store.close()


# ---- pure helpers ------------------------------------------------------------------------------------------


def test_segments_split_text_by_strongest_mark() -> None:
    text = "abcdefghij"
    out = segments(text, [Mark(2, 6, "evidence"), Mark(4, 8, "claim"), Mark(0, 1, "noise")])
    assert [(s.text, s.kind) for s in out] == [
        ("a", "noise"),
        ("b", None),
        ("cd", "evidence"),
        ("efgh", "claim"),
        ("ij", None),
    ]
    assert "".join(s.text for s in out) == text


def test_timeline_weeks_start_on_monday_and_fill_gaps() -> None:
    incidents: list[dict[str, Any]] = [
        {"id": "a", "date": {"start": "2024-03-13"}, "killed": {"best": 2}},
        {"id": "b", "date": {"start": "2024-03-28"}, "killed": {"best": None}},
        {"id": "c", "date": None},
    ]
    weeks = queries.timeline(incidents, "week")
    assert [w["period"] for w in weeks] == ["2024-03-11", "2024-03-18", "2024-03-25"]
    assert [(w["incidents"], w["killed"]) for w in weeks] == [(1, 2), (0, 0), (1, 0)]
    assert dt.date.fromisoformat(weeks[0]["period"]).weekday() == 0


def test_sorting_puts_missing_values_last_both_ways() -> None:
    incidents: list[dict[str, Any]] = [
        {"id": "a", "killed": {"best": 3}},
        {"id": "b"},
        {"id": "c", "killed": {"best": 9}},
    ]
    assert [i["id"] for i in queries.sort_incidents(incidents, "killed", True)] == ["c", "a", "b"]
    assert [i["id"] for i in queries.sort_incidents(incidents, "killed", False)] == ["a", "c", "b"]


def test_timeline_months_and_automatic_bucket() -> None:
    incidents: list[dict[str, Any]] = [
        {"id": "a", "date": {"start": "2023-11-30"}, "killed": {"best": 1}},
        {"id": "b", "date": {"start": "2024-02-02"}, "killed": {"best": 4}},
    ]
    months = queries.timeline(incidents, "month")
    assert [m["period"] for m in months] == ["2023-11-01", "2023-12-01", "2024-01-01", "2024-02-01"]
    assert queries.timeline_bucket(incidents, "auto") == "week"  # 64 days apart: more than two months of days
    assert queries.timeline_bucket(incidents[:1], "auto") == "day"
    assert (
        queries.timeline_bucket([*incidents, {"id": "c", "date": {"start": "2027-01-01"}}], "auto") == "month"
    )


def test_admin_users_page_adds_a_user_and_refuses_others(world: tuple[Store, Seeded, Settings]) -> None:
    store, _, _ = world
    client = client_for(world)
    login(client, "eddie")
    assert client.get("/admin/users").status_code == 403
    login(client, "root")
    page = client.get("/admin/users")
    assert page.status_code == 200 and "eddie" in page.text
    response = client.post(
        "/admin/users",
        data={
            "name": "kim",
            "role": "editor",
            "password": "kims-long-pass",
            "csrf_token": form_token(page.text),
        },
    )
    assert response.status_code == 200 and "User kim added as editor." in response.text
    kim = store.get_user("kim")
    assert kim is not None and kim.role == "editor"


def test_decisions_survive_relinking_with_the_real_linker(world: tuple[Store, Seeded, Settings]) -> None:
    from incidentdb.web import pipeline_bridge

    store, seeded, settings = world
    client = client_for(world)
    headers = {"X-CSRF-Token": login(client, "eddie")}
    incident = seeded.incidents["xss"]
    assert client.post(
        f"/api/incidents/{incident}/confirm", json={"reason": "video"}, headers=headers
    ).is_success
    edit = {"fields": {"location.name": "Deir ez-Zor city"}, "reason": "the report names the city"}
    assert client.post(f"/api/incidents/{incident}/edit", json=edit, headers=headers).is_success
    pipeline_bridge.relink(store, settings)  # a new machine linking run replaces every incident row
    after = client.get(f"/api/incidents/{incident}").json()["incident"]
    assert after["grade"] == "confirmed"
    assert after["location"]["name"] == "Deir ez-Zor city"


@pytest.mark.postgres
def test_web_on_postgresql(postgres_url: str, tmp_path: Path) -> None:
    store = open_store(postgres_url)
    try:
        seeded = seed(store, tmp_path)
        settings = Settings.model_validate({"database_url": postgres_url, "secret_key": "pg-" + "x" * 32})
        client = TestClient(create_app(settings, store=store))
        headers = {"X-CSRF-Token": login(client, "eddie")}
        assert client.get("/api/incidents").json()["count"] == 4
        incident = seeded.incidents["maarat"]
        body = {"fields": {"killed.best": 6}, "reason": "pg check"}
        assert client.post(f"/api/incidents/{incident}/edit", json=body, headers=headers).is_success
        assert client.get(f"/api/incidents/{incident}").json()["incident"]["killed"]["best"] == 6
        assert "pg check" in client.get(f"/incidents/{incident}").text
    finally:
        store.close()


def test_incident_list_pages_long_results(
    world: tuple[Store, Seeded, Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    from incidentdb.web import pages

    monkeypatch.setattr(pages, "PAGE_SIZE", 3)
    client = client_for(world)
    login(client, "ana")
    first = client.get("/incidents?sort=date&order=asc").text
    second = client.get("/incidents?sort=date&order=asc&page=2").text
    assert first.count("<tr data-incident=") == 3 and second.count("<tr data-incident=") == 1
    assert "Page 1 of 2" in first and "page=2" in first and "Page 2 of 2" in second


def test_unknown_pages_are_html_404s_and_login_returns_to_the_filtered_page(
    world: tuple[Store, Seeded, Settings],
) -> None:
    client = client_for(world)
    redirect = client.get("/incidents?admin1=Idlib", follow_redirects=False)
    assert redirect.headers["location"] == "/login?next=/incidents%3Fadmin1%3DIdlib"
    token = form_token(client.get(redirect.headers["location"]).text)
    back = client.post(
        "/login",
        data={
            "name": "ana",
            "password": PASSWORDS["ana"],
            "csrf_token": token,
            "next": "/incidents?admin1=Idlib",
        },
        follow_redirects=False,
    )
    assert back.headers["location"] == "/incidents?admin1=Idlib"
    missing = client.get("/no-such-page")
    assert missing.status_code == 404 and "text/html" in missing.headers["content-type"]
    assert client.get("/api/no-such-thing").json() == {"detail": "Not Found"}


def test_document_list_search(world: tuple[Store, Seeded, Settings]) -> None:
    client = client_for(world)
    login(client, "ana")
    assert client.get("/documents").text.count('<a href="/documents/') == 5
    assert client.get("/documents?q=levant+market").text.count('<a href="/documents/') == 1


def test_merged_ids_lead_to_the_kept_incident_and_rejections_show_why(
    world: tuple[Store, Seeded, Settings],
) -> None:
    _, seeded, _ = world
    client = client_for(world)
    headers = {"X-CSRF-Token": login(client, "eddie")}
    keep, other = seeded.incidents["jisr"], seeded.incidents["jisr_again"]
    assert client.post(
        "/api/merge", json={"ids": [keep, other], "reason": "same farm"}, headers=headers
    ).is_success
    followed = client.get(f"/incidents/{other}")
    assert str(followed.url).endswith(f"/incidents/{keep}") and "was merged into this one" in followed.text
    xss = seeded.incidents["xss"]
    assert client.post(
        f"/api/incidents/{xss}/reject", json={"reason": "staged video"}, headers=headers
    ).is_success
    gone = client.get(f"/incidents/{xss}")
    assert gone.status_code == 410 and "staged video" in gone.text and 'data-testid="audit"' in gone.text


def test_audit_rows_show_only_what_changed() -> None:
    from incidentdb.store import AuditEntry
    from incidentdb.web.detail import audit_changes

    before = {
        "id": "i",
        "killed": {"best": 5},
        "grade": "fair",
        "claims": [1],
        "mentions": [{"document": "d", "mention": 0}],
    }
    after = {
        "id": "i",
        "killed": {"best": 6},
        "grade": "fair",
        "claims": [2],
        "mentions": [{"document": "d", "mention": 0}],
    }
    entry = AuditEntry(1, "eddie", dt.datetime(2024, 1, 1), "incident", "i", "edit", before, after, "why")
    assert audit_changes(entry) == ({"killed": {"best": 5}}, {"killed": {"best": 6}})


def test_the_published_default_secret_never_signs_sessions(world: tuple[Store, Seeded, Settings]) -> None:
    import base64
    import json as jsonlib

    from itsdangerous import TimestampSigner

    store, _, settings = world

    def forged_cookie(key: str) -> str:
        payload = base64.b64encode(jsonlib.dumps({"user": "root"}).encode())
        return TimestampSigner(key).sign(payload).decode()

    # Control: a cookie signed with the configured key is accepted (so the forgery below is well-formed).
    client = TestClient(create_app(settings, store=store))
    client.cookies.set("incidentdb_session", forged_cookie(settings.secret_key))
    assert client.get("/api/users").status_code == 200
    defaults = settings.model_copy(update={"secret_key": "change-me-in-production"})
    client = TestClient(create_app(defaults, store=store))
    client.cookies.set("incidentdb_session", forged_cookie("change-me-in-production"))
    assert client.get("/api/users").status_code == 401
