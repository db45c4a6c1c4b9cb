"""An organisation's logo: what may be uploaded, and where it is kept.

Logos are printed on the cover of follow-up reports. They are kept with the
other private files under MEDIA_ROOT and are only ever read by the server (the
report embeds them), never linked to, so a logo needs no public address. Only
PNG and JPEG are taken: an SVG can carry script and links to other files, and
a file is checked by opening it as an image, not by its name or the type the
browser claims.
"""

import uuid

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 1_000_000  # 1 MB: far more than a logo printed 2–3 cm high needs
MAX_SIDE = 4_000  # pixels; also keeps a crafted "image bomb" out
MIN_SIDE = 16
# Pillow's name of a format: the file extension it is stored under.
FORMATS = {"PNG": "png", "JPEG": "jpg"}
CONTENT_TYPES = {"png": "image/png", "jpg": "image/jpeg"}


def logo_upload_to(instance, filename: str) -> str:
    """A name of our own, never the uploaded one: logos/<random>.<png|jpg>."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    extension = "jpg" if extension in {"jpg", "jpeg"} else "png"
    return f"logos/{uuid.uuid4().hex}.{extension}"


def logo_format(file) -> str:
    """The extension ("png" or "jpg") of an uploaded logo, after checking that it
    is a PNG or JPEG image of a sensible size. Raises ValidationError."""
    from PIL import Image, UnidentifiedImageError

    size = getattr(file, "size", None)
    if size is None or size > MAX_BYTES:
        raise ValidationError(
            _("The logo may be at most %(size)s MB.")
            % {"size": MAX_BYTES // 1_000_000},
            code="logo_too_large",
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        with Image.open(file) as image:
            kind = image.format
            width, height = image.size
            if kind not in FORMATS:
                raise ValidationError(
                    _("The logo must be a PNG or JPEG image."), code="logo_format"
                )
            if max(width, height) > MAX_SIDE or min(width, height) < MIN_SIDE:
                raise ValidationError(
                    _(
                        "The logo must be between %(min)s and %(max)s pixels "
                        "wide and high."
                    )
                    % {"min": MIN_SIDE, "max": MAX_SIDE},
                    code="logo_dimensions",
                )
            image.verify()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(
            _("The logo must be a PNG or JPEG image."), code="logo_format"
        ) from error
    finally:
        file.seek(position)
    return FORMATS[kind]


def validate_logo(file) -> None:
    """The model field's validator: only a new upload is checked; a logo
    already stored was checked when it came."""
    if getattr(file, "_committed", False):
        return
    logo_format(file)
