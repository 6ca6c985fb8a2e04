"""Command-line tools: `flask --app workshop export|import|purge`."""
import json
from pathlib import Path

import click

from activities.base import Rejected

from . import archive, export
from .security import normalise_code


def register(app):
    engine = app.extensions["roundtable"]

    @app.cli.command("export")
    @click.argument("code")
    @click.option("--format", "fmt", type=click.Choice(list(export.FORMATS)),
                  default=export.DEFAULT, show_default=True,
                  help="; ".join(f"{f.name}: {f.label.lower()}, {f.about}"
                                 for f in export.FORMATS.values()) + ".")
    @click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                  help="Where to write it (default: the usual file name here).")
    def export_command(code, fmt, output):
        """Write a workshop's outputs to a file."""
        normal = normalise_code(code)
        if normal is None or engine.workshop(normal) is None:
            raise click.ClickException(f"There is no workshop with the code {code}.")
        chosen = export.FORMATS[fmt]
        body = chosen.make(engine, normal)
        path = output or Path(chosen.file_name(normal))
        path.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
        click.echo(f"Wrote {path}")

    @app.cli.command("import")
    @click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @click.option("--agenda-only", is_flag=True,
                  help="Take the agenda only, as a template for a new workshop.")
    def import_command(path, agenda_only):
        """Create a new workshop from a JSON export."""
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            code, key = archive.import_document(engine, document, agenda_only)
        except (ValueError, Rejected) as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"Created workshop {code}. Facilitator key: {key}")
        click.echo(f"Open /f/{code}/{key} on this server to run it.")

    @app.cli.command("purge")
    def purge_command():
        """Delete every workshop unused for longer than RETENTION_DAYS."""
        codes = engine.purge()
        click.echo(f"Deleted {len(codes)} workshop(s){': ' + ', '.join(codes) if codes else ''}.")
