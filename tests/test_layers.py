"""The house rules, checked on the source: arrows one way, no circles, no Slack in the domain.

- Arrows point `handlers -> bot -> storage`. Only the composition root (`bot/app.py`,
  `bot/cli.py`) imports `handlers`; `storage` imports neither; `handlers` reaches
  `storage` only for the unit of work and the table types.
- No import circle between modules, function-level imports included.
- `bot/` outside `bot/local/` writes no Slack markup: no `escape()`, no `<@`, `<!`,
  `/deal` or mrkdwn code spans in its strings (docstrings aside).
- Every query lives in `storage/`: no query builder outside it.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "handlers", "storage")
ROOTS = {"bot.app", "bot.cli"}
COMPOSITION = ROOTS | {"bot.settings", "bot.__main__", "bot"}
HANDLERS_MAY_USE = {"storage.db", "storage.models", "storage.types"}
QUERY_BUILDERS = {"select", "update", "insert", "delete", "func", "col", "text", "and_", "or_"}
MARKUP = re.compile(r"<@|<!|/deal\b|`|&lt;|&gt;|&amp;")


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = modules()


def imports(path: Path) -> set[str]:
    """Every module of ours this file imports, at any depth of the code."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                found.add(sub if sub in MODULES else node.module)
    return {m for m in found if m.split(".")[0] in PACKAGES}


GRAPH = {name: imports(path) for name, path in MODULES.items()}


def wrong_arrows() -> list[str]:
    """Imports that go against handlers -> bot -> storage."""
    wrong = []
    for name, deps in GRAPH.items():
        layer = name.split(".")[0]
        for dep in deps:
            to = dep.split(".")[0]
            if layer == "storage" and to != "storage":
                wrong.append(f"{name} -> {dep}")
            if layer == "bot" and to == "handlers" and name not in ROOTS:
                wrong.append(f"{name} -> {dep}")
            if layer == "handlers" and to == "storage" and dep not in HANDLERS_MAY_USE:
                wrong.append(f"{name} -> {dep}")
    return wrong


def test_arrows_point_from_handlers_to_bot_to_storage():
    assert wrong_arrows() == []


def circles() -> list[list[str]]:
    """Groups of modules that import each other, directly or around a loop."""
    index, low, stack, on_stack, circles = {}, {}, [], set(), []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in GRAPH.get(v, ()):
            if w not in GRAPH:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return circles


def test_no_import_circles():
    assert circles() == []


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def domain_modules():
    return [
        (n, p)
        for n, p in MODULES.items()
        if n.startswith("bot.") and not n.startswith("bot.local") and n not in COMPOSITION
    ]


def markup_in_the_domain() -> list[str]:
    """Slack markup (or escape calls) in bot/ outside local/ and the composition root."""
    found = []
    for name, path in domain_modules():
        tree = ast.parse(path.read_text())
        skip = _docstrings(tree)
        for node in ast.walk(tree):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and id(node) not in skip and MARKUP.search(text):
                found.append(f"{name}:{node.lineno} {node.value[:40]!r}")
            if isinstance(node, ast.Name | ast.Attribute):
                called = node.id if isinstance(node, ast.Name) else node.attr
                if called == "escape":
                    found.append(f"{name}:{node.lineno} escape")
    return found


def test_the_domain_writes_no_slack_markup():
    assert markup_in_the_domain() == []


def queries_outside_storage() -> list[str]:
    """Query builders and statement execution outside storage/."""
    found = []
    for name, path in MODULES.items():
        if name.startswith("storage"):
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in (
                "sqlmodel",
                "sqlalchemy",
            ):
                used = {a.name for a in node.names} & QUERY_BUILDERS
                if used:
                    found.append(f"{name}:{node.lineno} imports {sorted(used)}")
            if isinstance(node, ast.Attribute) and node.attr in ("exec", "execute"):
                found.append(f"{name}:{node.lineno} .{node.attr}()")
    return found


def test_every_query_lives_in_storage():
    assert queries_outside_storage() == []


def test_the_checks_see_the_tree():
    """The rules above look at real code: a wrong arrow in a sample is caught."""
    assert len(MODULES) > 50 and "bot.app" in GRAPH and "handlers" in GRAPH
    assert "storage.db" in GRAPH["handlers.deals.listing"] or any(
        d.startswith("storage") for d in GRAPH["handlers.deals.listing"]
    )


if __name__ == "__main__":  # python -m tests.test_layers: every finding, one per line
    for check in (wrong_arrows, circles, markup_in_the_domain, queries_outside_storage):
        for finding in check():
            print(f"{check.__name__}: {finding}")
