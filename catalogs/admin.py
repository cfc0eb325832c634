from urllib.parse import urlencode

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from catalogs.forms import CatalogUploadForm, LocalCodeForm, LocalCodeFormSet, MissingCodesQuery
from catalogs.models import ClassificationCode, Scheme
from catalogs.reading import CatalogFileError, read_catalog
from catalogs.services import CatalogImportError, add_local_codes, import_catalog, local_code_proposals


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
            path(
                "add-missing/",
                self.admin_site.admin_view(self.add_missing_view),
                name="catalogs_classificationcode_add_missing",
            ),
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

    def add_missing_view(self, request):
        """The codes an import lacked (from its message's link), each named here and added in one step."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        changelist = reverse("admin:catalogs_classificationcode_changelist")
        query = MissingCodesQuery(request.GET)
        if not query.is_valid():
            messages.error(request, _("链接不完整：缺少年度或科目编码，请从导入失败的提示中重新进入。"))
            return redirect(changelist)
        year = query.cleaned_data["year"]
        proposals = local_code_proposals(year, query.cleaned_data["codes"])
        formset = LocalCodeFormSet(
            request.POST or None,
            initial=[{"scheme": p.scheme, "code": p.code, "name": p.suggested_name} for p in proposals],
        )
        errors = None
        if request.method == "POST" and formset.is_valid():
            names = [(form["scheme"], form["code"], form["name"]) for form in formset.cleaned_data]
            try:
                reports = add_local_codes(year=year, names=names, added_by=request.user.get_username())
            except CatalogImportError as exc:
                errors = exc.errors
            else:
                added = [code for report in reports for code in report.added]
                messages.success(
                    request,
                    _("已增补%(count)d个%(year)d年本地科目（未核实）：%(codes)s。请重新导入。")
                    % {"count": len(added), "year": year, "codes": "、".join(added) or "—"},
                )
                return redirect(
                    f"{changelist}?{urlencode({'year__exact': year, 'origin__exact': ClassificationCode.Origin.LOCAL})}"
                )
        by_key = {(p.scheme, p.code): p for p in proposals}
        rows = [
            (form, Scheme(form["scheme"].value()).label, by_key.get((form["scheme"].value(), form["code"].value())))
            for form in formset.forms
            if form["scheme"].value() in Scheme.values
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("增补缺少的科目"),
            "year": year,
            "formset": formset,
            "rows": rows,
            "errors": errors,
        }
        return TemplateResponse(request, "admin/catalogs/classificationcode/add_missing.html", context)
