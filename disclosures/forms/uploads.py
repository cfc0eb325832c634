"""What every upload form checks before it reads an untrusted file."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


def read_limited(upload) -> bytes:
    """The uploaded bytes, refused above UPLOAD_MAX_BYTES before anything parses them."""
    if upload.size > settings.UPLOAD_MAX_BYTES:
        raise ValidationError(
            _("文件过大（%(size)s），上限为%(limit)s。")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(settings.UPLOAD_MAX_BYTES)}
        )
    return upload.read()
