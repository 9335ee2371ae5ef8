"""What dealbot says in its DM about a CSV file shared with it: the preview of an import,
its result, and why a file cannot be imported. The counts and `line N` reasons are the
command line's (bot/imports/words.py); names and reasons from the file are escaped."""

from bot.common.numbers import number
from bot.i18n import N_, _, n_
from bot.imports.plan import Plan
from bot.imports.words import SHOWN
from bot.imports.write import Summary
from handlers.kit.mrkdwn import escape

IMPORT, CANCEL = N_("Import"), N_("Cancel")
NOTHING = N_("Nothing was imported.")


def file(name: str) -> str:
    """The file's name, bold and escaped."""
    return f"*{escape(name)}*"


def rows(n: int) -> str:
    """`12 rows`."""
    return n_("{n} row", "{n} rows", n).format(n=number(n))


def _lines(lines: list[int]) -> str:
    shown = ", ".join(map(str, lines[:10]))
    if len(lines) > 10:
        return _("lines {lines} and {n} more").format(lines=shown, n=len(lines) - 10)
    return n_("line {lines}", "lines {lines}", len(lines)).format(lines=shown)


def refused_lines(refused: list) -> list[str]:
    """`• line 3: the deal has no name`, for the first SHOWN refused rows."""
    out = ["• " + _("line {n}: {why}").format(n=r.line, why=escape(r.why)) for r in refused[:SHOWN]]
    if len(refused) > SHOWN:
        out.append(_("… and {n} more refused rows").format(n=len(refused) - SHOWN))
    return out


def preview(name: str, found: Plan) -> str:
    """What an import of the file would do (dry run: nothing is written yet)."""
    return _(
        "{file} ({rows}): an import would create {new}, update {changed}; {unchanged} "
        "unchanged, {refused} refused. Nothing is written until you click *{button}*."
    ).format(
        file=file(name),
        rows=rows(found.rows),
        new=len(found.new),
        changed=len(found.changed),
        unchanged=found.unchanged,
        refused=len(found.refused),
        button=_(IMPORT),
    )


def nothing_to_do(name: str, found: Plan) -> str:
    """The file would change nothing: already imported, or every row refused."""
    if not found.refused:
        return n_(
            "{file} is already imported: its {n} row match the deals as they are, nothing "
            "would change.",
            "{file} is already imported: its {n} rows match the deals as they are, nothing "
            "would change.",
            found.rows,
        ).format(file=file(name), n=number(found.rows))
    return _(
        "{file} ({rows}): nothing to import; {unchanged} unchanged, {refused} refused. Fix the "
        "rows below and share the file again."
    ).format(
        file=file(name),
        rows=rows(found.rows),
        unchanged=found.unchanged,
        refused=len(found.refused),
    )


def blocked(name: str, found: Plan) -> list[str]:
    """Why nothing can be imported yet: the stages and people that match nothing."""
    head = _("{file} ({rows}): nothing can be imported yet.").format(
        file=file(name), rows=rows(found.rows)
    )
    out = [head + " " + _(NOTHING)]
    if found.unknown_stages:
        names = ", ".join(f"{escape(s.key)} ({escape(s.name)})" for s in found.stages if s.active)
        out.append(_("Stages that match no stage of the workspace:"))
        out += [f"• “{escape(s)}” ({_lines(n)})" for s, n in found.unknown_stages.items()]
        out.append(
            _(
                "Write a stage's key or name in the file: {stages}; or map them on the command "
                'line: `dealbot import FILE.csv --stage "NAME=stage"`.'
            ).format(stages=names)
        )
    if found.unknown_people:
        out.append(_("People that match nobody in Slack:"))
        out += [f"• “{escape(p)}” ({_lines(n)})" for p, n in found.unknown_people.items()]
        out.append(
            _(
                "Write a teammate's Slack email or user id (U…) as the owner, or map them on the "
                'command line: `dealbot import FILE.csv --owner "NAME=U012AB3CD"` '
                "(or `--default-owner U012AB3CD`)."
            )
        )
    return out


