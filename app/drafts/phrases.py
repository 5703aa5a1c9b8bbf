"""How each event of a timeline reads in a communication, in English and in Russian.

One sentence per event type; ``{on}`` (the date phrase) and ``{body}`` are filled in for every event, the
type's own fields by name. A field the record does not have is left out of the sentence
rather than guessed: each template has a short form used when its fields are missing.
"""

from __future__ import annotations

import re
from typing import Any

from app.drafts.language import date_phrase, format_when, word
from app.procedure.vocabulary import BODIES, EVENT_TYPES_BY_NAME, Kind, label_of
from app.procedure.when import When

BODY_RU = {
    "police": "полиция", "dis": "служба внутренней безопасности полиции", "prosecutor": "прокуратура",
    "special_prosecutor": "специальный прокурор", "general_prosecutor": "Генеральная прокуратура",
    "aca": "Агентство по противодействию коррупции", "nsc": "Комитет национальной безопасности",
    "national_guard": "Национальная гвардия", "military": "воинская часть",
    "penitentiary": "уголовно-исполнительная система",
    "investigating_judge": "следственный судья", "court": "суд первой инстанции",
    "appellate_court": "апелляционный суд", "supreme_court": "Верховный суд",
    "ombudsman": "Уполномоченный по правам человека",
    "npm": "национальный превентивный механизм", "migration_service": "миграционная служба",
    "medical": "медицинское учреждение", "un_body": "орган ООН", "government": "правительство",
    "ngo": "НПО", "lawyer": "адвокат", "victim": "потерпевший или его семья", "other": "иной орган",
    "unknown": "орган не указан",
}

BODY_EN = {
    "police": "the police", "dis": "the police internal security service", "prosecutor": "the prosecutor's office",
    "special_prosecutor": "a special prosecutor", "general_prosecutor": "the General Prosecutor's Office",
    "aca": "the Anti-Corruption Agency", "nsc": "the National Security Committee",
    "national_guard": "the National Guard", "military": "a military unit", "penitentiary": "the penitentiary system",
    "investigating_judge": "the investigating judge", "court": "the court of first instance",
    "appellate_court": "the appellate court", "supreme_court": "the Supreme Court", "ombudsman": "the Ombudsman",
    "npm": "the National Preventive Mechanism", "migration_service": "the migration service",
    "medical": "a medical institution", "un_body": "a UN body", "government": "the Government",
    "ngo": "an NGO", "lawyer": "the lawyer", "victim": "the victim or the family", "other": "another body",
    "unknown": "a body not named in the record",
}

BODY_RU_TO = {
    "police": "в полицию", "dis": "в службу внутренней безопасности полиции", "prosecutor": "в прокуратуру",
    "special_prosecutor": "специальному прокурору", "general_prosecutor": "в Генеральную прокуратуру",
    "aca": "в Агентство по противодействию коррупции", "nsc": "в Комитет национальной безопасности",
    "national_guard": "в Национальную гвардию", "military": "в воинскую часть",
    "penitentiary": "в уголовно-исполнительную систему", "investigating_judge": "следственному судье",
    "court": "в суд первой инстанции", "appellate_court": "в апелляционный суд", "supreme_court": "в Верховный суд",
    "ombudsman": "Уполномоченному по правам человека", "npm": "в национальный превентивный механизм",
    "migration_service": "в миграционную службу", "medical": "в медицинское учреждение", "un_body": "в орган ООН",
    "government": "в правительство", "ngo": "в НПО", "lawyer": "адвокату", "victim": "потерпевшему или его семье",
    "other": "в иной орган", "unknown": "в орган, не указанный в материалах дела",
}

