"""The `loften` command: Django's management commands with clear configuration errors.

`loften migrate`, `loften runserver`, `loften import …` and every other management
command run through here. Configuration mistakes (a bad DATABASE_URL, a missing
secret in production) end with one sentence on standard error, not a traceback.
"""

import os
import sys

from django.core.exceptions import ImproperlyConfigured


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "loften"
    if not os.environ.get("DATABASE_URL"):
        # The default SQLite database lives in var/, which a fresh clone lacks.
        from pathlib import Path

        default_var = Path(__file__).resolve().parent.parent / "var"
        Path(os.environ.get("LOFTEN_VAR_DIR", default_var)).mkdir(exist_ok=True)
    try:
        from django.core.management import execute_from_command_line
        from django.db.utils import OperationalError

        try:
            execute_from_command_line(argv)
        except OperationalError as error:
            sys.exit(f"loften: cannot use the database: {_first_line(error)}")
    except ImproperlyConfigured as error:
        sys.exit(f"loften: configuration error: {_first_line(error)}")


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or error.__class__.__name__
    return text.splitlines()[0]


if __name__ == "__main__":
    main()
