"""Render the event vocabulary as Markdown, so docs/vocabulary.md never drifts from the code.

``python -m app.interchange.vocabulary_doc > docs/vocabulary.md``; a test compares the two.
"""

from __future__ import annotations

from app.procedure import vocabulary as v

_LISTS = {
    id(v.BODIES): "bodies",
    id(v.APPEAL_FORUMS): "appeal forums",
    id(v.PLACE_TYPES): "place types",
    id(v.MINISTRIES): "ministries",
    id(v.COMMITTEES): "committees",
    id(v.EXAM_KINDS): "examination kinds",
    id(v.REMEDIES): "remedies",
}


def _describe(spec: v.Field) -> str:
    text = f"`{spec.name}`{'*' if spec.required else ''} ({spec.kind.value}"
    if spec.vocabulary:
        text += f": HURIDOCS `{spec.vocabulary}`"
    elif id(spec.choices) in _LISTS:
        text += f": {_LISTS[id(spec.choices)]}"
    elif spec.choices:
        text += ": " + ", ".join(f"`{c.code}`" for c in spec.choices)
    return text + ")"


def render() -> str:
    lines = [
        "# Event vocabulary",
        "",
        "Generated from `app/procedure/vocabulary.py` by",
        "`python -m app.interchange.vocabulary_doc > docs/vocabulary.md`; a test keeps it current.",
        "Type and field names are those of DOMAIN.md §3. `*` marks a required field.",
        "",
        "| family | type | label | fields |",
        "|---|---|---|---|",
    ]
    for t in v.EVENT_TYPES:
        fields = "; ".join(_describe(f) for f in t.fields) or "—"
        lines.append(f"| {t.family} | `{t.name}` | {t.label} | {fields} |")
    lists = [
        ("Bodies (`body`, `to_body`, `investigating_body`, a case's `perpetrator_agency`)", v.BODIES),
        ("Appeal forums (`appeal_filed.to_body`)", v.APPEAL_FORUMS),
        ("Place types (`place_type`)", v.PLACE_TYPES),
        ("Ministries (`ministry`)", v.MINISTRIES),
        ("Examination kinds (`kind`)", v.EXAM_KINDS),
        ("Committees (`committee`)", v.COMMITTEES),
        ("Remedies (`un_views_adopted.remedies_requested`, `implementation.remedy`)", v.REMEDIES),
        ("Regions (a case's `region`)", v.REGIONS),
        ("Roles (a party's `role`)", v.ROLES),
        ("Victim flags (a case's `victim_flags`)", v.VICTIM_FLAGS),
    ]
    for title, choices in lists:
        lines += ["", f"## {title}", ""]
        lines += [f"- `{c.code}`: {c.label}" for c in choices]
    lines += ["", "## Controlled vocabularies (HURIDOCS micro-thesauri)", "",
              "Their terms are data, not code: `seed/vocabularies/*.json`, loaded by `flask seed` or",
              "`flask vocabularies load`, extended and deactivated by admins. A `term` field holds one code,",
              "a `terms` field a list of codes. `perpetrator_types` and `place_types` are no event's fields: a",
              "case's `perpetrator_agency` and `place_type` are mapped to them for the statistics",
              "(`seed/vocabularies/mapping.json`).", ""]
    lines += [f"- `{c.name}`: {c.title} (micro-thesaurus {c.micro_thesaurus})" for c in v.CONTROLLED_VOCABULARIES]
    lines += ["", "## Where this vocabulary goes beyond DOMAIN.md §3", "", *ADDITIONS]
    return "\n".join(lines) + "\n"


