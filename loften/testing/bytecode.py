"""A pytest plugin, loaded before the others (pyproject.toml's addopts), that
keeps the compiled and assertion-rewritten modules between test runs even where
PYTHONDONTWRITEBYTECODE is set: compiling and rewriting them again cost every
test process (each xdist worker) several seconds of CPU."""

import sys

sys.dont_write_bytecode = False
