"""The document's source address: given on upload or on the command line, kept on
the import, shown on its page, and the promise year when the text names none."""

import html
import json
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from loften.core.models import AuditEntry
from loften.imports.models import SOURCE_URL_MAX_LENGTH, ImportJob
from loften.imports.tasks import process_import_job

pytestmark = pytest.mark.django_db

START = reverse("imports:start")
ADDRESS = "https://www.example.se/nyheter/arkiv/2021-03-15-nytt-medborgarlofte.html"
# A news item that names no year: only its address dates it.
NEWS = """\
Nytt medborgarlöfte för tryggare skolvägar i Nässjö
Polisen och Nässjö kommun har tecknat ett medborgarlöfte om tryggare skolvägar.
Polisen ska genomföra trafikkontroller vid skolorna.
Nässjö kommun ska ordna trygghetsvandringar kring skolorna.
"""


def page(response) -> str:
    return html.unescape(response.content.decode())


def upload(client, people, source_url, *names):
    return client.post(
        START,
        {
            "organisation": people.municipality.pk,
            "files": [SimpleUploadedFile(name, NEWS.encode()) for name in names],
            "source_url": source_url,
        },
    )


def test_the_source_address_is_kept_used_for_the_year_and_shown(
    client, people, django_capture_on_commit_callbacks
):
    client.force_login(people.editor)
    assert 'name="source_url"' in page(client.get(START))
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, people, f"  {ADDRESS} ", "nyhet.txt")
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.source_url == ADDRESS
    audit = AuditEntry.objects.get(action="import.upload")
    assert audit.changes["source_url"] == [None, ADDRESS]
    assert process_import_job.call(job.pk) == "ready"
    job.refresh_from_db()
    assert job.result["years"] == [2021]
    assert job.result["source_url"] == ADDRESS
    warning = f"Året 2021 är hämtat från källadressen ”{ADDRESS}”; kontrollera det."
    assert warning in job.result["warnings"]
    text = page(client.get(reverse("imports:job", kwargs={"job_id": job.pk})))
    assert "Källadress" in text
    assert f'<a href="{ADDRESS}" rel="noopener noreferrer nofollow">' in text
    assert warning in text


def test_without_a_source_address_nothing_is_kept(client, people):
    client.force_login(people.editor)
    assert upload(client, people, "", "nyhet.txt").status_code == 302
    assert ImportJob.objects.get().source_url == ""


@pytest.mark.parametrize(
    ("address", "message"),
    [
        (
            "javascript:alert(1)",
            "Ange webbadressen där dokumentet publicerades, med http:// eller "
            "https:// först.",
        ),
        (
            "ftp://www.example.se/lofte.pdf",
            "Ange webbadressen där dokumentet publicerades, med http:// eller "
            "https:// först.",
        ),
        (
            "https://www.example.se/" + "a" * SOURCE_URL_MAX_LENGTH,
            f"Källadressen får vara högst {SOURCE_URL_MAX_LENGTH} tecken lång.",
        ),
    ],
)
def test_a_bad_source_address_is_refused_in_the_form(client, people, address, message):
    client.force_login(people.editor)
    response = upload(client, people, address, "nyhet.txt")
    assert response.status_code == 200
    assert message in page(response)
    assert not ImportJob.objects.exists()


def test_a_source_address_belongs_to_one_file(client, people):
    client.force_login(people.editor)
    response = upload(client, people, ADDRESS, "a.txt", "b.txt")
    assert response.status_code == 200
    assert "En källadress hör till ett dokument: ladda upp den filen för sig." in page(
        response
    )
    assert not ImportJob.objects.exists()


# --- Command line -------------------------------------------------------------------


@pytest.fixture
def news_file(tmp_path):
    path = tmp_path / "nyhet.txt"
    path.write_text(NEWS, encoding="utf-8")
    return str(path)


def run(*args) -> list[str]:
    out = StringIO()
    call_command("import", *args, stdout=out, stderr=StringIO())
    return out.getvalue().splitlines()


def test_the_command_reads_the_year_from_the_source_address(news_file, assert_valid):
    (line,) = run("--dry-run", "--json", "--source-url", ADDRESS, news_file)
    data = json.loads(line)
    assert_valid(data)
    assert data["years"] == [2021]
    assert data["source_url"] == ADDRESS
    assert any("källadressen" in warning for warning in data["warnings"])
    (line,) = run("--dry-run", "--json", news_file)
    assert json.loads(line)["years"] == []


def test_the_command_keeps_the_source_address_on_the_import(people, news_file):
    run("--json", "--source-url", ADDRESS, news_file)
    job = ImportJob.objects.get()
    assert job.source_url == ADDRESS
    assert job.promise.start_date.year == 2021


def test_the_command_refuses_a_bad_source_address_or_several_files(news_file, tmp_path):
    with pytest.raises(CommandError, match="med http:// eller https://"):
        run("--dry-run", "--source-url", "javascript:alert(1)", news_file)
    other = tmp_path / "annan.txt"
    other.write_text(NEWS, encoding="utf-8")
    with pytest.raises(CommandError, match="En källadress hör till ett dokument"):
        run("--dry-run", "--source-url", ADDRESS, news_file, str(other))
