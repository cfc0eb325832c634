from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from catalogs.forms import CatalogUploadForm, LocalCodeForm
from catalogs.models import ClassificationCode
from catalogs.reading import CatalogFileError, read_catalog
from catalogs.services import CatalogImportError, import_catalog


@admin.register(ClassificationCode)
class ClassificationCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "scheme", "year", "level", "verified", "origin"]
    list_filter = ["scheme", "year", "level", "verified", "origin"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["parent"]
    list_per_page = 100
    change_list_template = "admin/catalogs/classificationcode/change_list.html"

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = LocalCodeForm
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["scheme", "year", "code", "name", "verified", "provenance"]
        return ["scheme", "year", "code", "level", "parent", "name", "origin", "verified", "provenance"]

    def get_readonly_fields(self, request, obj=None):
        # Codes already used by disclosures must keep their identity; only names are corrected.
        return ["scheme", "year", "code", "level", "parent", "origin"] if obj else []

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="catalogs_classificationcode_import"),
            *super().get_urls(),
        ]

    def import_view(self, request):
        form = CatalogUploadForm(request.POST or None, request.FILES or None)
        report = errors = None
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                entries = read_catalog(data["file"].read(), data["file"].name)
                report = import_catalog(scheme=data["scheme"], year=data["year"], entries=entries)
            except CatalogFileError as exc:
                form.add_error("file", str(exc))
            except CatalogImportError as exc:
                errors = exc.errors
            else:
                messages.success(request, report.summary())
                if not report.renamed:
                    return redirect("admin:catalogs_classificationcode_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("导入正式目录"),
            "form": form,
            "errors": errors,
            "report": report,
        }
        return TemplateResponse(request, "admin/catalogs/classificationcode/import.html", context)
