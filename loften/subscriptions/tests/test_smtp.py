"""The production path: e-mail over SMTP to a local sink (aiosmtpd), with the
List-Unsubscribe headers on the wire."""

import email
import email.header
import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Message as MessageHandler

from loften.subscriptions.email import confirmation_email_send
from loften.subscriptions.models import Subscription
from loften.testing.workflow import promise_with_parties

pytestmark = pytest.mark.django_db


class Sink(MessageHandler):
    def __init__(self):
        super().__init__()
        self.messages = []

    def handle_message(self, message):
        self.messages.append(message)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_sink(settings):
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 10
    yield sink
    controller.stop()


def test_a_confirmation_goes_over_smtp_with_the_unsubscribe_headers(smtp_sink):
    parties = promise_with_parties()
    subscription = Subscription.objects.create(
        email="medborgare@example.invalid",
        promise=parties.promise,
        token="s" * 43,
        language="en",
    )
    confirmation_email_send(subscription=subscription)
    (received,) = smtp_sink.messages
    parsed = email.message_from_string(received.as_string())
    assert parsed["To"] == "medborgare@example.invalid"
    subject = email.header.make_header(email.header.decode_header(parsed["Subject"]))
    assert str(subject) == "Confirm that you want e-mail from Löften"
    # A long header may be folded on the wire.
    assert "".join(parsed["List-Unsubscribe"].split()) == (
        f"<http://127.0.0.1:8000/en/prenumerera/avsluta/{'s' * 43}/>"
    )
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    body = parsed.get_payload(decode=True).decode()
    assert f"/en/prenumerera/bekrafta/{'s' * 43}/" in body
