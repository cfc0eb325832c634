# Load the Celery application with Django, so that tasks bind to it wherever they are queued from.
from budgetportal.celery import app as celery_app

__all__ = ["celery_app"]