# Who acted, as a Russian passive sentence names the agent ("задержан сотрудниками полиции") and as a
# decision is attributed ("постановлением прокуратуры"): no "(а)" left for the reader to resolve.
BODY_RU_BY = {
    "police": "сотрудниками полиции", "dis": "сотрудниками службы внутренней безопасности полиции",
    "prosecutor": "сотрудниками прокуратуры", "aca": "сотрудниками Агентства по противодействию коррупции",
    "nsc": "сотрудниками Комитета национальной безопасности", "national_guard": "военнослужащими Национальной гвардии",
    "military": "военнослужащими", "penitentiary": "сотрудниками уголовно-исполнительной системы",
}
BODY_RU_OF = {
    "police": "полиции", "dis": "службы внутренней безопасности полиции", "prosecutor": "прокуратуры",
    "special_prosecutor": "специального прокурора", "general_prosecutor": "Генеральной прокуратуры",
    "aca": "Агентства по противодействию коррупции", "nsc": "Комитета национальной безопасности",
    "national_guard": "Национальной гвардии", "military": "воинской части",
    "penitentiary": "органа уголовно-исполнительной системы", "investigating_judge": "следственного судьи",
    "court": "суда первой инстанции", "appellate_court": "апелляционного суда", "supreme_court": "Верховного суда",
    "ombudsman": "Уполномоченного по правам человека", "migration_service": "миграционной службы",
}
_LATIN = re.compile(r"[A-Za-z]{2,}")

KIND_RU = {"threat": "угрозы", "pressure_to_withdraw": "давление с целью отзыва жалобы",
           "transfer": "карательный перевод", "violence": "насилие",
           "consent": "согласие", "power_of_attorney": "доверенность"}

WITHOUT_BODY = {
    "apprehension": ("{on} the victim was apprehended{place}.", "{on} жертва была задержана{place}."),
    "investigation_terminated": ("{on} the investigation was terminated {ground}.",
                                 "{on} расследование было прекращено {ground}."),
}

FORUM_RU = {"prosecutor": "прокурору", "investigating_judge": "следственному судье",
            "regional_court": "в областной суд", "appellate_court": "в апелляционный суд",
            "cassation": "в кассационную инстанцию", "general_prosecutor": "в Генеральную прокуратуру",
            "administrative_court": "в административный суд"}
FORUM_EN = {"prosecutor": "to the prosecutor", "investigating_judge": "to the investigating judge",
            "regional_court": "to the regional court", "appellate_court": "to the appellate court",
            "cassation": "in cassation", "general_prosecutor": "to the General Prosecutor's Office",
            "administrative_court": "to the administrative court"}

OUTCOME = {"en": {"granted": "granted", "rejected": "rejected", "partly": "partly granted"},
           "ru": {"granted": "удовлетворена", "rejected": "отклонена", "partly": "удовлетворена частично"}}

GROUND = {
    "en": {"no_event": "for absence of the event of a crime (CPC art. 35(1)(1))",
           "no_corpus_delicti": "for absence of corpus delicti (CPC art. 35(1)(2))",
           "cpc_35_1_unstated": "under CPC art. 35(1) (the paragraph is not stated in the record)",
           "plea_bargain": "following a plea bargain",
           "amnesty": "under an amnesty", "other": ""},
    "ru": {"no_event": "за отсутствием события уголовного правонарушения (п. 1 ч. 1 ст. 35 УПК)",
           "no_corpus_delicti": "за отсутствием состава уголовного правонарушения (п. 2 ч. 1 ст. 35 УПК)",
           "cpc_35_1_unstated": "по основанию части 1 статьи 35 УПК (пункт в материалах дела не указан)",
           "plea_bargain": "в связи с процессуальным соглашением",
           "amnesty": "по амнистии", "other": ""},
}

