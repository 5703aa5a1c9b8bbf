"""The persistent model, one module per aggregate. Import from here."""

from app.models.audit import AuditEntry
from app.models.cases import Case, CaseAssignment
from app.models.derived import CalendarToken, CaseDeadline, CaseFlag, FlagAcknowledgement
from app.models.drafts import Draft, DraftVersion, TreatyProcedure
from app.models.events import Event, EventRevision
from app.models.files import EvidenceFile
from app.models.people import CaseParty, Person
from app.models.users import Role, User

__all__ = [
    "AuditEntry", "CalendarToken", "Case", "CaseAssignment", "CaseDeadline", "CaseFlag", "CaseParty", "Draft",
    "DraftVersion", "Event", "EventRevision", "EvidenceFile", "FlagAcknowledgement", "Person", "Role",
    "TreatyProcedure", "User",
]
