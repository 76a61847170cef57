"""``eventlens gazetteer ...``: manage the geo index (the lead mounts ``app``)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from eventlens.config import Config
from eventlens.errors import InputError

app = typer.Typer(help="Gazetteer index: import GeoNames dumps, show where the index lives.",
                  no_args_is_help=True)


@app.command("import")
def import_cmd(
    file: Path = typer.Argument(..., help="GeoNames dump: allCountries.txt, XX.txt, cities500.txt, "
                                          "alternateNamesV2.txt or admin1CodesASCII.txt"),
    index: Path | None = typer.Option(None, "--index", help="Index file (default: the one "
                                                             "eventlens uses)"),
) -> None:
    """Load a GeoNames dump (19-column format) into the gazetteer index; bad lines are counted."""
    from eventlens.geo import default_index_path
    from eventlens.geo.build import import_dump
    from eventlens.geo.gazetteer import open_or_build

    if not file.is_file():
        raise InputError(str(file), "no such file; pass a GeoNames dump such as LY.txt")
    path = index or default_index_path(Config())
    open_or_build(path).close()
    stats = import_dump(path, file)
    typer.echo(json.dumps({"index": str(path), **stats.as_dict()}))


@app.command("path")
def path_cmd() -> None:
    """Print the path of the default index."""
    from eventlens.geo import default_index_path

    typer.echo(str(default_index_path(Config())))
