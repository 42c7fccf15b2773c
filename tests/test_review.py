"""Review decisions (merge, split, confirm, reject, edit) stored with who/when/why and kept across `link`."""

from __future__ import annotations

from pathlib import Path

import pytest

from incidentdb import review
from incidentdb.cli.link_cmd import link_store
from incidentdb.ingest.api import iter_documents
from incidentdb.link.evaluate import oracle_extractor
from incidentdb.store import Store, open_store

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "links"
WANTED = ("maarat", "kafranbel", "haas", "hass-", "/has", "douma-market", "duma-market", "douma-16-aug")


@pytest.fixture
def store(store_url: str) -> Store:
    """A store holding the gold mentions of a few incidents of the linking corpus, linked once."""
    opened = open_store(store_url)
    extract = oracle_extractor(CORPUS / "gold.json")
    for doc in iter_documents([CORPUS / "reports.jsonl"]):
        if any(w in doc.source for w in WANTED):
            opened.save_extraction(extract(doc))
    link_store(opened)
    return opened


def _holding(store: Store, fragment: str) -> dict:
    rows = review.reviewed_incidents(store)
    return next(r for r in rows if any(fragment in m["document"] for m in r["mentions"]))


def test_merge_survives_relinking_and_is_audited(store: Store) -> None:
    market = _holding(store, "maarat-market")
    village = _holding(store, "kafranbel")
    assert market["id"] != village["id"]
    review.merge(store, [market["id"], village["id"]], who="ana", why="one wave of strikes")
    merged = _holding(store, "kafranbel")
    assert merged["id"] == market["id"]
    assert len(merged["mentions"]) == len(market["mentions"]) + 1
    assert merged["killed"]["low"] == 2  # figures reconciled again over all the mentions
    assert merged["review"][0]["who"] == "ana"

    link_store(store)  # a new machine run replaces the incidents; the decision still applies
    assert _holding(store, "kafranbel")["id"] == market["id"]

    audit = store.list_audit(entity="incident", entity_id=market["id"])
    assert audit and audit[0].who == "ana" and audit[0].why == "one wave of strikes"
    assert audit[0].before is not None and audit[0].after is not None
    assert len(audit[0].after["mentions"]) > len(audit[0].before["mentions"])


def test_split_confirm_reject_edit(store: Store) -> None:
    haas = _holding(store, "haas-school")
    moved = next(m for m in haas["mentions"] if "rights-log" in m["document"])
    review.split(store, haas["id"], [(moved["document"], moved["mention"])], who="ben", why="later summary")
    rows = review.reviewed_incidents(store)
    assert _holding(store, "rights-log")["id"] != _holding(store, "haas-school")["id"]
    assert len(rows) == len(store.list_incidents(apply_review=False)) + 1

    douma = _holding(store, "douma-market")
    review.confirm(store, douma["id"], who="ana", why="matches the hospital list")
    confirmed = _holding(store, "douma-market")
    assert confirmed["grade"] == "confirmed" and "ana" in confirmed["grade_reason"]

    review.edit(store, douma["id"], {"killed": {"low": 96, "best": 100, "high": 112}}, who="ana", why="lists")
    assert _holding(store, "douma-market")["killed"]["best"] == 100

    village = _holding(store, "kafranbel")
    review.reject(store, village["id"], who="ben", why="not verifiable")
    assert all(r["id"] != village["id"] for r in review.reviewed_incidents(store))

    link_store(store)
    assert _holding(store, "douma-market")["grade"] == "confirmed"
    assert all(r["id"] != village["id"] for r in review.reviewed_incidents(store))
    decisions = store.list_decisions()
    assert [d.action for d in decisions] == ["split", "confirm", "edit", "reject"]
    assert all(d.who and d.at for d in decisions)


def test_decisions_follow_their_mentions_when_ids_change(store: Store) -> None:
    douma = _holding(store, "douma-market")
    review.confirm(store, douma["id"], who="ana", why="checked")
    renamed = []
    for row in store.list_incidents(apply_review=False):
        renamed.append({**row, "id": "new-" + row["id"]})
    store.save_incidents(renamed, replace=True)
    assert _holding(store, "douma-market")["grade"] == "confirmed"


def test_bad_decisions_are_refused(store: Store) -> None:
    with pytest.raises(LookupError):
        review.confirm(store, "inc-does-not-exist", who="ana")
    with pytest.raises(ValueError):
        review.confirm(store, _holding(store, "douma-market")["id"], who="")
    with pytest.raises(ValueError):
        review.merge(store, [_holding(store, "douma-market")["id"]], who="ana")


def test_cli_link_review_and_incidents(store: Store, store_url: str) -> None:
    import json

    from typer.testing import CliRunner

    from incidentdb.cli.main import app

    runner = CliRunner()
    result = runner.invoke(app, ["link", "--db", store_url, "--no-extract-missing"])
    assert result.exit_code == 0, result.output
    douma = _holding(store, "douma-market")["id"]
    result = runner.invoke(
        app, ["review", "confirm", douma, "--who", "ana", "--why", "lists", "--db", store_url]
    )
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["review", "reject", "inc-nope", "--who", "ana", "--db", store_url])
    assert result.exit_code == 2
    result = runner.invoke(app, ["incidents", "--format", "jsonl", "--db", store_url])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert next(r for r in rows if r["id"] == douma)["grade"] == "confirmed"
    assert all({"id", "grade", "grade_reason", "conflicts", "mentions", "killed"} <= set(r) for r in rows)


def test_review_refuses_what_an_analyst_should_not_record(store: Store) -> None:
    douma = _holding(store, "douma-market")
    with pytest.raises(ValueError, match="reason"):
        review.confirm(store, douma["id"], who="ana", why="  ")
    with pytest.raises(ValueError, match="cannot be edited"):
        review.edit(store, douma["id"], {"bogus_field": 1}, who="ana", why="x")
    with pytest.raises(ValueError, match="wrong type"):
        review.edit(store, douma["id"], {"killed": {"low": "abc"}}, who="ana", why="x")
    with pytest.raises(ValueError, match="grade"):
        review.edit(store, douma["id"], {"grade": "bogus"}, who="ana", why="x")
    with pytest.raises(LookupError, match="not mentions of"):
        review.split(store, douma["id"], [("zzz", 7)], who="ana", why="x")
    assert store.list_decisions() == []


def test_the_cli_takes_the_ids_the_table_shows(store: Store, store_url: str) -> None:
    from typer.testing import CliRunner

    from incidentdb.cli.main import app

    douma = _holding(store, "douma-market")
    runner = CliRunner()
    no_reason = runner.invoke(app, ["--db", store_url, "review", "confirm", douma["id"][:12], "--who", "ana"])
    assert no_reason.exit_code == 2  # --why is required
    done = runner.invoke(
        app, ["--db", store_url, "review", "confirm", douma["id"][:12], "--who", "ana", "--why", "checked"]
    )
    assert done.exit_code == 0, done.output
    assert [d.target_ids for d in store.list_decisions()] == [(douma["id"],)]
    unknown = runner.invoke(
        app, ["--db", store_url, "review", "reject", "inc-zzzz", "--who", "ana", "--why", "x"]
    )
    assert unknown.exit_code == 2 and "no incident" in unknown.output
