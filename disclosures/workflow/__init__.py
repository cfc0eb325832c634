"""Review and publication of disclosures: transitions declared as data, the services that fire them,
publication into stored files, notifications, comments, the reviewer's list and the audit trail."""
