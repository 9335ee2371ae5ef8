"""Finding stages and deals from what a user typed."""

import difflib
import re
from collections import Counter

from bot.common.errors import AmbiguousDeal, DealNotFound, StageNotFound
from bot.pipeline.templates import every_name, local_name
from storage.models import Deal, Stage

_NUMBER = re.compile(r"#?(\d{1,9})")
AMBIGUOUS_SHOWN = 10  # candidates named when a part of a name fits several deals
SUGGESTED = 3  # deal names offered when a reference fits none
NAME_WORDS_MAX = 30  # the most words of a command tried as a deal's name


def fold(text: str) -> str:
    """Lower case with runs of white space made one space, for matching."""
    return " ".join(text.split()).casefold()


def stage_names(stages: list[Stage]) -> list[tuple[str, str]]:
    """(key, name) of each stage, the name in the reader's language: what a refusal lists so
    the user can pick one."""
    return [(s.key, local_name(s.name)) for s in stages]


def match_stage(stages: list[Stage], text: str) -> Stage:
    """The stage named by key, name, or an unambiguous part of either; a template's stage
    also by its name in any language (`tarjous`: the reader's language first)."""
    want = fold(text).replace("_", " ")
    if not want:
        raise StageNotFound("stage_missing", stages=stage_names(stages))
    for s in stages:
        if want in (fold(s.key).replace("_", " "), fold(s.name)):
            return s
    named = [s for s in stages if want in {fold(n) for n in every_name(s.name)}]
    if len(named) == 1:
        return named[0]
    hits = [s for s in stages if want in fold(s.key).replace("_", " ") or want in fold(s.name)]
    if not hits:  # a part of the name in the reader's language, else in any language
        hits = [s for s in stages if want in fold(local_name(s.name))] or [
            s for s in stages if any(want in fold(n) for n in every_name(s.name))
        ]
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise StageNotFound("stage_ambiguous", text=text, stages=stage_names(hits))
    raise StageNotFound("stage_unknown", text=text, stages=stage_names(stages))


def recorded_stage(stages: list[Stage], stage_id: int | None, name: str | None) -> Stage:
    """The stage a history entry names: by id when it has one (the stage may have been
    renamed since), else by the name it recorded; StageNotFound when it is not in `stages`."""
    if stage_id is None:
        return match_stage(stages, name or "")
    found = next((s for s in stages if s.id == stage_id), None)
    if found is None:
        raise StageNotFound("stage_gone")
    return found


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


def name_words(words: list[str], names: list[str]) -> int:
    """How many of the first words are some deal's whole name (the most such), 0 if none:
    `acme corp called again` starts with Acme Corp's name, two words."""
    folded = {fold(n) for n in names}
    for n in range(min(len(words), NAME_WORDS_MAX), 1, -1):
        if fold(" ".join(words[:n])) in folded:
            return n
    return 0


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


SIMILAR_SHOWN = 3  # open deals a duplicate warning names
CLOSE = 0.85  # the spelling ratio (difflib) of a similar name
_DIGITS = re.compile(r"\d+")


def similar(name: str, names: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The (number, name) pairs whose name is like `name`: the same words, one name's words
    within the other's (`Acme` and `Acme Corp`), or a close spelling (`Acme Crop`). Names
    with different numbers in them (`Deal 01`, `Deal 02`) are different deals.

    The first SIMILAR_SHOWN found, in the order given: a name whose numbers differ is
    passed over before it is folded (folding changes no digit), and the spelling is
    compared last, after its quick upper bounds."""
    want = fold(name)
    words = want.split()
    digits = _DIGITS.findall(want)
    close = _Close(want)
    hits = []
    for number, other in names:
        if _DIGITS.findall(other) != digits:
            continue
        theirs = fold(other)
        if theirs == want or _within(words, theirs.split()) or close.to(theirs):
            hits.append((number, other))
            if len(hits) == SIMILAR_SHOWN:
                break
    return hits


def _within(words: list[str], theirs: list[str]) -> bool:
    """One name's words, in order, inside the other's."""
    shorter, longer = sorted((words, theirs), key=len)
    n = len(shorter)
    return bool(shorter) and any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


class _Close:
    """A close spelling of one name: difflib's ratio of at least CLOSE. Its two upper
    bounds (the lengths, then the letters in common, as difflib's real_quick_ratio and
    quick_ratio reckon them) are checked first, the name's letters counted once: a
    duplicate warning compares up to a few hundred names, nearly all of them far off."""

    def __init__(self, want: str) -> None:
        self.want = want
        self.letters = Counter(want)

    def to(self, theirs: str) -> bool:
        total = len(self.want) + len(theirs)  # never 0: an empty name equals `want`
        if 2.0 * min(len(self.want), len(theirs)) / total < CLOSE:
            return False
        left, common = dict(self.letters), 0  # the letters in common, as quick_ratio counts
        for ch in theirs:
            n = left.get(ch, 0)
            if n > 0:
                left[ch], common = n - 1, common + 1
        if 2.0 * common / total < CLOSE:
            return False
        return difflib.SequenceMatcher(None, self.want, theirs).ratio() >= CLOSE
