"""`incidentdb serve` refuses bad input with one line and exit status 2, before starting a server."""

from __future__ import annotations

import socket
from pathlib import Path

from typer.testing import CliRunner

from incidentdb.cli.main import app


def test_a_database_that_cannot_be_opened() -> None:
    result = CliRunner().invoke(
        app, ["serve", "--db", "sqlite:////nonexistent-dir/x.sqlite", "--port", "8799"]
    )
    assert result.exit_code == 2
    assert "cannot open the database" in result.output


def test_a_port_out_of_range() -> None:
    assert CliRunner().invoke(app, ["serve", "--port", "99999"]).exit_code == 2


def test_a_port_in_use(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(
            app, ["serve", "--db", f"sqlite:///{tmp_path / 'x.sqlite'}", "--port", str(port)]
        )
    assert result.exit_code == 2
    assert "cannot listen" in result.output