ADDITIONS = [
    "DOMAIN.md names the types and their fields; these names and codes were needed to record",
    "the public record faithfully and are additions, not renamings:",
    "",
    "- `decision_served.decision` is the field DOMAIN.md calls \"which decision\": a reference to",
    "  the decision's event.",
    "- `medical_exam.injuries` (bool) says whether injuries were recorded, which the findings' prose",
    "  cannot say to the engine; examination kind `emergency` covers ambulance and hospital care.",
    "- `investigation_terminated.ground` `cpc_35_1_unstated`: sources report closures \"for lack of",
    "  evidence\" without naming the paragraph of CPC 35(1) applied; the law knows no such ground, so",
    "  the record says only that one of the grounds of CPC 35(1) was used and quotes the decision's",
    "  words in the notes. (It replaces the earlier code `lack_of_evidence`; migration 0014 moved",
    "  stored events to it.)",
    "- `not_done` (DOMAIN.md §8; fields `step`, optional `refers_to` and `kind`): the record shows",
    "  that a step had not been taken by the event's date. `kind` names the examination when the",
    "  step is one (an FPPE not done is not an FME not done). Recorded from a source that says so,",
    "  or by a lawyer confirming an absence flag (source \"lawyer's file\").",
    "- `psychiatric_placement`, `legal_capacity_ruling` (`guardian` is a name until people carry",
    "  relations), `held_with_adults`, `evidence_preservation_requested` and",
    "  `investigation_resumed` (`against`: the termination quashed) as DOMAIN.md §3 additions list.",
    "- `medical_exam.place_type`: where the examination took place; only an examination in a",
    "  custody facility (IVS, SIZO, colony, or an admission examination) starts the 24 hours to",
    "  report injuries to the prosecutor.",
    "- `apprehension.suspected_of`: the offence the person is held for, which decides the custody",
    "  limit (CPC 131(4)); the qualification of the torture complaint does not.",
    "- `verdict.defendant` (`perpetrators`, the default, or `victim`): a conviction of the victim (Zhilin,",
    "  for illegal border crossing) is a verdict too, but it neither closes the case nor is a remedy the",
    "  victim used.",
    "- `interrogation.until`: when the questioning ended, for the limits on questioning minors.",
    "- `complaint_filed.injuries_alleged` (bool): the complaint alleges injuries, which starts the",
    "  3 days for ordering a forensic examination.",
    "- Body `unknown` for a complaint whose addressee the record does not give; place type",
    "  `public_place` (kettling happens in the street); investigation form `accelerated`",
    "  (CPC 190(3)); verdict outcome `case_dismissed`; appeal forums `regional_court` (CPC 107)",
    "  and `administrative_court` (APPC, asylum).",
    "- `authorization_signed` (kind `consent` or `power_of_attorney`, optional `committee`): the",
    "  signed consent or power of attorney a UN communication needs, checked before drafting.",
    "- `complaint_withdrawn` (optional `by`, `under_pressure`, `reason`): a withdrawal, which",
    "  needs a supervisor's approval in the app and often follows pressure the record should show.",
    "- `incident.methods` (terms) and `incident.detention` (term), `complaint_filed.intervention` and",
    "  `appeal_filed.intervention` (term): HURIDOCS codes (methods of violence, micro-thesaurus 5",
    "  branch 03; types of detention, 29; types of intervention, 20), written with dots as in",
    "  `03.01.04`, for statistics comparable with other HURIDOCS documentation. They complement the",
    "  free text (`description`, `notes`), which stays the account; a code must be an active term",
    "  of its vocabulary when the event is recorded (an import checks the form of the codes only).",
    "- After the filing (docs/un-case-file.md): `un_views_adopted.remedies_requested` (`choices`, the",
    "  rows of the remedies checklist; `remedies` keeps the committee's words), `implementation.remedy`",
    "  and `status` (one event per remedy), `follow_up_assessment.dialogue` (the committee's decision",
    "  to keep the follow-up dialogue open or close it), `compensation_awarded` (amount, by whom, the",
    "  date it is to be paid by) and payer `state` (the State paying on the committee's Views). A",
    "  `choices` field holds several codes of its list; in a spreadsheet cell they are separated by `;`.",
]


if __name__ == "__main__":
    print(render(), end="")
