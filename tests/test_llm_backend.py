"""The optional LLM extractor against a local fake OpenAI-compatible server (stdlib http.server on 127.0.0.1).

What must hold: the contract shape and exact offsets; quotes the text does not hold are dropped, never given
offsets; a broken answer is a clear error naming the document while the rest of a batch goes on; retries are
bounded; and without configuration nothing touches the network (the rules backend runs).
"""

from __future__ import annotations

import datetime as dt
import json
import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from incidentdb.cli.main import app
from incidentdb.contract import contract_schema, to_contract
from incidentdb.extract.backends import BackendConfigError, extract_with
from incidentdb.extract.llm import LLMError, LLMExtractor, parse_answer
from incidentdb.extract.llm_grounding import normalise_types
from incidentdb.ingest import iter_documents
from incidentdb.records import Document
from incidentdb.settings import Settings, get_settings

# A report written for these tests (invented wording about a generic event; no real article's text).
REPORT = """Drone strike kills four civilians in Saraqeb market

Published: 12 March 2024

A drone strike on a vegetable market in the town of Saraqeb in Idlib province killed at least four civilians \
on Monday, the Syrian Observatory for Human Rights said.

Local rescuers said nine other people were wounded in the strike, which hit the town’s market shortly after noon.

In February 2020, government forces captured Saraqeb after weeks of heavy fighting.
"""

GOOD_ANSWER: dict[str, Any] = {
    "mentions": [
        {
            "kind": "incident",
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Air/drone strike",
            "evidence": [
                "A drone strike on a vegetable market in the town of Saraqeb in Idlib province killed at least "
                "four civilians on Monday",
                # the model writes a straight apostrophe where the report has a typographic one
                "nine other people were wounded in the strike, which hit the town's market",
            ],
            "date": "on Monday",
            "place": "Saraqeb",
            "actor1": None,
            "actor2": "civilians",
            "counts": [
                {
                    "category": "killed",
                    "quote": "killed at least four civilians",
                    "claimant": "the Syrian Observatory for Human Rights",
                },
                {
                    "category": "injured",
                    "quote": "nine other people were wounded",
                    "claimant": "Local rescuers",
                },
            ],
        },
        {
            "kind": "background",
            "event_type": "Battles",
            "sub_event_type": "Government regains territory",
            "evidence": [
                "In February 2020, government forces captured Saraqeb after weeks of heavy fighting."
            ],
            "date": "In February 2020",
            "place": "Saraqeb",
            "actor1": "government forces",
        },
    ]
}

Responder = Callable[[dict[str, Any]], tuple[int, str]]


def completion(content: str) -> str:
    """A chat-completion response body carrying ``content`` as the assistant's message."""
    return json.dumps({"id": "x", "object": "chat.completion", "choices": [{"index": 0, "message": {"role": "assistant", "content": content}}]})  # fmt: skip


