"""An incident that no gazetteer place could be found for still has a page (found by the QA pass: it was a 500)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from incidentdb.cli.main import app
from incidentdb.settings import Settings
from incidentdb.store import open_store
from incidentdb.web import create_app

REPORT = (
    "Strike on market kills five\n"
    "BEIRUT, March 4, 2017 (Test Wire) - An air strike hit a crowded market on Tuesday, killing five people, "
    "a monitor said.\n"
)


def test_incident_page_without_a_place(tmp_path: Path) -> None:
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'web.sqlite'}"
    runner = CliRunner()
    for args in (["ingest", str(tmp_path / "report.txt")], ["extract", "--from-store", "--save"], ["link"]):
        result = runner.invoke(app, ["--db", url, *args])
        assert result.exit_code == 0, result.output
    store = open_store(url)
    try:
        incidents = store.list_incidents()
        assert incidents and all(not (i.get("location") or {}).get("name") for i in incidents)
        settings = Settings.model_validate(
            {"database_url": url, "secret_key": "test-" + "x" * 32, "public_read_only": True}
        )
        client = TestClient(create_app(settings, store=store))
        page = client.get(f"/incidents/{incidents[0]['id']}")
        assert page.status_code == 200, page.text[:500]
        assert "unknown" in page.text
    finally:
        store.close()