# type: (English, Russian). {on} and {body} always; other names are the type's fields.
SENTENCES: dict[str, tuple[str, str]] = {
    "apprehension": ("{on} the victim was apprehended by {body}{place}.",
                     "{on} жертва была задержана {body_by}{place}."),
    "detention_recorded": ("{on} a detention record was drawn up{recorded_time}.",
                           "{on} был составлен протокол задержания{recorded_time}."),
    "lawyer_access": ("{on} a lawyer was first given access to the victim{facility}.",
                      "{on} адвокат впервые получил доступ к жертве{facility}."),
    "relatives_notified": ("{on} the relatives were notified of the detention.",
                           "{on} родственники были уведомлены о задержании."),
    "prosecutor_notified": ("{on} the prosecutor was notified of the detention.",
                            "{on} прокурор был уведомлен о задержании."),
    "court_authorization": ("{on} a court authorised the victim's detention.",
                            "{on} суд санкционировал содержание жертвы под стражей."),
    "release": ("{on} the victim was released{facility}.", "{on} жертва была освобождена{facility}."),
    "transfer": ("{on} the victim was transferred{facility}.", "{on} жертва была переведена{facility}."),
    "interrogation": ("{on} the victim was interrogated{safeguards}.", "{on} жертва была допрошена{safeguards}."),
    "medical_exam": ("{on} the victim was medically examined{findings}.",
                     "{on} жертва прошла медицинское освидетельствование{findings}."),
    "injury_reported_to_prosecutor": ("{on} the injuries were reported to the prosecutor.",
                                      "{on} о телесных повреждениях было сообщено прокурору."),
    "death_in_custody": ("{on} the victim died in custody{declared_cause}.",
                         "{on} жертва скончалась под стражей{declared_cause}."),
    "reprisal": ("{on} the victim was subjected to reprisals ({kind}).",
                 "{on} жертва подверглась преследованию ({kind})."),
    "video_evidence_lost": ("{on} video recordings that were evidence were lost.",
                            "{on} видеозаписи, являвшиеся доказательствами, были утрачены."),
    "incident": ("{on} the victim was subjected to ill-treatment{place}{description}",
                 "{on} жертва подверглась жестокому обращению{place}{description}"),
    "complaint_filed": ("{on} a complaint was filed with {to_body}.", "{on} была подана жалоба {to_body}."),
    "registered_urpti": ("{on} the complaint was entered in the Unified Register of Pre-Trial "
                         "Investigations{number}{qualification}.",
                         "{on} жалоба была зарегистрирована в ЕРДР{number}{qualification}."),
    "forwarded_without_registration": ("{on} the complaint was forwarded without registration to {to_body}.",
                                       "{on} жалоба без регистрации была направлена {to_body}."),
    "registration_refused": ("{on} registration of the complaint was refused.",
                             "{on} в регистрации жалобы было отказано."),
    "written_off": ("{on} the complaint was written off without investigation.",
                    "{on} жалоба была списана без расследования."),
    "qualification_changed": ("{on} the offence was requalified{from} as {to}.",
                              "{on} деяние было переквалифицировано{from} на {to}."),
    "investigation_opened": ("{on} a criminal investigation was opened{investigating_body}.",
                             "{on} было начато досудебное расследование{investigating_body}."),
    "forensic_exam_ordered": ("{on} a forensic examination was ordered.",
                              "{on} была назначена судебная экспертиза."),
    "forensic_exam_result": ("{on} the forensic examination concluded that the injuries were {finding}.",
                             "{on} судебная экспертиза пришла к выводу, что повреждения {finding}."),
    "investigation_extended": ("{on} the investigation was extended until {until}.",
                               "{on} срок расследования был продлен до {until}."),
    "investigation_suspended": ("{on} the investigation was suspended.",
                                "{on} расследование было приостановлено."),
    "investigation_terminated": ("{on} {body} terminated the investigation {ground}.",
                                 "{on} постановлением {body_of} расследование было прекращено {ground}."),
    "decision_served": ("{on} the decision was served{served_to}.", "{on} решение было вручено{served_to}."),
    "victim_status_recognized": ("{on} the victim was recognised as a victim in the criminal case.",
                                 "{on} жертва была признана потерпевшей по уголовному делу."),
    "safety_measure_requested": ("{on} safety measures were requested.", "{on} были запрошены меры безопасности."),
    "safety_measure_granted": ("{on} safety measures were granted.", "{on} были предоставлены меры безопасности."),
    "plea_bargain": ("{on} a plea bargain was concluded.", "{on} было заключено процессуальное соглашение."),
    "indictment_sent_to_court": ("{on} the indictment was sent to court.",
                                 "{on} уголовное дело было направлено в суд."),
    "verdict": ("{on} the court delivered its verdict: {outcome}{sentence}.",
                "{on} суд вынес приговор: {outcome}{sentence}."),
    "appeal_filed": ("{on} a complaint against the decision was filed {to_body}.",
                     "{on} была подана жалоба на решение {to_body}."),
    "appeal_decided": ("{on} the complaint was {outcome}.", "{on} жалоба была {outcome}."),
    "asylum_applied": ("{on} the victim applied for asylum.", "{on} жертва обратилась за убежищем."),
    "asylum_refused": ("{on} asylum was refused.", "{on} в предоставлении убежища было отказано."),
    "asylum_appeal_filed": ("{on} the refusal of asylum was appealed.",
                            "{on} отказ в предоставлении убежища был обжалован."),
    "asylum_appeal_decided": ("{on} the asylum appeal was decided.", "{on} была рассмотрена жалоба по убежищу."),
    "expulsion_ordered": ("{on} the victim's expulsion was ordered.",
                          "{on} было вынесено решение о выдворении жертвы."),
    "deported": ("{on} the victim was removed from Kazakhstan.", "{on} жертва была выслана из Казахстана."),
    "un_communication_submitted": ("{on} a communication was submitted to the {committee}.",
                                   "{on} сообщение было направлено в {committee}."),
    "un_case_registered": ("{on} the Committee registered the communication{case_number} and transmitted it to the "
                           "State party.",
                           "{on} Комитет зарегистрировал сообщение{case_number} и препроводил его "
                           "государству-участнику."),
    "un_correspondence": ("{on} {letter}{subject}.", "{on} {letter}{subject}."),
    "state_observations_received": ("{on} the State party submitted its observations.",
                                    "{on} государство-участник представило свои замечания."),
    "author_comments_submitted": ("{on} comments on the State party's observations were submitted.",
                                  "{on} были представлены комментарии к замечаниям государства-участника."),
    "un_interim_measures_breached": ("{on} the State party did not respect the interim measures{what_done}.",
                                     "{on} государство-участник не выполнило просьбу о временных мерах{what_done}."),
    "follow_up_assessment": ("{on} the Committee assessed the follow-up{grade}.",
                             "{on} Комитет дал оценку последующим мерам{grade}."),
    "un_interim_measures_requested": ("{on} interim measures were requested.", "{on} были запрошены временные меры."),
    "un_interim_measures_granted": ("{on} interim measures were granted.", "{on} временные меры были предоставлены."),
    "un_views_adopted": ("{on} the Committee adopted its final decision on the communication.",
                         "{on} Комитет принял окончательное решение по сообщению."),
    "state_follow_up_reply": ("{on} the State party replied on follow-up.",
                              "{on} государство-участник представило ответ о последующих мерах."),
    "implementation": ("{on}: {what}.", "{on}: {what}."),
    "authorization_signed": ("{on} the {kind} was signed.", "{on} был подписан документ ({kind})."),
    "complaint_withdrawn": ("{on} the complaint was withdrawn.", "{on} жалоба была отозвана."),
    "compensation_claimed": ("{on} compensation was claimed{amount}.", "{on} была заявлена компенсация{amount}."),
    "compensation_awarded": ("{on} compensation was awarded{amount}.", "{on} была присуждена компенсация{amount}."),
    "compensation_paid": ("{on} compensation was paid{amount}.", "{on} была выплачена компенсация{amount}."),
    "not_done": ("{on} {not_done}.", "{on} {not_done}."),
    "psychiatric_placement": ("{on} the victim was placed in a psychiatric institution{facility}.",
                              "{on} жертва была помещена в психиатрическое учреждение{facility}."),
    "legal_capacity_ruling": ("{on} a court ruled on the victim's capacity{capacity}.",
                              "{on} суд вынес решение о дееспособности жертвы{capacity}."),
    "held_with_adults": ("{on} the victim, a minor, was held together with adults{facility}.",
                         "{on} несовершеннолетняя жертва содержалась вместе со взрослыми{facility}."),
    "evidence_preservation_requested": ("{on} the preservation of evidence ({evidence}) was requested.",
                                        "{on} было заявлено ходатайство о сохранении доказательств ({evidence})."),
    "investigation_resumed": ("{on} the termination was quashed and the investigation resumed.",
                              "{on} постановление о прекращении было отменено, расследование возобновлено."),
    "consent_given": ("{on} consent was given.", "{on} было дано согласие."),
    "consent_withdrawn": ("{on} consent was withdrawn.", "{on} согласие было отозвано."),
    "other_international_procedure": ("{on} the matter was submitted to another international procedure.",
                                      "{on} вопрос был представлен на рассмотрение в рамках другой международной "
                                      "процедуры."),
}

