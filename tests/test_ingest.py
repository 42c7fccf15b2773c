"""Ingest: verbatim text, furniture detection, HTML cleaning, feeds, every bad-input case, idempotence."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from incidentdb.ingest import IngestError, detect_noise, ingest_paths, iter_documents
from incidentdb.ingest.html import html_to_text
from incidentdb.records import Document
from incidentdb.settings import get_settings
from incidentdb.store import open_store

ARTICLE = (
    "Rebels seize checkpoint near Maarat al-Numan\n"
    "Opposition fighters seized an army checkpoint on the outskirts of Maarat al-Numan in Idlib province on "
    "Tuesday after a three-hour battle, a monitoring group said.\n"
    "The Syrian Observatory for Human Rights said eleven soldiers and four rebels were killed in the fighting "
    "near the Damascus-Aleppo highway.\n"
    "Government aircraft later struck villages around Maarat al-Numan, the group added.\n"
)


def read_all(paths: Sequence[str | Path], **kw: object) -> tuple[list[Document], list[IngestError]]:
    errors: list[IngestError] = []
    docs = list(iter_documents(paths, on_error=errors.append, **kw))  # type: ignore[arg-type]
    return docs, errors


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def noise_quotes(text: str) -> list[str]:
    spans = detect_noise(text)
    for span in spans:
        assert text[span.start : span.end] == span.quote
    return [s.quote for s in spans]


# ---- plain text --------------------------------------------------------------------------------------------
def test_seed_text_is_kept_verbatim_with_valid_noise_spans(seed_files: list[Path]) -> None:
    docs, errors = read_all(seed_files)
    assert not errors and len(docs) == 5
    for doc, path in zip(docs, seed_files, strict=True):
        raw = path.read_bytes()
        assert doc.raw == raw and doc.id == hashlib.sha256(raw).hexdigest()
        assert doc.text == raw.decode("utf-8") and doc.encoding == "utf-8"
        assert doc.source == str(path) and doc.media_type == "text/plain"
        for span in doc.noise:
            assert doc.text[span.start : span.end] == span.quote


def test_clean_article_has_no_noise() -> None:
    assert noise_quotes(ARTICLE) == []


def test_widget_lines_and_disclaimers_are_noise() -> None:
    text = (
        "Site Logo\n"
        + ARTICLE
        + "Share this article\nThis report was translated and edited by Example Desk. The views expressed in this "
        "article are the author's own.\nTags: Syria, Idlib\nCopyright 2024 Example Media\n"
    )
    quotes = noise_quotes(text)
    assert "Site Logo" in quotes and "Share this article" in quotes
    assert "This report was translated and edited by Example Desk." in quotes
    assert "The views expressed in this article are the author's own." in quotes
    assert "Copyright 2024 Example Media" in quotes
    assert not any("checkpoint" in q for q in quotes)


WIDGET_LINES = [
    "Story continues below advertisement",
    "Image source, Getty Images",
    "Image caption, Rescue workers search the rubble",
    "Listen to this article",
    "Sign up for our daily newsletter",
    "Follow @example on Twitter",
    "Join our WhatsApp channel",
    "Our Standards: The Thomson Reuters Trust Principles.",
    "Print this page",
    "Next article: Aid reaches Idlib",
    "Privacy policy | Terms of use",
    "Reporting by Jane Doe in Beirut; Editing by John Roe",
    "Tell us what you think",
    "Like this:",
]


@pytest.mark.parametrize("widget", WIDGET_LINES)
def test_widget_line_after_an_article_is_noise(widget: str) -> None:
    assert noise_quotes(ARTICLE + widget + "\n") == [widget]


def test_comment_section_late_in_text_is_noise_to_the_end() -> None:
    text = ARTICLE + "12 Comments\nGreat reporting, thanks.\nI disagree with the second paragraph entirely.\n"
    quotes = noise_quotes(text)
    assert quotes == [
        "12 Comments",
        "Great reporting, thanks.",
        "I disagree with the second paragraph entirely.",
    ]


def test_a_headline_list_ends_where_prose_resumes() -> None:
    prose = (
        "Later on Tuesday, government artillery shelled the eastern edge of Maarat al-Numan, and residents said "
        "several families fled towards the Turkish border as the fighting continued into the night.\n"
    )
    text = ARTICLE + "More on this story:\nAid convoy reaches besieged town\nTalks resume in Geneva\n" + prose
    assert noise_quotes(text) == [
        "More on this story:",
        "Aid convoy reaches besieged town",
        "Talks resume in Geneva",
    ]


def test_comment_link_early_in_text_marks_only_itself() -> None:
    text = "Leave a comment\n" + ARTICLE
    assert noise_quotes(text) == ["Leave a comment"]


def test_breadcrumbs_at_the_top_are_noise() -> None:
    text = "Home\n/\nWorld\n/\nMiddle East\n/\nRebels seize checkpoint\nRebels seize checkpoint\n" + ARTICLE
    quotes = noise_quotes(text)
    assert quotes[:7] == ["Home", "/", "World", "/", "Middle East", "/", "Rebels seize checkpoint"]
    assert len([q for q in quotes if q == "Rebels seize checkpoint"]) == 1  # the headline itself stays


def test_trailing_unrelated_teasers_are_noise_related_ending_is_not() -> None:
    teasers = (
        "Source: Example Wire\n"
        "Farmers expect a record olive harvest this autumn…\n"
        "City council approves new bus routes for commuters...\n"
        "Local choir wins national singing competition…\n"
    )
    quotes = noise_quotes(ARTICLE + teasers)
    assert quotes == [line for line in teasers.splitlines()[1:]]
    related_end = (
        ARTICLE + "Source: Example Wire\nMaarat al-Numan has changed hands several times since 2012.\n"
    )
    assert noise_quotes(related_end) == []


def test_trailing_teasers_without_an_end_marker_need_a_run_of_three() -> None:
    two = ARTICLE + "Farmers expect a record olive harvest\nCouncil approves new bus routes\n"
    assert noise_quotes(two) == []
    three = two + "Choir wins national singing competition\n"
    assert len(noise_quotes(three)) == 3


def test_menus_cookie_banners_credits_and_read_more_lists() -> None:
    text = (
        "World | Middle East\n"
        "Opinion | 3 May 2022\n"
        "We use cookies to give you the best experience. By browsing you accept our policy. [OK]\n"
        + ARTICLE
        + "This article was first published on 2 May 2022.\n"
        "(Reporting by Example Wire staff; editing by A. Editor)\n"
        "Share | Email | Print\n"
        "Read more:\n"
        "Talks on prisoner exchange resume in Geneva\n"
        "Aid convoy reaches besieged town\n"
    )
    quotes = noise_quotes(text)
    assert quotes[0] == "World | Middle East"
    assert "Opinion | 3 May 2022" not in quotes  # a dateline dates the report: not furniture
    assert quotes[1].startswith("We use cookies")
    assert "This article was first published on 2 May 2022." not in quotes
    assert quotes[2:] == [
        "(Reporting by Example Wire staff; editing by A. Editor)",
        "Share | Email | Print",
        "Read more:",
        "Talks on prisoner exchange resume in Geneva",
        "Aid convoy reaches besieged town",
    ]


def test_short_closing_paragraphs_of_a_roundup_are_not_teasers() -> None:
    roundup = ARTICLE + (
        "In Deraa, a roadside bomb killed two police officers.\n"
        "In Raqqa, a drone strike hit a car, wounding its driver.\n"
        "In Qamishli, three people were arrested after a protest.\n"
    )
    assert noise_quotes(roundup) == []


def test_crlf_text_is_kept_and_offsets_hold(tmp_path: Path) -> None:
    path = write(tmp_path / "crlf.txt", (ARTICLE + "Share this\n").replace("\n", "\r\n"))
    docs, _ = read_all([path])
    assert docs[0].text == path.read_bytes().decode("utf-8")  # CRLF kept: offsets count in the file's text
    assert [n.quote for n in docs[0].noise] == ["Share this"]


# ---- HTML ----------------------------------------------------------------------------------------------------
PAGE = """<!DOCTYPE html><html><head><title>Market shelled in Ariha | Example News</title>
<meta property="og:title" content="Market shelled in Ariha">
<meta property="article:published_time" content="2024-03-05T08:00:00Z"></head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li>
</ul></nav></header>
<article><h1>Market shelled in Ariha</h1>
<p>Artillery shells struck a crowded vegetable market in the town of Ariha in Idlib province on Monday morning,
killing at least six civilians and wounding fourteen others, local rescuers said.</p>
<p>The civil defence group said its teams pulled two children from the rubble of a shop near the market.</p>
<p>Read more: Football club wins regional cup after penalty shoot-out</p>
<p>Residents of Ariha said the market had been busy with shoppers buying food when the shells landed.</p>
<div class="more"><p>Celebrity chef opens new restaurant downtown</p><p>Stock markets rally as tech shares climb</p>
<p>Ten tips for a healthier breakfast routine</p><p>Film festival announces this year's jury</p></div>
</article>
<section id="comments"><h3>3 Comments</h3><div class="comment"><p>Praying for the families of the victims.</p>
</div><div class="comment"><p>Who is responsible for this attack?</p></div></section>
<aside><h3>Most read</h3><ul><li><a href="/a">Weather: storms expected on the coast</a></li>
<li><a href="/b">Local elections results announced</a></li></ul></aside>
<footer><p>Copyright 2024 Example News. All rights reserved.</p></footer></body></html>"""


def test_html_keeps_the_article_and_drops_furniture(tmp_path: Path) -> None:
    path = write(tmp_path / "page.html", PAGE)
    docs, errors = read_all([path])
    assert not errors
    doc = docs[0]
    assert doc.text.splitlines()[0] == "Market shelled in Ariha" and doc.title == "Market shelled in Ariha"
    assert "killing at least six civilians" in doc.text and "busy with shoppers" in doc.text
    for furniture in (
        "Sport",
        "Read more",
        "Celebrity chef",
        "Stock markets",
        "Praying for",
        "Most read",
        "storms expected",
        "Copyright",
        "Who is responsible",
    ):
        assert furniture not in doc.text, furniture
    assert "Praying for the families of the victims." in doc.removed
    assert "Read more: Football club wins regional cup after penalty shoot-out" in doc.removed
    assert str(doc.published_stated) == "2024-03-05" and doc.published_basis == "metadata"
    assert doc.media_type == "text/html" and doc.raw == PAGE.encode()


def test_html_title_is_not_doubled_when_the_headline_opens_the_text() -> None:
    page = html_to_text(
        "<html><head><title>Site | Rebels seize checkpoint</title>"
        '<meta property="og:title" content="Rebels seize checkpoint - Example News"></head>'
        "<body><article><h1>Rebels seize checkpoint near Maarat al-Numan</h1><p>"
        + ARTICLE.split("\n", 1)[1].replace("\n", "</p><p>")
        + "</p></article></body></html>"
    )
    assert page.title == "Rebels seize checkpoint near Maarat al-Numan"
    assert page.text.splitlines()[0] == page.title and "Example News" not in page.text


def test_html_without_date_metadata_leaves_it_unknown() -> None:
    page = html_to_text(
        "<html><body><article><p>" + ARTICLE.replace("\n", "</p><p>") + "</p></article></body></html>"
    )
    assert page.published is None and "eleven soldiers" in page.text


def test_html_in_a_declared_legacy_charset(tmp_path: Path) -> None:
    body = "قتل ثمانية مدنيين في قصف على حي الخالدية في مدينة حمص يوم الجمعة، بحسب ناشطين محليين في المدينة."
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256">'
        f"<title>قصف حمص</title></head><body><article><p>{body}</p></article></body></html>"
    )
    docs, errors = read_all([write(tmp_path / "ar.html", page.encode("cp1256"))])
    assert not errors
    assert docs[0].encoding == "cp1256" and body in docs[0].text


def test_html_fragments_keep_their_text_and_empty_pages_are_refused(tmp_path: Path) -> None:
    assert html_to_text("<p>Five people were killed.</p>").text == "Five people were killed."
    assert (
        html_to_text("<div>Shelling <b>hit</b> Homs<script>track()</script></div>").text
        == "Shelling hit Homs"
    )
    _, errors = read_all(
        [write(tmp_path / "blank.html", "<html><body><script>var x = 1;</script></body></html>")]
    )
    assert [e.reason for e in errors] == ["no main text found in the HTML"]


# ---- feeds ---------------------------------------------------------------------------------------------------
def test_jsonl_records_map_to_documents(tmp_path: Path) -> None:
    lines = [
        {
            "text": ARTICLE,
            "url": "https://example.org/a",
            "title": "Checkpoint",
            "published": "2019-05-07",
            "source": "Example",
        },
        {"html": PAGE, "source": "Example News"},
        {"text": "Protest in Sweida square as hundreds gather.", "published": "2023-08-25T10:00:00+03:00"},
        {"text": "Shelling reported near Jisr al-Shughur.", "published": "Tue, 05 Mar 2024 08:00:00 GMT"},
    ]
    body = "\n".join(json.dumps(x) for x in lines) + "\n\n"
    path = write(tmp_path / "feed.jsonl", "\ufeff" + body)  # a byte-order mark must not break line 1
    docs, errors = read_all([path])
    assert not errors and len(docs) == 4
    first, second, third, fourth = docs
    assert (first.source, first.url, first.title, str(first.published_stated)) == (
        "https://example.org/a",
        "https://example.org/a",
        "Checkpoint",
        "2019-05-07",
    )
    assert first.text == ARTICLE and first.published_basis == "metadata"
    assert second.source == "Example News" and "Celebrity chef" not in second.text
    assert third.source == f"{path}#L3" and str(third.published_stated) == "2023-08-25"
    assert str(fourth.published_stated) == "2024-03-05"


# ---- bad input -----------------------------------------------------------------------------------------------
def test_every_bad_input_gets_one_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", ARTICLE)
    empty = write(tmp_path / "empty.txt", "")
    blank = write(tmp_path / "blank.txt", "  \n\n ")
    binary = write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    mixed = write(tmp_path / "mixed.txt", "Homs – ".encode() + b"caf\xe9 " + ARTICLE.encode())
    big = write(tmp_path / "big.txt", ARTICLE * 10)
    feed = write(
        tmp_path / "feed.jsonl",
        json.dumps({"text": ARTICLE})
        + "\n{not json\n"
        + '["a list"]\n'
        + json.dumps({"title": "no body"})
        + "\n"
        + json.dumps({"text": ARTICLE + "2"})
        + "\n",
    )
    missing = tmp_path / "missing.txt"
    broken_link = tmp_path / "link.txt"
    broken_link.symlink_to(tmp_path / "nowhere.txt")
    other = write(tmp_path / "report.pdf", b"%PDF-1.4")
    settings = get_settings().model_copy(update={"max_file_bytes": len(ARTICLE) * 5})
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    errors: list[IngestError] = []
    inputs = [good, empty, blank, binary, mixed, big, feed, missing, broken_link, other]
    report = ingest_paths(inputs, store=store, settings=settings, on_error=errors.append)
    reasons = {(Path(e.source).name, e.line): e.reason for e in errors}
    assert reasons[("empty.txt", None)] == "empty file"
    assert reasons[("blank.txt", None)] == "empty file"
    assert reasons[("image.txt", None)] == "binary file, not text"
    assert reasons[("mixed.txt", None)].startswith("invalid UTF-8 at byte 12")
    assert "over the size limit" in reasons[("big.txt", None)]
    assert reasons[("feed.jsonl", 2)].startswith("malformed JSON")
    assert reasons[("feed.jsonl", 3)] == "expected a JSON object"
    assert "no non-empty 'text' or 'html'" in reasons[("feed.jsonl", 4)]
    assert reasons[("missing.txt", None)] == "no such file or directory"
    assert reasons[("link.txt", None)] == "broken symbolic link"
    assert "unsupported file type '.pdf'" in reasons[("report.pdf", None)]
    assert len(errors) == 11 and report.errors == errors and report.exit_code == 1
    for error in errors:  # one line, naming the file (and line)
        line = error.one_line()
        assert "\n" not in line and line.startswith(error.source)
    assert str(errors[[e.line for e in errors].index(2)]).startswith(f"{feed}:2: ")
    # the good inputs went through, the bad ones left nothing behind
    assert sorted(i.source for i in report.items) == sorted([str(good), f"{feed}#L1", f"{feed}#L5"])
    assert len(store.list_documents(all_versions=True)) == 3
    store.close()


def test_legacy_encoding_is_decoded_not_refused(tmp_path: Path) -> None:
    text = "Residents of Homs’ old city said the café near the “clock tower” was shelled – again.\n"
    path = write(tmp_path / "legacy.txt", text.encode("cp1252"))
    docs, errors = read_all([path])
    assert not errors
    assert docs[0].text == text and docs[0].encoding == "cp1252"
    arabic = "قتل ثمانية مدنيين في قصف على حي الخالدية في مدينة حمص يوم الجمعة.\n"
    docs, errors = read_all([write(tmp_path / "arabic.txt", arabic.encode("cp1256"))])
    assert not errors and docs[0].text == arabic and docs[0].encoding == "cp1256"


def test_directories_are_walked_recursively_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    write(tmp_path / "a" / "one.txt", ARTICLE)
    write(tmp_path / "a" / "b" / "two.htm", PAGE)
    write(tmp_path / ".git" / "three.txt", ARTICLE + "x")
    write(tmp_path / "a" / "notes.md", "ignored")
    docs, errors = read_all([tmp_path])
    assert not errors
    assert sorted(Path(d.source).name for d in docs) == ["one.txt", "two.htm"]
    _, errors = read_all([tmp_path / "a" / "b" / ".." / "b" / "two.htm", tmp_path / ".git" / ".."])
    assert not errors


# ---- idempotence and versions through ingest_paths --------------------------------------------------------
def test_ingest_twice_is_a_no_op_and_changed_bytes_make_a_version(tmp_path: Path, seeds_dir: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    first = ingest_paths([seeds_dir], store=store)
    again = ingest_paths([seeds_dir], store=store)
    assert (first.count("new"), again.count("unchanged"), again.count("new")) == (5, 5, 0)
    path = write(tmp_path / "report.txt", ARTICLE)
    ingest_paths([path], store=store)
    write(path, ARTICLE.replace("eleven", "twelve"))
    report = ingest_paths([path], store=store)
    assert [(i.status, i.version) for i in report.items] == [("version", 2)]
    assert [v.version for v in store.document_versions(str(path))] == [1, 2]
    store.close()


def test_a_row_of_share_buttons_is_noise_and_never_the_title() -> None:
    text = (
        "Strike kills 5 in Idlib\nShare on Facebook  Share on Twitter  Email\n"
        "A strike killed five people in Idlib on Monday, rescuers said. Residents shared videos of the rubble.\n"
    )
    assert noise_quotes(text) == ["Share on Facebook  Share on Twitter  Email"]
