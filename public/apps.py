from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    """The citizen-facing site: published disclosures only, open data, charts."""

    name = "public"
    verbose_name = _("公开网站")

    def ready(self):
        from public import receivers  # noqa: F401  (connects the signal receivers)