# A step the record shows was not taken (a not_done event), as the facts section states it.
NOT_DONE = {
    "decision_served": ("the decision had not been served", "решение не было вручено"),
    "relatives_notified": ("the relatives had not been notified of the detention",
                           "родственники не были уведомлены о задержании"),
    "lawyer_access": ("no lawyer had been given access to the victim", "адвокат не был допущен к жертве"),
    "registered_urpti": ("the complaint had not been entered in the Unified Register of Pre-Trial Investigations",
                         "жалоба не была зарегистрирована в ЕРДР"),
    "forensic_exam_ordered": ("no forensic examination had been ordered", "судебная экспертиза не была назначена"),
    "court_authorization": ("no court had authorised the detention", "суд не санкционировал задержание"),
    "release": ("the victim had not been released", "жертва не была освобождена"),
    "medical_exam": ("the victim had not been medically examined", "медицинское освидетельствование жертвы не "
                     "проводилось"),
    "injury_reported_to_prosecutor": ("the injuries had not been reported to the prosecutor",
                                      "о телесных повреждениях не было сообщено прокурору"),
    "detention_recorded": ("no detention record had been drawn up", "протокол задержания не был составлен"),
    "prosecutor_notified": ("the prosecutor had not been notified of the detention",
                            "прокурор не был уведомлен о задержании"),
    "appeal_decided": ("the complaint had not been decided", "жалоба не была рассмотрена"),
    "appeal_filed": ("no appeal had been filed", "жалоба не подавалась"),
    "safety_measure_granted": ("no safety measure had been granted", "меры безопасности не были предоставлены"),
    "investigation_terminated": ("the investigation had not been completed", "расследование не было завершено"),
    "investigation_extended": ("the investigation had not been extended", "срок расследования не продлевался"),
    "asylum_appeal_filed": ("the refusal of asylum had not been appealed",
                            "отказ в предоставлении убежища не был обжалован"),
    "compensation_claimed": ("no compensation had been claimed", "компенсация не заявлялась"),
    "compensation_awarded": ("no compensation had been awarded", "компенсация не присуждалась"),
    "state_follow_up_reply": ("the State party had not replied on follow-up",
                              "государство-участник не представило ответ о последующих мерах"),
    "un_communication_submitted": ("no communication had been submitted", "сообщение не направлялось"),
    "evidence_preservation_requested": ("the preservation of evidence had not been requested",
                                        "ходатайство о сохранении доказательств не заявлялось"),
}
CAPACITY = {"en": {"full": "full capacity", "limited": "limited capacity", "none": "declared incapable"},
            "ru": {"full": "дееспособен", "limited": "ограниченно дееспособен", "none": "признан недееспособным"}}
