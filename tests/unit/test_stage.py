from dataclasses import dataclass, field

from app.procedure.stage import derive_stages
from app.procedure.when import When


@dataclass
class E:
    type: str
    at: str
    fields: dict = field(default_factory=dict)

    @property
    def when(self):
        return When.parse(self.at)


def test_a_bare_case_is_at_intake():
    assert derive_stages([]) == ["intake"]
    assert derive_stages([E("incident", "2021-01-10")]) == ["intake"]


def test_stages_follow_the_procedure():
    timeline = [E("complaint_filed", "2021-01-18")]
    assert derive_stages(timeline) == ["registration"]
    timeline.append(E("registered_urpti", "2021-01-19"))
    assert derive_stages(timeline) == ["investigation"]
    timeline.append(E("investigation_terminated", "2021-04-30", {"ground": "cpc_35_1_unstated"}))
    assert derive_stages(timeline) == ["closed"]
    timeline.append(E("appeal_filed", "2021-05-10", {"to_body": "investigating_judge"}))
    assert derive_stages(timeline) == ["closed", "appeal"]
    timeline.append(E("appeal_decided", "2021-05-14", {"outcome": "granted"}))
    assert derive_stages(timeline) == ["investigation"]


def test_order_of_the_list_does_not_matter_only_dates_do():
    timeline = [E("investigation_terminated", "2021-04-30", {"ground": "no_event"}),
                E("registered_urpti", "2021-01-19")]
    assert derive_stages(timeline) == ["closed"]


def test_international_and_asylum_tracks():
    assert derive_stages([E("asylum_refused", "2022-11-30"), E("deported", "2022-12")]) == ["asylum"]
    timeline = [E("investigation_terminated", "2021-04-30", {"ground": "no_event"}),
                E("un_communication_submitted", "2023-05", {"committee": "HRC"})]
    assert derive_stages(timeline) == ["closed", "international"]
    timeline.append(E("un_views_adopted", "2025"))
    assert derive_stages(timeline) == ["closed", "follow-up"]
