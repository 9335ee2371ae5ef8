"""What dealbot says in its DM about a CSV file shared with it: the preview of an import,
its result, and why a file cannot be imported. The counts and `line N` reasons are the
command line's (bot/imports/words.py); names and reasons from the file are escaped."""

from bot.imports.plan import Plan
from bot.imports.words import SHOWN
from bot.imports.write import Summary
from handlers.kit.layout import plural
from handlers.kit.mrkdwn import escape

IMPORT, CANCEL = "Import", "Cancel"
NOTHING = "Nothing was imported."


def file(name: str) -> str:
    """The file's name, bold and escaped."""
    return f"*{escape(name)}*"


def _lines(lines: list[int]) -> str:
    shown = ", ".join(map(str, lines[:10]))
    more = f" and {len(lines) - 10} more" if len(lines) > 10 else ""
    return f"line{'s' if len(lines) > 1 else ''} {shown}{more}"


def refused_lines(refused: list) -> list[str]:
    """`• line 3: the deal has no name`, for the first SHOWN refused rows."""
    out = [f"• line {r.line}: {escape(r.why)}" for r in refused[:SHOWN]]
    if len(refused) > SHOWN:
        out.append(f"… and {len(refused) - SHOWN} more refused rows")
    return out


def preview(name: str, found: Plan) -> str:
    """What an import of the file would do (dry run: nothing is written yet)."""
    return (
        f"{file(name)} ({plural(found.rows, 'row')}): an import would create "
        f"{len(found.new)}, update {len(found.changed)}; {found.unchanged} unchanged, "
        f"{len(found.refused)} refused. Nothing is written until you click *{IMPORT}*."
    )


def nothing_to_do(name: str, found: Plan) -> str:
    """The file would change nothing: already imported, or every row refused."""
    if not found.refused:
        return (
            f"{file(name)} is already imported: its {plural(found.rows, 'row')} "
            "match the deals as they are, nothing would change."
        )
    return (
        f"{file(name)} ({plural(found.rows, 'row')}): nothing to import; "
        f"{found.unchanged} unchanged, {len(found.refused)} refused. Fix the rows below "
        "and share the file again."
    )


def blocked(name: str, found: Plan) -> list[str]:
    """Why nothing can be imported yet: the stages and people that match nothing."""
    out = [f"{file(name)} ({plural(found.rows, 'row')}): nothing can be imported yet. {NOTHING}"]
    if found.unknown_stages:
        names = ", ".join(f"{escape(s.key)} ({escape(s.name)})" for s in found.stages if s.active)
        out.append("Stages that match no stage of the workspace:")
        out += [f"• “{escape(s)}” ({_lines(n)})" for s, n in found.unknown_stages.items()]
        out.append(
            f"Write a stage's key or name in the file: {names}; or map them on the command "
            'line: `dealbot import FILE.csv --stage "NAME=stage"`.'
        )
    if found.unknown_people:
        out.append("People that match nobody in Slack:")
        out += [f"• “{escape(p)}” ({_lines(n)})" for p, n in found.unknown_people.items()]
        out.append(
            "Write a teammate's Slack email or user id (U…) as the owner, or map them on the "
            'command line: `dealbot import FILE.csv --owner "NAME=U012AB3CD"` '
            "(or `--default-owner U012AB3CD`)."
        )
    return out


def result(name: str, done: Summary) -> str:
    """What the import did; a second one of the same file changes nothing."""
    if not (done.created or done.updated or done.refused):
        return (
            f"{file(name)} was already imported: nothing changed "
            f"({plural(done.unchanged, 'row')} unchanged)."
        )
    return (
        f"Imported {file(name)}: {done.created} created, {done.updated} updated, "
        f"{done.unchanged} unchanged, {len(done.refused)} refused."
    )


def importing(name: str) -> str:
    return f"Importing {file(name)}…"


def cancelled(name: str) -> str:
    return f"Cancelled: nothing was imported from {file(name)}."


def cannot_map(name: str, why: str) -> str:
    """The file cannot work at all (no name column, empty, …)."""
    return (
        f"{file(name)} cannot be imported: {escape(why)}. In Slack, name the columns as "
        "HubSpot, Pipedrive or Salesforce exports do, or with dealbot's field names (name, "
        "company, value, currency, stage, owner, …); for other columns use `dealbot import "
        f'FILE.csv --map "COLUMN=FIELD"` on the command line. {NOTHING}'
    )


def lookup_refused(error: str) -> str:
    return (
        f"Slack refused to look the file's people up by email (`{escape(error)}`). {NOTHING} "
        "Write Slack user ids (U…) in the owner column instead."
    )


def _megabytes(size: object) -> str:
    return f"{int(size) / (1024 * 1024):.1f} MB" if isinstance(size, int) else "too large"


# Why a shared file cannot be read: NotReadable's code -> its data -> the reply.
REFUSALS = {
    "import_not_csv": lambda name, kind: (
        f"I import deals from CSV files (`.csv`), and {file(name)} is a {escape(kind)} file. "
        "Export or save your deals as CSV (the first row naming the columns) and share that "
        f"here. {NOTHING}"
    ),
    "import_too_large": lambda name, size: (
        f"{file(name)} is {_megabytes(size)}; I import files of up to 5 MB here. Split it, "
        f"or use `dealbot import FILE.csv` on the command line. {NOTHING}"
    ),
    "import_no_scope": lambda: (
        "I cannot read files shared with me: this installation of dealbot lacks Slack's "
        "`files:read` permission. An admin can grant it by reinstalling dealbot from its "
        f"manifest (manifest.yml asks for it); then share the file again. {NOTHING}"
    ),
    "import_file_gone": lambda: f"That file is no longer in Slack; share it again. {NOTHING}",
    "import_slack_refused": lambda error: (
        f"Slack would not show me the file (`{escape(error)}`). {NOTHING} Share it again."
    ),
    "import_download_refused": lambda name, why: (
        f"Slack did not let me download {file(name)} ({escape(why)}). {NOTHING} An admin can "
        "check that dealbot has the `files:read` permission; then share the file again."
    ),
    "import_download_failed": lambda name: (
        f"I could not download {file(name)} from Slack. {NOTHING} Share it again in a moment."
    ),
    "import_broken_button": lambda: (
        f"That button is from an old or broken message. {NOTHING} Share the file again."
    ),
}