EVIDENCE = {"en": {"cctv": "CCTV and body-camera footage", "medical_records": "medical records",
                   "logs": "custody registers and logs", "other": "other evidence"},
            "ru": {"cctv": "записи камер видеонаблюдения и нагрудных камер",
                   "medical_records": "медицинская документация",
                   "logs": "журналы и книги учета содержащихся", "other": "иные доказательства"}}

FINDING = {"en": {"consistent": "consistent with the victim's account", "not_consistent": "not consistent with it",
                  "inconclusive": "inconclusive"},
           "ru": {"consistent": "согласуются с показаниями жертвы", "not_consistent": "не согласуются с ними",
                  "inconclusive": "не позволяют сделать вывод"}}
VERDICT = {"en": {"convicted": "conviction", "acquitted": "acquittal", "case_dismissed": "case dismissed",
                  "other": "other outcome"},
           "ru": {"convicted": "обвинительный", "acquitted": "оправдательный", "case_dismissed": "дело прекращено",
                  "other": "иное решение"}}


def _not_done(step: str | None, language: str) -> str:
    ru = language == "ru"
    if step in NOT_DONE:
        return NOT_DONE[step][1 if ru else 0]
    event_type = EVENT_TYPES_BY_NAME.get(step or "")
    label = event_type.label if event_type else (step or "")
    return "предусмотренное действие не было совершено" if ru else f"the step \"{label}\" had not been taken"


