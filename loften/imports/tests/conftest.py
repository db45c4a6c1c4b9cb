import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from loften.imports.parsing.municipalities import load_municipality_refs

from . import documents

REPO_ROOT = Path(__file__).resolve().parents[3]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SCHEMA_PATH = REPO_ROOT / "loften" / "imports" / "schema" / "import-result.schema.json"
KOMMUNER_CSV = REPO_ROOT / "loften" / "geography" / "data" / "kommuner.csv"


@pytest.fixture(scope="session")
def refs():
    return load_municipality_refs(KOMMUNER_CSV)


@pytest.fixture(scope="session")
def schema_validator():
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="session")
def assert_valid(schema_validator):
    """Check one output object against the schema, with a readable failure."""

    def check(data):
        errors = sorted(schema_validator.iter_errors(data), key=lambda e: e.path)
        assert not errors, "; ".join(
            f"{list(error.path)}: {error.message}" for error in errors
        )

    return check


@pytest.fixture(scope="session")
def ljungby_docx():
    return documents.ljungby_docx()


@pytest.fixture(scope="session")
def sala_pdf():
    return documents.sala_pdf()


@pytest.fixture(scope="session")
def heby_pdf():
    return documents.heby_pdf()


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def people(db):
    from loften.testing.imports import import_people

    return import_people()
