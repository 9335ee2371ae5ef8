"""Finding stages and deals from what a user typed."""

import difflib
import re

from bot.common.errors import AmbiguousDeal, DealNotFound, StageNotFound
from handlers.kit.mrkdwn import escape
from storage.models import Deal, Stage

_NUMBER = re.compile(r"#?(\d{1,9})")


def fold(text: str) -> str:
    """Lower case with runs of white space made one space, for matching."""
    return " ".join(text.split()).casefold()


def match_stage(stages: list[Stage], text: str) -> Stage:
    """The stage named by key, name, or an unambiguous part of either."""
    want = fold(text).replace("_", " ")
    if not want:
        raise StageNotFound(f"Which stage? The stages are: {stage_list(stages)}.")
    for s in stages:
        if want in (fold(s.key).replace("_", " "), fold(s.name)):
            return s
    hits = [s for s in stages if want in fold(s.key).replace("_", " ") or want in fold(s.name)]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise StageNotFound(
            f"“{escape(text)}” fits several stages: {stage_list(hits)}. Say which one."
        )
    raise StageNotFound(
        f"There is no stage “{escape(text)}”. The stages are: {stage_list(stages)}."
    )


def stage_list(stages: list[Stage]) -> str:
    """Stages as `key` (Name), for messages."""
    return ", ".join(f"`{s.key}` ({escape(s.name)})" for s in stages)


def parse_number(ref: str) -> int | None:
    """The deal number in `12` or `#12`, else None."""
    m = _NUMBER.fullmatch(ref.strip())
    return int(m.group(1)) if m else None


def pick_deal(ref: str, candidates: list[Deal], all_names: list[tuple[int, str]]) -> Deal:
    """The one deal a name part refers to, or a helpful error naming the closest."""
    want = fold(ref)
    exact = [d for d in candidates if fold(d.name) == want]
    if len(exact) == 1:
        return exact[0]
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        listed = ", ".join(f"#{d.number} {escape(d.name)}" for d in candidates[:10])
        raise AmbiguousDeal(
            f"“{escape(ref)}” matches several deals: {listed}. Use the number, e.g. "
            f"`#{candidates[0].number}`."
        )
    raise DealNotFound(f"No deal matches “{escape(ref)}”.{closest(ref, all_names)}")


def closest(ref: str, names: list[tuple[int, str]]) -> str:
    """A ' Did you mean …?' hint with the closest deal names, or ''."""
    if not names:
        return " There are no deals yet: create one with `/deal new Acme Corp 12k`."
    by_name = {fold(name): (n, name) for n, name in names}
    near = difflib.get_close_matches(fold(ref), list(by_name), n=3, cutoff=0.5)
    if not near:
        recent = ", ".join(f"#{n} {escape(name)}" for n, name in names[:3])
        return f" The newest deals are: {recent}. `/deal list` shows them all."
    return (
        " Did you mean "
        + ", ".join(f"#{by_name[k][0]} {escape(by_name[k][1])}" for k in near)
        + "?"
    )
