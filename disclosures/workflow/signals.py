"""Signals other apps listen to, so that the workflow does not need to know them."""

from django.dispatch import Signal

# Sent after the transaction that published a version has committed; argument: disclosure.
disclosure_published = Signal()
