"""`incidentdb gazetteer import geonames FILE` through the CLI, on a dump written here and on the shared extract."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from incidentdb.cli.main import app
from incidentdb.packs import load_pack

SHARED = (
    Path(__file__).resolve().parents[1].parent / "shared" / "data" / "gazetteer" / "geonames_cities500_SY.tsv"
)

# Two rows in the 19-column GeoNames dump layout: a Syrian village (admin1 11 = Homs) and a place in Lebanon.
DUMP = (
    "9990001\tTayr Ma'lah\tTayr Ma'lah\tTeir Maala,Tir Maala\t34.802\t36.707\tP\tPPL\tSY\t\t11\t\t\t\t3000\t\t0\t"
    "Asia/Damascus\t2020-01-01\n"
    "9990002\tZahle\tZahle\t\t33.85\t35.90\tP\tPPLA\tLB\t\t02\t\t\t\t50000\t\t0\tAsia/Beirut\t2020-01-01\n"
)


def test_import_keeps_the_pack_country(tmp_path: Path) -> None:
    dump = tmp_path / "SY.txt"
    dump.write_text(DUMP, encoding="utf-8")
    dest = tmp_path / "gazetteer.csv"
    result = CliRunner().invoke(app, ["gazetteer", "import", "geonames", str(dump), "--dest", str(dest)])
    assert result.exit_code == 0, result.output
    assert "imported 1 places" in result.output
    text = dest.read_text(encoding="utf-8")
    assert "Tayr Ma'lah" in text and "Zahle" not in text


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["gazetteer", "import", "geonames", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "nope.txt" in result.output


def test_import_of_the_shared_cities_extract(tmp_path: Path) -> None:
    if not SHARED.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{SHARED} is missing")
        pytest.skip("shared gazetteer data not present")
    dest = tmp_path / "gazetteer.csv"
    result = CliRunner().invoke(app, ["gazetteer", "import", "geonames", str(SHARED), "--dest", str(dest)])
    assert result.exit_code == 0, result.output
    assert int(result.output.split()[1]) > 250
    load_pack.cache_clear()
