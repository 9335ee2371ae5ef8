"""The written MQL→SQL rule: the BANT answers, which count as met, and the verdict. Pure."""

from dataclasses import dataclass

from bot.common.errors import InvalidInput
from bot.i18n import N_, _

# The graded choices of each part, key -> label (translate where shown), best first.
BUDGET = {
    "confirmed": N_("Confirmed"),
    "allocating": N_("Being allocated"),
    "unknown": N_("Unknown"),
    "none": N_("No budget"),
}
AUTHORITY = {
    "decision_maker": N_("Talking to the decision maker"),
    "influencer": N_("Influencer with access"),
    "no_access": N_("No access yet"),
    "unknown": N_("Unknown"),
}
NEED = {
    "critical": N_("Critical pain confirmed"),
    "nice": N_("Nice to have"),
    "unclear": N_("Unclear"),
    "none": N_("None"),
}
TIMELINE = {
    "month": N_("Within a month"),
    "quarter": N_("One to three months"),
    "later": N_("Later than that"),
    "none": N_("No timeframe"),
}
PARTS: dict[str, dict[str, str]] = {
    "budget": BUDGET,
    "authority": AUTHORITY,
    "need": NEED,
    "timeline": TIMELINE,
}
TITLES = {
    "budget": N_("Budget"),
    "authority": N_("Authority"),
    "need": N_("Need"),
    "timeline": N_("Timeline"),
}

# The rule, as written in the README: which answers count as met.
MET = {
    "budget": {"confirmed", "allocating"},
    "authority": {"decision_maker", "influencer"},
    "need": {"critical"},
    "timeline": {"month", "quarter"},
}
# Answers that say "we don't know yet" (shown as ?), as opposed to a known "no" (✗).
UNKNOWN = {"budget": {"unknown"}, "authority": {"unknown"}, "need": {"unclear"}, "timeline": set()}
TEMPERATURE = {"month": "hot", "quarter": "warm", "later": "cold", "none": "cold"}  # stored
TEMPERATURE_WORDS = {"hot": N_("hot"), "warm": N_("warm"), "cold": N_("cold")}
# A lead with no budget or no way to the decision maker is a candidate for disqualification.
DISQUALIFYING = {
    "budget": {"none": N_("no budget")},
    "authority": {"no_access": N_("no access yet")},
}
NOTE_MAX = 500
THRESHOLDS = (2, 3, 4)
DEFAULT_THRESHOLD = 3


@dataclass(frozen=True)
class Answers:
    """The four answers of a BANT check, as choice keys."""

    budget: str
    authority: str
    need: str
    timeline: str

    def __post_init__(self) -> None:
        for part, choices in PARTS.items():
            if getattr(self, part) not in choices:
                raise InvalidInput("bant_answer_missing", part=part)

    def get(self, part: str) -> str:
        """The answer to one part."""
        return getattr(self, part)


@dataclass(frozen=True)
class Verdict:
    """What the rule says about a set of answers."""

    score: int
    qualified: bool
    temperature: str
    suggest_disqualify: bool
    marks: str
    threshold: int

    @property
    def stage(self) -> str:
        """SQL or MQL."""
        return "SQL" if self.qualified else "MQL"

    @property
    def headline(self) -> str:
        """`SQL · hot`, as the history stores it."""
        return f"{self.stage} · {self.temperature}"

    def said(self) -> str:
        """The headline in the reader's language: `SQL · kuuma`."""
        return f"{self.stage} · {temperature_word(self.temperature)}"


def temperature_word(temperature: str | None) -> str:
    """hot, warm or cold in the reader's language (anything else as it is)."""
    return (
        _(TEMPERATURE_WORDS[temperature]) if temperature in TEMPERATURE_WORDS else str(temperature)
    )


def met(part: str, choice: str) -> bool:
    """Whether one answer counts as met."""
    return choice in MET[part]


def mark(part: str, choice: str) -> str:
    """✓ met, ? unknown, ✗ answered and not met."""
    if met(part, choice):
        return "✓"
    return "?" if choice in UNKNOWN[part] else "✗"


def marks(answers: Answers) -> str:
    """`B✓ A? N✗ T✗`."""
    return " ".join(f"{part[0].upper()}{mark(part, answers.get(part))}" for part in PARTS)


def check_threshold(threshold: int) -> int:
    """A threshold the rule accepts: 2, 3 or 4 of the four met."""
    if threshold not in THRESHOLDS:
        raise InvalidInput("bad_threshold", threshold=threshold, thresholds=list(THRESHOLDS))
    return threshold


def clean_note(text: str | None) -> str | None:
    """What the seller noted about one answer, or None."""
    text = (text or "").strip()
    if len(text) > NOTE_MAX:
        raise InvalidInput("bant_note_too_long", limit=NOTE_MAX)
    return text or None


def disqualifiers(answers: Answers) -> list[str]:
    """Why the lead is a candidate for disqualification, in the reader's language (empty when
    it is not)."""
    return [_(why) for part, hits in DISQUALIFYING.items() if (why := hits.get(answers.get(part)))]


def answers_of(q) -> Answers:
    """The answers a stored check (a Qualification row) holds."""
    return Answers(budget=q.budget, authority=q.authority, need=q.need, timeline=q.timeline)


def verdict(answers: Answers, threshold: int = DEFAULT_THRESHOLD) -> Verdict:
    """SQL when Need is confirmed, at least `threshold` of the four are met, and nothing
    disqualifies it: a known "no budget" or "no access" outweighs the count, so one verdict
    never says both "qualified" and "candidate for disqualification"."""
    check_threshold(threshold)
    score = sum(met(part, answers.get(part)) for part in PARTS)
    against = disqualifiers(answers)
    return Verdict(
        score=score,
        qualified=met("need", answers.need) and score >= threshold and not against,
        temperature=TEMPERATURE[answers.timeline],
        suggest_disqualify=bool(against),
        marks=marks(answers),
        threshold=threshold,
    )


def summary_text(qualified: bool, temperature: str, answers: Answers) -> str:
    """`SQL · hot · B✓ A✓ N✓ T✓`: the one line a card shows."""
    return f"{'SQL' if qualified else 'MQL'} · {temperature_word(temperature)} · {marks(answers)}"


def shortfall(answers: Answers, v: Verdict) -> str:
    """Why the answers are not qualified yet, in the seller's words."""
    against = disqualifiers(answers)
    if against:
        return _("{score} of 4 are met, but not while there is {against}").format(
            score=v.score, against=_(" and ").join(against)
        )
    if not met("need", answers.need):
        return _("the need is not confirmed as critical")
    return _("{score} of 4 are met; the rule needs {threshold}").format(
        score=v.score, threshold=v.threshold
    )


def rule_text(threshold: int, strict: bool) -> str:
    """The workspace's rule, in one sentence."""
    moves = (
        _("Deals that are not qualified cannot move past the qualification stage.")
        if strict
        else _("Moving a deal that is not qualified past the qualification stage asks first.")
    )
    return _(
        "A lead is qualified (SQL) when its need is confirmed as critical, at least "
        "{threshold} of the four (budget, authority, need, timeline) are met, and it has "
        "neither no budget nor no access to the decision maker. {moves}"
    ).format(threshold=threshold, moves=moves)