class FakeLLM:
    """An OpenAI-compatible endpoint on a random local port; ``respond`` decides each answer."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.respond: Responder = lambda body: (200, completion(json.dumps(GOOD_ANSWER)))
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = json.loads(self.rfile.read(length))
                fake.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                status, payload = (
                    fake.respond(body)
                    if self.path == "/v1/chat/completions"
                    else (404, '{"error": "no route"}')
                )
                data = payload.encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:  # quiet test output
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def user_messages(self) -> list[str]:
        return [r["body"]["messages"][-1]["content"] for r in self.requests]


@pytest.fixture
def fake_llm() -> Iterator[FakeLLM]:
    fake = FakeLLM()
    fake.thread.start()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    return path


@pytest.fixture
def doc(report: Path) -> Document:
    return next(iter(iter_documents([report])))


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[pytest.MonkeyPatch]:
    """No LLM configuration in the environment; settings re-read for the test and afterwards."""
    for name in ("EXTRACTOR", "LLM_BASE_URL", "LLM_API_KEY", "LLM_MODEL"):
        monkeypatch.delenv(f"INCIDENTDB_{name}", raising=False)
    get_settings.cache_clear()
    yield monkeypatch
    get_settings.cache_clear()


def llm_settings(base_url: str, **update: Any) -> Settings:
    return get_settings().model_copy(update={"llm_base_url": base_url, **update})


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


def spans_of(output: dict[str, Any]) -> list[dict[str, Any]]:
    spans = []
    for mention in output["mentions"]:
        spans += mention["evidence"]
        for category in ("killed", "injured", "captured", "missing", "displaced"):
            spans += (mention[category] or {}).get("claims", [])
    return spans + [c for c in output["checks"] if c["quote"] is not None]


# ---- the happy path -------------------------------------------------------------------------------------
def test_grounded_answer_gives_valid_contract_json_with_exact_offsets(
    fake_llm: FakeLLM, doc: Document, clean_env: pytest.MonkeyPatch
) -> None:
    settings = llm_settings(fake_llm.base_url, llm_model="local-model", llm_api_key="sekret")
    output = to_contract(extract_with(doc, "llm", "syria", settings))

    jsonschema.Draft202012Validator(contract_schema()).validate(output)
    assert output["extractor"] == "llm"
    for span in spans_of(output):
        assert doc.text[span["start"] : span["end"]] == span["quote"]
    incident, background = output["mentions"]
    assert incident["kind"] == "incident" and background["kind"] == "background"
    assert (incident["event_type"], incident["sub_event_type"]) == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    # the typographic apostrophe of the text is what the evidence quotes, not the model's straight one
    assert (
        incident["evidence"][1]["quote"]
        == "nine other people were wounded in the strike, which hit the town’s market"
    )
    # pack normalisation: gazetteer spelling and province, the date resolved from "Monday" and the stated date
    assert (incident["location"]["name"], incident["location"]["admin1"]) == ("Saraqib", "Idleb")
    assert incident["location"]["lat"] is not None and incident["location"]["geo_precision"] == 1
    assert incident["date"] == {
        "start": "2024-03-11",
        "end": "2024-03-11",
        "precision": 1,
        "weekday": "Monday",
    }
    # nobody named: the pack's coding default for an unattributed air strike in March 2024 (defaults.yaml)
    assert (incident["actor1"], incident["actor2"]) == (
        "Military Forces of Syria (2000-2024)",
        "Civilians (Syria)",
    )
    killed = incident["killed"]
    assert (killed["low"], killed["claims"][0]["vague"]) == (4, "at least")
    assert killed["claims"][0]["claimant"] == "Syrian Observatory for Human Rights"
    assert killed["claims"][0]["quote"] == "killed at least four civilians"
    assert incident["injured"]["low"] == 9
    assert background["date"]["start"] == "2020-02-01" and background["date"]["precision"] == 3
    assert background["actor1"] == "Military Forces of Syria (2000-2024)"  # "government forces" in 2020
    # the request: JSON-mode chat completion with the configured model, key and the document's text
    (request,) = fake_llm.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["Authorization"] == "Bearer sekret"
    body = request["body"]
    assert body["model"] == "local-model" and body["response_format"] == {"type": "json_object"}
    assert "Air/drone strike" in body["messages"][0]["content"]
    assert doc.text in body["messages"][-1]["content"]


def test_publication_and_checks_are_the_rules_pipelines(
    fake_llm: FakeLLM, doc: Document, clean_env: pytest.MonkeyPatch
) -> None:
    llm = to_contract(extract_with(doc, "llm", "syria", llm_settings(fake_llm.base_url)))
    rules = to_contract(extract_with(doc, "rules", "syria", get_settings()))
    assert llm["document"] == rules["document"]
    assert llm["checks"] == rules["checks"]


# ---- grounding: nothing the text does not hold ----------------------------------------------------------
def test_hallucinated_quotes_are_dropped_never_given_offsets(
    fake_llm: FakeLLM, doc: Document, clean_env: pytest.MonkeyPatch
) -> None:
    answer = {
        "mentions": [
            {"kind": "incident", "sub_event_type": "Shelling/artillery/missile attack",
             "evidence": ["Rebel shelling killed ten people in Aleppo on Tuesday."], "place": "Aleppo"},
            {"kind": "incident", "event_type": "Explosions/Remote violence", "sub_event_type": "Drone attack",
             "evidence": ["Local rescuers said nine other people were wounded in the strike", "a second blast"],
             "place": "Maarat al-Numan", "date": "on Sunday", "actor1": "Russian warplanes",
             "counts": [{"category": "killed", "quote": "killed 40 people"},
                        {"category": "injured", "quote": "nine other people were wounded"}]},
        ]
    }  # fmt: skip
    fake_llm.respond = lambda body: (200, completion(json.dumps(answer)))
    extraction = extract_with(doc, "llm", "syria", llm_settings(fake_llm.base_url))

    (mention,) = extraction.mentions  # the first mention has no quote the text holds: dropped whole
    assert [s.quote for s in mention.evidence] == [
        "Local rescuers said nine other people were wounded in the strike"
    ]
    assert mention.location is None and mention.places == ()  # "Maarat al-Numan" is not in the report
    assert mention.actor1 == "Unidentified Armed Group (Syria)"  # "Russian warplanes" is not in it either
    assert mention.sub_event_type is None and mention.event_type == "Explosions/Remote violence"
    assert set(mention.counts) == {"injured"} and mention.counts["injured"].low == 9
    assert (
        mention.date is not None and mention.date.evidence is None
    )  # "on Sunday" is not there: writing window
    assert (mention.date.start, mention.date.end) == (dt.date(2024, 3, 12), dt.date(2024, 3, 12))
    notes = " ".join(mention.notes)
    assert "'a second blast'" in notes and "'killed 40 people'" in notes and "'Maarat al-Numan'" in notes


def test_quotes_inside_page_furniture_are_not_evidence(fake_llm: FakeLLM, tmp_path: Path) -> None:
    text = REPORT + "\nRelated: Drone strike kills four civilians in Saraqeb market\n"
    path = tmp_path / "with_teaser.txt"
    path.write_text(text, encoding="utf-8")
    document = next(iter(iter_documents([path])))
    answer = {"mentions": [{"kind": "incident", "evidence": ["Related: Drone strike kills four civilians"]}]}
    fake_llm.respond = lambda body: (200, completion(json.dumps(answer)))
    extraction = extract_with(document, "llm", "syria", llm_settings(fake_llm.base_url))
    noise = [text[s.start : s.end] for s in document.noise]
    assert any("Related:" in n for n in noise), noise  # the ingest marks the teaser line as furniture
    assert extraction.mentions == ()


def test_answers_in_other_common_shapes_are_grounded_the_same_way(
    fake_llm: FakeLLM, doc: Document, clean_env: pytest.MonkeyPatch
) -> None:
    """Models rename keys and nest values; what they quote is still located, and only that."""
    answer = {
        "events": [
            {
                "kind": "Incident",
                "sub_event_type": "Air/drone strike",
                "evidence": "A drone strike on a vegetable market in the town of Saraqeb",  # a string, not a list
                "place": {"name": "Saraqeb"},
                "actor2": "civilian",  # part of a word: widened to "civilians" before the pack lookup
                "counts": {
                    "killed": "killed at least four civilians",
                    "injured": [{"quote": "nine other people were wounded"}],
                },
            }
        ]
    }
    fake_llm.respond = lambda body: (200, completion(json.dumps(answer)))
    (mention,) = extract_with(doc, "llm", "syria", llm_settings(fake_llm.base_url)).mentions
    assert mention.kind == "incident" and mention.location is not None and mention.location.name == "Saraqib"
    assert (mention.counts["killed"].low, mention.counts["injured"].low) == (4, 9)
    assert mention.actor2 == "Civilians (Syria)"
    # no date quoted and none in the evidence: the date told in the same sentence ("on Monday")
    assert mention.date is not None and (mention.date.start, mention.date.weekday) == (
        dt.date(2024, 3, 11),
        "Monday",
    )


def test_sub_event_types_are_acleds_closed_vocabulary() -> None:
    assert normalise_types("Battles", "air/drone strike") == (
        "Explosions/Remote violence",
        "Air/drone strike",
    )
    assert normalise_types("Protests", "Drone attack") == ("Protests", None)
    assert normalise_types("Airstrikes", None) == (None, None)


# ---- errors: clear, bounded, per document ---------------------------------------------------------------
def test_bad_json_is_a_clear_error_naming_the_document_after_bounded_retries(
    fake_llm: FakeLLM, doc: Document, clean_env: pytest.MonkeyPatch
) -> None:
    fake_llm.respond = lambda body: (200, completion('{"mentions": [ {"kind": "incident", '))
    with pytest.raises(LLMError) as error:
        extract_with(doc, "llm", "syria", llm_settings(fake_llm.base_url))
    message = str(error.value)
    assert message.startswith(f"{doc.source}: LLM extractor: the model's answer is not valid JSON")
    assert "gave up after 3 attempts" in message
    assert len(fake_llm.requests) == 3


def test_server_errors_are_retried_and_client_errors_are_not(fake_llm: FakeLLM, doc: Document) -> None:
    statuses = iter([503, 200])
    fake_llm.respond = lambda body: (
        s := next(statuses),
        completion(json.dumps(GOOD_ANSWER)) if s == 200 else "",
    )
    with LLMExtractor(fake_llm.base_url, "m", backoff_seconds=0) as backend:
        assert len(backend.extract(doc).mentions) == 2
    assert len(fake_llm.requests) == 2

    fake_llm.requests.clear()
    fake_llm.respond = lambda body: (401, '{"error": "bad key"}')
    with (
        LLMExtractor(fake_llm.base_url, "m", backoff_seconds=0) as backend,
        pytest.raises(LLMError, match="HTTP 401"),
    ):
        backend.extract(doc)
    assert len(fake_llm.requests) == 1


def test_a_timeout_is_an_llm_error(doc: Document) -> None:
    listener = socket.socket()  # accepts connections and never answers
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/v1"
    try:
        with LLMExtractor(url, "m", timeout_seconds=0.2, max_attempts=2, backoff_seconds=0) as backend, \
                pytest.raises(LLMError, match=r"no answer .* in time .*gave up after 2 attempts"):  # fmt: skip
            backend.extract(doc)
    finally:
        listener.close()


def test_fenced_or_bare_list_answers_are_accepted() -> None:
    fenced = {"choices": [{"message": {"content": '```json\n{"mentions": [{"kind": "incident"}]}\n```'}}]}
    bare = {"choices": [{"message": {"content": '[{"kind": "background"}]'}}]}
    assert parse_answer(fenced) == [{"kind": "incident"}]
    assert parse_answer(bare) == [{"kind": "background"}]


def test_cli_batch_goes_on_past_a_broken_answer(
    fake_llm: FakeLLM, tmp_path: Path, clean_env: pytest.MonkeyPatch
) -> None:
    good = tmp_path / "a_good.txt"
    good.write_text(REPORT, encoding="utf-8")
    broken = tmp_path / "b_broken.txt"
    broken.write_text(REPORT.replace("vegetable market", "fish market"), encoding="utf-8")
    fake_llm.respond = lambda body: (
        (200, completion("Sorry, I cannot help with that."))
        if "fish market" in body["messages"][-1]["content"]
        else (200, completion(json.dumps(GOOD_ANSWER)))
    )
    clean_env.setenv("INCIDENTDB_LLM_BASE_URL", fake_llm.base_url)
    get_settings.cache_clear()

    code, out, err = run("extract", str(good), str(broken), "--extractor", "llm")
    assert code == 1
    (line,) = out.splitlines()
    output = json.loads(line)
    assert output["document"]["source"] == str(good) and output["extractor"] == "llm"
    assert len(output["mentions"]) == 2
    assert (
        f"{broken}: extraction failed: LLMError: {broken}: LLM extractor: the model's answer is not valid JSON"
        in err
    )


# ---- off by default -------------------------------------------------------------------------------------
@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every attempt to open a connection is recorded and refused."""
    attempts: list[Any] = []

    def refuse(self: socket.socket, address: Any) -> None:
        attempts.append(address)
        raise OSError("network use in a test that must stay offline")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


