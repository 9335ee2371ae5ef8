"""Finding stages and deals from what a user typed."""

import difflib
import re

from bot.common.errors import AmbiguousDeal, DealNotFound, StageNotFound
from storage.models import Deal, Stage

_NUMBER = re.compile(r"#?(\d{1,9})")
AMBIGUOUS_SHOWN = 10  # candidates named when a part of a name fits several deals
SUGGESTED = 3  # deal names offered when a reference fits none


def fold(text: str) -> str:
    """Lower case with runs of white space made one space, for matching."""
    return " ".join(text.split()).casefold()


def stage_names(stages: list[Stage]) -> list[tuple[str, str]]:
    """(key, name) of each stage: what a refusal lists so the user can pick one."""
    return [(s.key, s.name) for s in stages]


def match_stage(stages: list[Stage], text: str) -> Stage:
    """The stage named by key, name, or an unambiguous part of either."""
    want = fold(text).replace("_", " ")
    if not want:
        raise StageNotFound("stage_missing", stages=stage_names(stages))
    for s in stages:
        if want in (fold(s.key).replace("_", " "), fold(s.name)):
            return s
    hits = [s for s in stages if want in fold(s.key).replace("_", " ") or want in fold(s.name)]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise StageNotFound("stage_ambiguous", text=text, stages=stage_names(hits))
    raise StageNotFound("stage_unknown", text=text, stages=stage_names(stages))


def parse_number(ref: str) -> int | None:
    """The deal number in `12` or `#12`, else None."""
    m = _NUMBER.fullmatch(ref.strip())
    return int(m.group(1)) if m else None


def pick_deal(ref: str, candidates: list[Deal], all_names: list[tuple[int, str]]) -> Deal:
    """The one deal a name part refers to, or an error naming the candidates or the closest."""
    want = fold(ref)
    exact = [d for d in candidates if fold(d.name) == want]
    if len(exact) == 1:
        return exact[0]
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        fits = [(d.number, d.name) for d in candidates[:AMBIGUOUS_SHOWN]]
        raise AmbiguousDeal("deal_ambiguous", text=ref, deals=fits)
    raise DealNotFound("deal_unknown", text=ref, **suggestions(ref, all_names))


def suggestions(ref: str, names: list[tuple[int, str]]) -> dict[str, list[tuple[int, str]]]:
    """What to offer for a reference that fits no deal, as error data.

    `near`: the closest (number, name) pairs by spelling; `newest`: the newest deals,
    offered when none is close. Both empty: the workspace has no deals yet.
    """
    by_name = {fold(name): (n, name) for n, name in names}
    near = difflib.get_close_matches(fold(ref), list(by_name), n=SUGGESTED, cutoff=0.5)
    return {
        "near": [by_name[k] for k in near],
        "newest": [] if near else [(n, name) for n, name in names[:SUGGESTED]],
    }
