"""What `dealbot import` prints: the summary, a dry run's count, and why nothing was written.

Plain text for a terminal (no Slack markup); the demo prints the same.
"""

from bot.imports.parse import Refusal
from bot.imports.plan import Plan
from bot.imports.write import Summary

SHOWN = 50  # refused lines printed; the rest are counted


def _lines(lines: list[int]) -> str:
    shown = ", ".join(map(str, lines[:10]))
    more = f" and {len(lines) - 10} more" if len(lines) > 10 else ""
    return f"line{'s' if len(lines) > 1 else ''} {shown}{more}"


def blocked_text(found: Plan, looked_up: bool = True) -> str:
    """Why nothing was written: the stages and people the file names that match nothing."""
    out = ["Nothing was imported."]
    if found.unknown_stages:
        names = ", ".join(f"{s.key} ({s.name})" for s in found.stages if s.active)
        out.append("Stages that match no stage of the workspace:")
        out += [f"  “{s}” ({_lines(n)})" for s, n in found.unknown_stages.items()]
        out.append(f'Map each with --stage "NAME=stage"; the stages are {names}.')
    if found.unknown_people:
        out.append("People that match nobody in Slack:")
        out += [f"  “{p}” ({_lines(n)})" for p, n in found.unknown_people.items()]
        out.append('Map each with --owner "NAME=U012AB3CD", or give --default-owner U012AB3CD.')
        if not looked_up and any("@" in p for p in found.unknown_people):
            out.append(
                "Emails were not looked up: there is no Slack token (SLACK_BOT_TOKEN, "
                "or an OAuth install of this workspace)."
            )
    return "\n".join(out)


def _refusals(refused: list[Refusal]) -> list[str]:
    out = [f"  line {r.line}: {r.why}" for r in refused[:SHOWN]]
    if len(refused) > SHOWN:
        out.append(f"  … and {len(refused) - SHOWN} more refused rows")
    return out


def dry_run_text(found: Plan) -> str:
    """What a dry run found: how many rows it would import, and which it would refuse."""
    would = len(found.new) + len(found.changed)
    out = [
        f"Dry run: would import {would} of {found.rows} rows ({len(found.new)} new, "
        f"{len(found.changed)} updated); {found.unchanged} unchanged, "
        f"{len(found.refused)} refused. Nothing was written."
    ]
    return "\n".join(out + _refusals(found.refused))


def summary_text(done: Summary) -> str:
    """The end of an import: created, updated, unchanged, refused (with lines and why)."""
    out = [
        f"Imported: {done.created} created, {done.updated} updated, {done.unchanged} unchanged, "
        f"{len(done.refused)} refused."
    ]
    return "\n".join(out + _refusals(done.refused))
