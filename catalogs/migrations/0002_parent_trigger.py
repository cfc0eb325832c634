from django.db import migrations

from catalogs import db_triggers


class Migration(migrations.Migration):
    dependencies = [("catalogs", "0001_initial")]

    operations = [migrations.RunPython(db_triggers.create, db_triggers.drop)]
