"""Service functions of the participants app. Every state change in the platform goes through a service: it runs in a
transaction, locks what it changes, writes an audit entry and raises a DomainError when the change is not allowed."""
