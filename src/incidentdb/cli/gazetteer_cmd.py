"""`incidentdb gazetteer import geonames FILE`: load a full GeoNames country dump into the user gazetteer."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from incidentdb.cli.common import EXIT_SOME_FAILED, err, out

gazetteer_app = typer.Typer(help="The region pack's gazetteer: import a GeoNames dump for village coverage.")
import_app = typer.Typer(help="Import place data into the user gazetteer.")
gazetteer_app.add_typer(import_app, name="import")


@import_app.command("geonames")
def import_geonames_cmd(
    file: Annotated[
        Path, typer.Argument(help="GeoNames dump: SY.txt / allCountries.txt (19 columns) or a cities TSV.")
    ],
    pack: Annotated[str, typer.Option("--pack", help="Region pack whose country is kept.")] = "syria",
    dest: Annotated[
        Path | None,
        typer.Option("--dest", help="Write here instead of the user gazetteer (INCIDENTDB_DATA_DIR)."),
    ] = None,
) -> None:
    """Keep the pack country's populated places and neighbourhoods; later runs of `extract` geocode with them."""
    from incidentdb.packs import PackError, load_pack
    from incidentdb.packs.geonames_import import import_geonames
    from incidentdb.packs.loader import user_gazetteer_path

    try:
        loaded = load_pack(pack)
        rows = import_geonames(file, loaded, dest)
    except PackError as exc:
        err.print(f"{exc}", markup=False)
        raise typer.Exit(EXIT_SOME_FAILED) from exc
    target = dest if dest is not None else user_gazetteer_path(loaded.name)
    out.print(f"imported {rows} places from {file} into {target}", markup=False)


def register(app: typer.Typer) -> None:
    app.add_typer(gazetteer_app, name="gazetteer")