def body_name(code: str | None, language: str) -> str:
    if not code:
        return word(language, "unknown")
    return (BODY_RU if language == "ru" else BODY_EN).get(code) or label_of(BODIES, code)


def _optional(fields: dict[str, Any], name: str, en: str, ru: str, language: str) -> str:
    value = fields.get(name)
    if value in (None, ""):
        return ""
    return (ru if language == "ru" else en).format(value=value)


def sentence(event_type: str, when: When, body: str | None, fields: dict[str, Any], language: str) -> str:
    """The event as one sentence of the facts section."""
    template = SENTENCES[event_type][1 if language == "ru" else 0]
    if body in (None, "unknown") and event_type in WITHOUT_BODY:
        template = WITHOUT_BODY[event_type][1 if language == "ru" else 0]
    ru = language == "ru"
    spec = EVENT_TYPES_BY_NAME.get(event_type)
    if ru:  # a Russian text prints no English: a free text written in English is left out, not translated
        fields = {name: value for name, value in fields.items()
                  if not (isinstance(value, str) and _LATIN.search(value) and spec and spec.field(name)
                          and spec.field(name).kind in (Kind.TEXT, Kind.LONG_TEXT))}
    fields = {name: (format_when(When.parse(value), language)
                     if spec and spec.field(name) and spec.field(name).kind is Kind.WHEN and isinstance(value, str)
                     else value) for name, value in fields.items()}
    values = {
        "on": date_phrase(when, language),
        "body": body_name(body, language),
        "body_by": BODY_RU_BY.get(body or "", f"({body_name(body, 'ru')})" if ru else ""),
        "body_of": BODY_RU_OF.get(body or "", body_name(body, "ru") if ru else ""),
        "place": _optional(fields, "place", " ({value})", " ({value})", language),
        "facility": _optional(fields, "facility", " ({value})", " ({value})", language),
        "recorded_time": _optional(fields, "recorded_time", ", giving {value} as the time of detention",
                                   " с указанием времени задержания {value}", language),
        "findings": _optional(fields, "findings", ": {value}", ": {value}", language),
        "declared_cause": _optional(fields, "declared_cause", "; the declared cause of death was {value}",
                                    "; официальная причина смерти — {value}", language),
        "description": _optional(fields, "description", ": {value}", ": {value}", language) or ".",
        "number": _optional(fields, "number", " under No. {value}", " за № {value}", language),
        "qualification": _optional(fields, "qualification", ", qualified under {value}", " по {value}", language),
        "from": _optional(fields, "from", " from {value}", " с {value}", language),
        "to": fields.get("to", ""),
        "investigating_body": (f" by {body_name(fields['investigating_body'], 'en')}" if not ru else
                               f" ({body_name(fields['investigating_body'], 'ru')})")
        if fields.get("investigating_body") else "",
        "served_to": _optional(fields, "served_to", " on {value}", " {value}", language),
        "until": fields.get("until", ""),
        "sentence": _optional(fields, "sentence", ", sentence: {value}", ", наказание: {value}", language),
        "what": fields.get("what", ""),
        "amount": _amount(fields, language),
        "kind": KIND_RU.get(fields.get("kind"), "") if ru else (fields.get("kind") or "").replace("_", " "),
        "committee": word(language, f"committee_{fields['committee']}") if fields.get("committee") in ("CAT", "HRC")
        else fields.get("committee", ""),
        "finding": FINDING[language].get(fields.get("finding"), ""),
        "outcome": (VERDICT if event_type == "verdict" else OUTCOME)[language].get(fields.get("outcome"), ""),
        "ground": GROUND[language].get(fields.get("ground"), ""),
        "safeguards": _safeguards(fields, language),
        "not_done": _not_done(fields.get("step"), language),
        "capacity": f" ({CAPACITY[language][fields['capacity']]})" if fields.get("capacity") in CAPACITY[language]
        else "",
        "evidence": EVIDENCE[language].get(fields.get("what"), ""),
        "case_number": _optional(fields, "case_number", " (No. {value})", " (№ {value})", language),
        "letter": (("получено письмо Комитета" if fields.get("direction") == "from_committee" else
                    "Комитету было направлено письмо") if ru else
                   ("a letter was received from the Committee" if fields.get("direction") == "from_committee" else
                    "a letter was sent to the Committee")),
        "subject": _optional(fields, "subject", ": {value}", ": {value}", language),
        "what_done": _optional(fields, "what", " ({value})", " ({value})", language),
        "grade": _optional(fields, "grade", " (grade {value})", " (оценка {value})", language),
    }
    if event_type in ("complaint_filed", "forwarded_without_registration"):
        values["to_body"] = (BODY_RU_TO.get(fields.get("to_body"), "в " + body_name(fields.get("to_body"), "ru"))
                             if ru else body_name(fields.get("to_body"), language))
    elif event_type == "appeal_filed":
        values["to_body"] = (FORUM_RU if ru else FORUM_EN).get(fields.get("to_body"), "")
    text = re.sub(r"(?<!\.)\.\.$", ".", template.format(**values))
    text = re.sub(r"\s+([.,;:])", r"\1", text)  # a field left empty leaves no stray space
    return text[0].upper() + text[1:]


def _amount(fields: dict[str, Any], language: str) -> str:
    parts = []
    if fields.get("amount_kzt") is not None:
        tenge = f"{fields['amount_kzt']:,.0f}"
        parts.append(tenge.replace(",", "\u00a0") + " тенге" if language == "ru" else tenge + " tenge")
    if fields.get("amount_mci") is not None:
        mci = f"{fields['amount_mci']:g}"
        parts.append(mci.replace(".", ",") + " МРП" if language == "ru" else mci + " MCI")
    return f" ({', '.join(parts)})" if parts else ""


def _safeguards(fields: dict[str, Any], language: str) -> str:
    missing = []
    if fields.get("with_lawyer") is False:
        missing.append("без адвоката" if language == "ru" else "without a lawyer")
    if fields.get("with_legal_representative") is False:
        missing.append("без законного представителя" if language == "ru" else "without a legal representative")
    return (" " + " и ".join(missing) if language == "ru" else " " + " and ".join(missing)) if missing else ""


def missing_sentences() -> list[str]:
    """Event types without a sentence (a test keeps this empty)."""
    return [name for name in EVENT_TYPES_BY_NAME if name not in SENTENCES]

