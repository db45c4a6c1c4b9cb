#!/usr/bin/env python
"""Django's manage.py; `loften` (installed by `make`) is the same command."""

from loften.cli import main

if __name__ == "__main__":
    main()