def result(name: str, done: Summary) -> str:
    """What the import did; a second one of the same file changes nothing."""
    if not (done.created or done.updated or done.refused):
        return n_(
            "{file} was already imported: nothing changed ({n} row unchanged).",
            "{file} was already imported: nothing changed ({n} rows unchanged).",
            done.unchanged,
        ).format(file=file(name), n=number(done.unchanged))
    return _(
        "Imported {file}: {created} created, {updated} updated, {unchanged} unchanged, "
        "{refused} refused."
    ).format(
        file=file(name),
        created=done.created,
        updated=done.updated,
        unchanged=done.unchanged,
        refused=len(done.refused),
    )


def importing(name: str) -> str:
    return _("Importing {file}…").format(file=file(name))


def cancelled(name: str) -> str:
    return _("Cancelled: nothing was imported from {file}.").format(file=file(name))


def cannot_map(name: str, why: str) -> str:
    """The file cannot work at all (no name column, empty, …)."""
    return _(
        "{file} cannot be imported: {why}. In Slack, name the columns as "
        "HubSpot, Pipedrive or Salesforce exports do, or with dealbot's field names (name, "
        "company, value, currency, stage, owner, …); for other columns use `dealbot import "
        'FILE.csv --map "COLUMN=FIELD"` on the command line. {nothing}'
    ).format(file=file(name), why=escape(why), nothing=_(NOTHING))


def lookup_refused(error: str) -> str:
    return _(
        "Slack refused to look the file's people up by email (`{error}`). {nothing} "
        "Write Slack user ids (U…) in the owner column instead."
    ).format(error=escape(error), nothing=_(NOTHING))


def _megabytes(size: object) -> str:
    if not isinstance(size, int):
        return _("too large")
    return _("{n} MB").format(n=f"{int(size) / (1024 * 1024):.1f}")


# Why a shared file cannot be read: NotReadable's code -> its data -> the reply.
REFUSALS = {
    "import_not_csv": lambda name, kind: _(
        "I import deals from CSV files (`.csv`), and {file} is a {kind} file. "
        "Export or save your deals as CSV (the first row naming the columns) and share that "
        "here. {nothing}"
    ).format(file=file(name), kind=escape(kind), nothing=_(NOTHING)),
    "import_too_large": lambda name, size: _(
        "{file} is {size}; I import files of up to 5 MB here. Split it, "
        "or use `dealbot import FILE.csv` on the command line. {nothing}"
    ).format(file=file(name), size=_megabytes(size), nothing=_(NOTHING)),
    "import_no_scope": lambda: _(
        "I cannot read files shared with me: this installation of dealbot lacks Slack's "
        "`files:read` permission. An admin can grant it by reinstalling dealbot from its "
        "manifest (manifest.yml asks for it); then share the file again. {nothing}"
    ).format(nothing=_(NOTHING)),
    "import_file_gone": lambda: _(
        "That file is no longer in Slack; share it again. {nothing}"
    ).format(nothing=_(NOTHING)),
    "import_slack_refused": lambda error: _(
        "Slack would not show me the file (`{error}`). {nothing} Share it again."
    ).format(error=escape(error), nothing=_(NOTHING)),
    "import_download_refused": lambda name, why: _(
        "Slack did not let me download {file} ({why}). {nothing} An admin can "
        "check that dealbot has the `files:read` permission; then share the file again."
    ).format(file=file(name), why=escape(why), nothing=_(NOTHING)),
    "import_download_failed": lambda name: _(
        "I could not download {file} from Slack. {nothing} Share it again in a moment."
    ).format(file=file(name), nothing=_(NOTHING)),
    "import_broken_button": lambda: _(
        "That button is from an old or broken message. {nothing} Share the file again."
    ).format(nothing=_(NOTHING)),
}
