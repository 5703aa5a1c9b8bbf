"""Red flags of redress and of supervision."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from math import floor

from app.procedure.law import VCF_MINIMUM_MCI
from app.procedure.phrase import Phrase
from app.procedure.redress_summary import mci
from app.procedure.results import Basis, Flag
from app.procedure.rules import Context, by, rule
from app.procedure.stage import derive_stages


@rule("compensation-below-minimum")
def compensation_below_minimum(ctx: Context) -> Iterator[Flag]:
    harm = "death" if ctx.case.of_type("death_in_custody") else "torture"
    minimum = VCF_MINIMUM_MCI[harm]
    for payment in ctx.case.of_type("compensation_paid"):
        if payment.get("source") != "vcf":
            continue
        paid_mci = mci(payment)
        if paid_mci is not None and paid_mci < minimum:
            paid = floor(paid_mci * 10) / 10  # rounded down: a shortfall never reads as the minimum
            if harm == "death":
                explanation = Phrase("The Victims Compensation Fund paid %(paid)s MCI, below the minimum of "
                                     "%(minimum)s MCI for death.", paid=f"{paid:.1f}", minimum=str(minimum))
            else:
                explanation = Phrase("The Victims Compensation Fund paid %(paid)s MCI, below the minimum of "
                                     "%(minimum)s MCI for torture.", paid=f"{paid:.1f}", minimum=str(minimum))
            yield ctx.flag("compensation-below-minimum", [payment.ref], explanation,
                           action=Phrase("Claim the difference from the Fund."))


@rule("compensation-unpaid")
def compensation_unpaid(ctx: Context) -> Iterator[Flag]:
    yield from ctx.flags_when_not_met(
        "compensation-unpaid", ("compensation-payment",),
        Phrase("The compensation awarded was paid late."),
        lambda deadline: Phrase("No payment of the compensation awarded is recorded by %(due)s, the date set for "
                                "it.", due=by(deadline)),
        action=Phrase("Enforce the award: apply to the bailiff, or inform the Committee if the Views awarded it."),
        absent_action=Phrase("Ask the victim whether it was paid; record the payment, or enforce the award."),
        keep_when_late=False)


@rule("stalled-case")
def stalled_case(ctx: Context) -> Iterator[Flag]:
    last = max(reversed(ctx.case.events), key=lambda e: e.when.latest(), default=None)
    if last is None or derive_stages(ctx.case.events) == ["closed"]:
        return
    term = ctx.settings.term("stalled", last.when.day)
    yield ctx.flag("stalled-case", [last.ref], Phrase("No event recorded since %(when)s.", when=str(last.when)),
                   basis=Basis.ABSENCE,
                   action=Phrase("Record what has happened since, or the next step."),
                   active_from=last.when.latest() + timedelta(days=term.amount))