def test_without_configuration_the_rules_backend_runs_offline(
    report: Path, clean_env: pytest.MonkeyPatch, no_network: list[Any]
) -> None:
    code, out, err = run("extract", str(report))
    assert code == 0, err
    output = json.loads(out)
    assert output["extractor"] == "rules" and output["mentions"]
    assert no_network == []


def test_llm_without_an_endpoint_is_a_usage_error_not_a_request(
    report: Path, doc: Document, clean_env: pytest.MonkeyPatch, no_network: list[Any]
) -> None:
    code, out, err = run("extract", str(report), "--extractor", "llm")
    assert code == 2 and out == ""
    assert "INCIDENTDB_LLM_BASE_URL" in err
    clean_env.setenv("INCIDENTDB_EXTRACTOR", "llm")  # chosen through the environment: the same refusal
    get_settings.cache_clear()
    code, _, err = run("extract", str(report))
    assert code == 2 and "INCIDENTDB_LLM_BASE_URL" in err
    with pytest.raises(BackendConfigError, match="INCIDENTDB_LLM_BASE_URL"):
        extract_with(doc, "llm", "syria", get_settings())
    assert no_network == []


def test_docs_name_every_llm_setting() -> None:
    docs = (Path(__file__).resolve().parents[1] / "docs" / "llm.md").read_text(encoding="utf-8")
    names = [n for n in Settings.model_fields if n == "extractor" or n.startswith("llm_")]
    assert len(names) >= 5
    for name in names:
        assert f"`INCIDENTDB_{name.upper()}`" in docs, name


