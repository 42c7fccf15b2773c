"""Take the README's screenshots of the web UI: `.venv/bin/python docs/screenshots.py`.

Builds a scratch database from the project's own hand-written development corpus (corpus/dev) through the real
pipeline (ingest -> extract -> link, the same calls the ingest page makes), serves it on a free local port and
photographs the main pages in Debian's Chromium with Playwright. Writes docs/screenshots/*.png.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT / "tests"))

from incidentdb.settings import Settings  # noqa: E402
from incidentdb.store import Store, open_store  # noqa: E402
from incidentdb.web import create_app, pipeline_bridge, review_actions  # noqa: E402
from incidentdb.web.auth import hash_password  # noqa: E402
from incidentdb.web.review_actions import reviewed  # noqa: E402
from web_seed import CHROMIUM, CHROMIUM_ARGS, REPORTS, LiveServer  # noqa: E402


def build(store: Store, settings: Settings, folder: Path) -> None:
    feed = folder / "two-outlets.jsonl"  # the web tests' reports of one shelling by two outlets (no XSS one)
    feed.write_text(
        "\n".join(json.dumps({k: r[k] for k in ("url", "title", "published", "text")}) for r in REPORTS[:4])
    )
    for path in [*sorted((ROOT / "corpus" / "dev").glob("*.txt")), feed]:
        for document_id in pipeline_bridge.ingest(store, settings, path):
            pipeline_bridge.extract(store, settings, document_id)
    pipeline_bridge.relink(store, settings)
    store.add_user("editor", "editor", hash_password("screenshot-pass"))


def showcase(incidents: list[dict[str, Any]]) -> dict[str, Any]:
    """The incident that shows the most: several sources, then conflicting values, then claims."""
    return max(
        incidents,
        key=lambda i: (
            len(i.get("mentions") or []),
            len(i.get("conflicts") or []),
            len(i.get("claims") or []),
        ),
    )


def noisiest_document(store: Store) -> str:
    """The document with the most page furniture marked (to show how removed parts look)."""
    docs = [store.get_document(d.id) for d in store.list_documents()]
    return max((d for d in docs if d is not None), key=lambda d: (len(d.noise), -len(d.text))).id


def main() -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/screens.sqlite"
        settings = Settings.model_validate({"database_url": url, "secret_key": "screenshots-" + "s" * 32})
        store = open_store(url)
        build(store, settings, Path(folder))
        best = showcase(reviewed(store))
        review_actions.confirm(
            store, best["id"], who="editor", why="two independent outlets; hospital list checked by phone"
        )
        document = noisiest_document(store)
        with LiveServer(create_app(settings, store=store)) as server, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1360, "height": 900})
            base = server.url
            page.goto(f"{base}/login")
            page.screenshot(path=str(OUT / "login.png"))
            page.fill("input[name=name]", "editor")
            page.fill("input[name=password]", "screenshot-pass")
            page.click("button:has-text('Sign in')")
            page.wait_for_url(f"{base}/incidents")
            page.goto(f"{base}/incidents?sort=killed&order=desc")
            page.screenshot(path=str(OUT / "incidents.png"))
            page.goto(f"{base}/map")
            page.wait_for_selector("#map[data-markers]")
            page.wait_for_timeout(400)  # let Leaflet finish its zoom animation before the picture
            page.screenshot(path=str(OUT / "map.png"))
            page.goto(f"{base}/timeline")
            page.wait_for_selector("#timeline svg")
            page.screenshot(path=str(OUT / "timeline.png"))
            page.goto(f"{base}/incidents/{best['id']}")
            page.screenshot(path=str(OUT / "incident.png"), full_page=True)
            page.goto(f"{base}/documents/{document}")
            noise = page.locator(".source-text .noise")
            if noise.count():
                noise.first.evaluate(
                    "el => el.parentElement.scrollTo(0, el.offsetTop - el.parentElement.offsetTop - 200)"
                )
            page.screenshot(path=str(OUT / "document.png"))
            page.goto(f"{base}/ingest")
            page.set_input_files(
                "input[type=file]",
                [
                    str(
                        ROOT
                        / "corpus"
                        / "dev"
                        / sorted(p.name for p in (ROOT / "corpus" / "dev").glob("*.txt"))[0]
                    )
                ],
            )
            page.click("#ingest-form button[type=submit]")
            page.wait_for_selector("text=Done:")
            page.screenshot(path=str(OUT / "ingest.png"))
            browser.close()
        store.close()
    print(f"wrote {len(list(OUT.glob('*.png')))} screenshots to {OUT}")


if __name__ == "__main__":
    main()
