import django.db.models.deletion
from django.db import migrations, models

import units.models


def existing_departments_to_liuzhou(apps, schema_editor):
    """Departments created before jurisdictions existed were all Liuzhou city's (the one layout there was)."""
    Jurisdiction = apps.get_model("units", "Jurisdiction")
    Department = apps.get_model("units", "Department")
    if Department.objects.exists():
        liuzhou, _ = Jurisdiction.objects.get_or_create(code="liuzhou", defaults={"name": "柳州市"})
        Department.objects.update(jurisdiction=liuzhou)


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="Jurisdiction",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.SlugField(max_length=30, unique=True, verbose_name="行政区代码")),
                ("name", models.CharField(max_length=50, verbose_name="行政区名称")),
            ],
            options={"verbose_name": "行政区", "verbose_name_plural": "行政区", "ordering": ["code"]},
        ),
        migrations.AddField(
            model_name="department",
            name="jurisdiction",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="departments",
                to="units.jurisdiction",
                verbose_name="所属行政区",
            ),
        ),
        migrations.RunPython(existing_departments_to_liuzhou, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="department",
            name="jurisdiction",
            field=models.ForeignKey(
                default=units.models.default_jurisdiction,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="departments",
                to="units.jurisdiction",
                verbose_name="所属行政区",
            ),
        ),
    ]
