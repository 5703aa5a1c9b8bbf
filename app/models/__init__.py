"""The persistent model, one module per aggregate. Import from here."""

from app.models.audit import AuditEntry
from app.models.caselaw import CaseLaw
from app.models.cases import Case, CaseAssignment
from app.models.derived import CalendarToken, CaseDeadline, CaseFlag, FlagAcknowledgement
from app.models.drafts import Draft, DraftVersion, TreatyProcedure
from app.models.events import Event, EventRevision
from app.models.files import EvidenceFile
from app.models.people import CaseParty, Person, PersonRelation
from app.models.reminders import ReminderDelivery, ReminderItem
from app.models.settings import CalendarAdjustment, DeadlineChange, RuleSetting
from app.models.supervision import Approval, ApprovalKind, ApprovalStatus, AssignmentChange, Handover
from app.models.users import Role, User
from app.models.vocabularies import VocabularyTerm

__all__ = [
    "Approval", "ApprovalKind", "ApprovalStatus", "AssignmentChange", "AuditEntry", "CalendarAdjustment",
    "CalendarToken", "Case", "CaseAssignment", "CaseDeadline", "CaseFlag", "CaseLaw", "CaseParty", "DeadlineChange",
    "Draft", "DraftVersion", "Event", "EventRevision", "EvidenceFile", "FlagAcknowledgement", "Handover", "Person",
    "PersonRelation", "ReminderDelivery", "ReminderItem", "Role", "RuleSetting", "TreatyProcedure", "User",
    "VocabularyTerm",
]
