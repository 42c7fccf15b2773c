"""Region pack loading: schema validation, gazetteer merge, GeoNames import."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from incidentdb.packs import Pack, PackError, load_pack
from incidentdb.packs.geonames_import import import_geonames
from incidentdb.packs.loader import PACKS_DIR

SHARED_CITIES500 = Path("/work/shared/data/gazetteer/geonames_cities500_SY.tsv")


@pytest.fixture()
def pack_copy(tmp_path: Path) -> Path:
    """A writable copy of the Syria pack folder, to break on purpose."""
    dest = tmp_path / "mypack"
    shutil.copytree(PACKS_DIR / "syria", dest)
    return dest


@pytest.fixture()
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private user data dir, and a load_pack cache that does not leak between tests."""
    monkeypatch.setenv("INCIDENTDB_DATA_DIR", str(tmp_path / "data"))
    load_pack.cache_clear()
    yield tmp_path / "data"
    load_pack.cache_clear()


def test_syria_pack_loads_with_all_governorates() -> None:
    pack = load_pack()
    assert isinstance(pack, Pack)
    assert (pack.name, pack.country, pack.iso2) == ("syria", "Syria", "SY")
    governorates = {p.admin1 for p in pack.places if p.kind == "governorate"}
    assert len(governorates) == 14
    assert load_pack("syria") is pack  # cached


def test_governorate_spellings_map_to_acled_names() -> None:
    pack = load_pack()
    assert pack.admin1_name("Idlib") == "Idleb"
    assert pack.admin1_name("Latakia") == "Lattakia"
    assert pack.admin1_name("Tartus") == "Tartous"
    assert pack.admin1_name("Daraa") == "Dar'a"
    assert pack.admin1_name("Raqqa") == "Ar-Raqqa"
    assert pack.admin1_name("Hasakah") == "Al-Hasakeh"
    assert pack.admin1_name("Atlantis") is None


def test_gazetteer_merges_curated_and_geonames_rows() -> None:
    pack = load_pack()
    origins = {p.origin for p in pack.places}
    assert {"pack", "geonames"} <= origins
    homs = pack.place_by_id("homs")
    assert homs is not None and homs.kind == "city"
    assert abs(homs.lat - 34.73) < 0.02 and abs(homs.lon - 36.71) < 0.02
    # GeoNames' own Homs row was folded into the curated one instead of duplicating it
    assert sum(1 for p in pack.places if p.name == "Homs" and p.kind == "city") == 1
    baba_amr = pack.place_by_id("homs-baba-amr")
    assert baba_amr is not None and baba_amr.parent == "homs"


def test_every_curated_neighbourhood_has_a_parent_city() -> None:
    pack = load_pack()
    for place in pack.places:
        if place.origin == "pack" and place.kind == "neighbourhood":
            parent = pack.place_by_id(place.parent or "")
            assert parent is not None, place.id
            assert parent.admin1 == place.admin1, place.id


def test_unknown_pack_name_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(PackError) as err:
        load_pack(str(tmp_path / "nowhere"))
    assert "no such pack" in err.value.reason


def test_pack_loads_from_a_folder_path(pack_copy: Path, data_dir: Path) -> None:
    pack = load_pack(str(pack_copy))
    assert pack.path == pack_copy.resolve()
    assert pack.place_by_id("homs-khaldiyeh") is not None


def test_bad_place_kind_names_the_file_and_line(pack_copy: Path, data_dir: Path) -> None:
    csv_path = pack_copy / "places.csv"
    lines = csv_path.read_text(encoding="utf-8").splitlines()
    lines[3] = lines[3].replace(",governorate,", ",planet,")
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(PackError) as err:
        load_pack(str(pack_copy))
    assert err.value.path == csv_path
    assert "line 4" in err.value.reason and "planet" in err.value.reason


def test_non_numeric_coordinate_is_refused(pack_copy: Path, data_dir: Path) -> None:
    csv_path = pack_copy / "places.csv"
    text = csv_path.read_text(encoding="utf-8").replace(",34.711,36.691,", ",north,36.691,", 1)
    csv_path.write_text(text, encoding="utf-8")
    with pytest.raises(PackError, match="lat/lon must be numbers"):
        load_pack(str(pack_copy))


