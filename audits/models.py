"""An audit run from the portal: a reviewer's upload (one document or a zip of them) and its results.

The files are kept so that the job can run on a worker and an audited document can later be
imported; the findings are stored as they were reported (a later rule change does not rewrite them).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditBatch(models.Model):
    """One upload audited in the background, with its progress."""

    class State(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("正在核查")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    ACTIVE_STATES = (State.QUEUED, State.RUNNING)

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("发起人")
    )
    name = models.CharField(_("上传文件"), max_length=255)
    upload = models.FileField(_("文件"), upload_to="audits/uploads/%Y/")
    layout = models.CharField(_("版式"), max_length=30, blank=True)
    year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(_("文档数"), default=0)
    done = models.PositiveIntegerField(_("已核查"), default=0)
    error = models.TextField(_("错误信息"), blank=True)
    created_at = models.DateTimeField(_("提交时间"), default=timezone.now)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("文档核查任务")
        verbose_name_plural = _("文档核查任务")
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=["queued", "running", "done", "failed"]), name="audit_batch_state_valid"
            ),
            models.CheckConstraint(condition=Q(done__lte=F("total")), name="audit_batch_done_within_total"),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=2000, year__lte=2100), name="audit_batch_year_plausible"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.get_state_display()}"

    @property
    def is_active(self) -> bool:
        return self.state in self.ACTIVE_STATES


class AuditedDocument(models.Model):
    """One document of a batch: its file, what was read of it, and its findings."""

    batch = models.ForeignKey(AuditBatch, on_delete=models.CASCADE, related_name="documents")
    position = models.PositiveIntegerField(_("序号"))
    name = models.CharField(_("文件名"), max_length=255)
    file = models.FileField(_("文件"), upload_to="audits/documents/%Y/")
    title = models.CharField(_("标题"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("年度"), null=True, blank=True)
    layout = models.CharField(_("版式"), max_length=30, blank=True)
    error_count = models.PositiveIntegerField(_("错误数"), default=0)
    warning_count = models.PositiveIntegerField(_("警告数"), default=0)
    failure = models.TextField(_("无法读取的原因"), blank=True)
    findings = models.JSONField(_("问题"), default=list)

    class Meta:
        ordering = ["batch", "position"]
        verbose_name = _("已核查文档")
        verbose_name_plural = _("已核查文档")
        constraints = [models.UniqueConstraint(fields=["batch", "position"], name="audited_document_unique_position")]

    def __str__(self) -> str:
        return self.name
