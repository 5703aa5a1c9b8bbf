"""The persistent model, one module per aggregate. Import from here."""

from app.models.cases import Case, CaseAssignment
from app.models.events import Event, EventRevision
from app.models.people import CaseParty, Person
from app.models.users import Role, User

__all__ = ["Case", "CaseAssignment", "CaseParty", "Event", "EventRevision", "Person", "Role", "User"]
