"""Errors that services raise for the views, the API and the CLI to report."""

from typing import Any

from django.core.exceptions import ValidationError


class StaleVersionError(ValidationError):
    """A save was based on an older version than the one now stored.

    Carries both sides so the form can show them for merging; nothing typed is
    thrown away.
    """

    def __init__(self, message: str, *, current: Any, submitted: dict[str, Any]):
        super().__init__(message, code="stale")
        self.current = current
        self.submitted = submitted


class StaleApprovalError(ValidationError):
    """An approval was of a revision older than the one now stored: what the
    approver saw is not what would be published, so nothing is recorded."""

    def __init__(self, message: str, *, shown: int, current: int | None):
        super().__init__(message, code="stale_approval")
        self.shown = shown
        self.current = current
