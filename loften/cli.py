"""The `loften` command: Django's management commands with clear configuration errors.

`loften migrate`, `loften runserver`, `loften import …` and every other management
command run through here. Configuration mistakes (a bad DATABASE_URL, a missing
secret in production, a database that cannot be reached) end with one sentence
on standard error, not a traceback.
"""

import os
import sys
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

# Commands that use the database from a thread or a child process, where an
# error would surface as a traceback: the connection is tried first.
CHECK_DATABASE_FIRST = {"runserver", "worker"}


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "loften"
    try:
        from django.conf import settings
        from django.core.management import execute_from_command_line
        from django.db.utils import OperationalError

        _make_var_dir(settings)
        try:
            if len(argv) > 1 and argv[1] in CHECK_DATABASE_FIRST:
                _connect()
            execute_from_command_line(argv)
        except OperationalError as error:
            sys.exit(f"loften: cannot use the database: {_first_line(error)}")
    except ImproperlyConfigured as error:
        sys.exit(f"loften: configuration error: {_first_line(error)}")


def _make_var_dir(settings) -> None:
    """Create the folder of the default SQLite database, which a fresh clone lacks."""
    # Reading a setting loads the settings module, so its errors surface here.
    folder = Path(settings.VAR_DIR)
    if os.environ.get("DATABASE_URL"):
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ImproperlyConfigured(
            f"cannot create LOFTEN_VAR_DIR {folder}: {error.strerror or error}."
        ) from None


def _connect() -> None:
    """Open and close a connection, so an unreachable database is reported before
    the command starts its threads."""
    from django.db import connection

    connection.ensure_connection()
    connection.close()


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or error.__class__.__name__
    return text.splitlines()[0]


if __name__ == "__main__":
    main()
