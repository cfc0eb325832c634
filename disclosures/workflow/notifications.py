"""E-mail to the people a transition concerns, through Django's mail backend (the console by default).

submit → the reviewers; return and approve → the unit's accountants; publish → both.
Subject and body are templates in templates/emails/, one pair per transition.
"""

import logging

from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from disclosures.models import WorkflowEvent
from disclosures.workflow.links import absolute, disclosure_url
from units.models import User

logger = logging.getLogger(__name__)

RECIPIENTS = {
    "submit": ("reviewers",),
    "return": ("accountants",),
    "approve": ("accountants",),
    "publish": ("accountants", "reviewers"),
}


def recipients(event: WorkflowEvent) -> list[str]:
    groups = RECIPIENTS.get(event.transition, ())
    people = User.objects.none()
    if "reviewers" in groups:
        people = people | User.objects.filter(role=User.Role.REVIEWER)
    if "accountants" in groups and event.disclosure.is_department_level:  # those who prepare it: its staff
        people = people | User.objects.filter(department_memberships__department=event.disclosure.department_id)
    elif "accountants" in groups:
        people = people | User.objects.filter(role=User.Role.ACCOUNTANT, memberships__unit=event.disclosure.unit_id)
    return sorted(set(people.filter(is_active=True).exclude(email="").values_list("email", flat=True)))


def notify(event: WorkflowEvent) -> int:
    """Send the e-mail for this event to each recipient separately; returns how many were sent."""
    addresses = recipients(event)
    if not addresses:
        return 0
    context = {
        "event": event,
        "disclosure": event.disclosure,
        "actor": event.actor.get_full_name() or event.actor.username if event.actor else _("系统"),
        "link": absolute(disclosure_url(event.disclosure)),
    }
    subject = " ".join(render_to_string(f"emails/workflow_{event.transition}_subject.txt", context).split())
    body = render_to_string(f"emails/workflow_{event.transition}_body.txt", context)
    messages = [EmailMessage(subject, body, to=[address]) for address in addresses]
    sent = get_connection().send_messages(messages)
    logger.info("Sent %s e-mail(s) for %s of disclosure %s", sent, event.transition, event.disclosure_id)
    return sent