def test_a_model_quoting_perfectly_gets_the_gold_answers(tmp_path: Path) -> None:
    """The grounding layer on the development corpus, with the gold annotation's own quotes as the answer."""
    from llm_oracle import run_oracle

    figures = run_oracle(
        Path(__file__).resolve().parents[1] / "corpus" / "gold" / "dev", tmp_path / "o.jsonl"
    ).figures()
    assert figures["bad_offsets"] == 0 and figures["extraction_errors"] == 0
    assert figures["incident_f1"] == 1.0 and figures["leaks"] == 0 and figures["duplicates"] == 0
    assert figures["kind_accuracy"] == 1.0 and figures["sub_event_type_accuracy"] == 1.0
    assert figures["killed_accuracy"] == 1.0 and figures["injured_accuracy"] == 1.0
    for name in ("date_accuracy", "place_accuracy", "admin1_accuracy", "actor1_accuracy"):
        assert (figures[name] or 0) >= 0.9, (name, figures[name])


def test_llm_without_its_http_client_says_which_extra_to_install(
    doc: Document, clean_env: pytest.MonkeyPatch
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    clean_env.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "httpx" else real(name, *a)
    )
    with pytest.raises(BackendConfigError, match=r"incidentdb\[llm\]"):
        extract_with(doc, "llm", "syria", llm_settings("http://127.0.0.1:9/v1"))