def test_place_outside_the_country_is_refused(pack_copy: Path, data_dir: Path) -> None:
    csv_path = pack_copy / "places.csv"
    text = csv_path.read_text(encoding="utf-8").replace(",34.711,36.691,", ",48.85,2.35,", 1)
    csv_path.write_text(text, encoding="utf-8")
    with pytest.raises(PackError, match="outside the pack's bbox"):
        load_pack(str(pack_copy))


def test_actor_schema_error_names_actors_yaml(pack_copy: Path, data_dir: Path) -> None:
    path = pack_copy / "actors.yaml"
    path.write_text("actors:\n  - canonical: Somebody\n    kind: wizard\n", encoding="utf-8")
    with pytest.raises(PackError) as err:
        load_pack(str(pack_copy))
    assert err.value.path == path
    assert "wizard" in err.value.reason


def test_alias_shared_in_overlapping_periods_is_refused(pack_copy: Path, data_dir: Path) -> None:
    path = pack_copy / "actors.yaml"
    path.write_text(
        "actors:\n"
        "  - {canonical: Group A, kind: rebel, aliases: [the fighters], valid_from: 2012-01-01}\n"
        "  - {canonical: Group B, kind: rebel, aliases: [the fighters], valid_from: 2015-01-01}\n",
        encoding="utf-8",
    )
    with pytest.raises(PackError, match="same period"):
        load_pack(str(pack_copy))


def test_broken_yaml_manifest(pack_copy: Path, data_dir: Path) -> None:
    (pack_copy / "pack.yaml").write_text("name: [unclosed\n", encoding="utf-8")
    with pytest.raises(PackError) as err:
        load_pack(str(pack_copy))
    assert err.value.path.name == "pack.yaml"


def _dump_line(
    gid: int, name: str, alternates: str, lat: float, lon: float, fclass: str, fcode: str, adm1: str
) -> str:
    cols = [
        str(gid),
        name,
        name,
        alternates,
        str(lat),
        str(lon),
        fclass,
        fcode,
        "SY",
        "",
        adm1,
        "",
        "",
        "",
        "0",
    ]
    cols += ["", "400", "Asia/Damascus", "2020-01-01"]
    assert len(cols) == 19
    return "\t".join(cols)


def test_import_full_geonames_dump(tmp_path: Path, data_dir: Path) -> None:
    dump = tmp_path / "SY.txt"
    dump.write_text(
        "\n".join(
            [
                _dump_line(
                    900001, "Hayy Tajribi", "Tajribi Quarter,Hay Tajribi", 34.7301, 36.7002, "P", "PPLX", "11"
                ),
                _dump_line(900002, "Qaryat Tajribiyah", "Tajribiyah", 35.0101, 36.5002, "P", "PPL", "10"),
                _dump_line(900003, "Jabal Tajribi", "", 35.2, 36.4, "T", "MT", "10"),  # a mountain: skipped
                _dump_line(900004, "Elsewhere", "", 31.0, 35.0, "P", "PPL", "99"),  # unknown admin1: skipped
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    pack = load_pack()
    count = import_geonames(dump, pack)
    assert count == 2
    user_csv = data_dir / "gazetteer" / "syria.csv"
    assert user_csv.exists()
    load_pack.cache_clear()
    reloaded = load_pack()
    quarter = reloaded.place_by_id("gn:900001")
    assert quarter is not None
    assert (quarter.kind, quarter.admin1, quarter.origin) == ("neighbourhood", "Homs", "user")
    assert "Tajribi Quarter" in quarter.aliases
    assert reloaded.place_by_id("gn:900003") is None


def test_import_refuses_a_malformed_dump(tmp_path: Path, data_dir: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("1\tonly\tthree\n", encoding="utf-8")
    with pytest.raises(PackError, match="19 tab-separated columns"):
        import_geonames(bad, load_pack(), dest=tmp_path / "out.csv")
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.skipif(not SHARED_CITIES500.exists(), reason="shared GeoNames extract not on this machine")
def test_import_cities500_extract(tmp_path: Path, data_dir: Path) -> None:
    dest = tmp_path / "cities.csv"
    count = import_geonames(SHARED_CITIES500, load_pack(), dest=dest)
    assert count == 308
    text = dest.read_text(encoding="utf-8")
    assert "gn:163779" in text  # Tallbisah (Talbiseh)
    assert ",Homs," in text
