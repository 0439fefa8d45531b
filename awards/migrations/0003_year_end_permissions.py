from django.db import migrations

from organization.role_permissions import grant, revoke

# The year-end's records are written by its own pages (awards/services.py); the Office reads them in the admin
# and makes the documents from there.
MODELS = ["yearreview", "divisionreview", "nomination", "councilsession", "councilmember", "councilvote",
          "publicnotice", "publiccomment", "issueddocument"]
ROLE_PERMISSIONS = {"Văn phòng": [f"awards.view_{model}" for model in MODELS]}


def forwards(apps, schema_editor):
    grant(apps, ROLE_PERMISSIONS)


def backwards(apps, schema_editor):
    revoke(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("awards", "0002_year_end_workflow"), ("organization", "0002_roles")]

    operations = [migrations.RunPython(forwards, backwards)]
