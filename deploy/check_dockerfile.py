"""Check deploy/Dockerfile as far as a machine without a container runtime can (CI runs it).

    python deploy/check_dockerfile.py dist/dealbot-0.1.0-py3-none-any.whl

- every path a COPY takes from the build context exists once Dockerfile.dockerignore
  has filtered the context;
- the wheel the image's build stage makes (`pip wheel --no-deps .` in that filtered
  context) holds exactly the files, byte for byte, of the wheel given (the one CI built
  from the repository, installed and ran `dealbot db upgrade && dealbot demo` with);
- the image's CMD is a console script of that wheel, and what HEALTHCHECK asks for
  (`/healthz`) is served by the HTTP front door.

It cannot build or run the image: that needs Docker (docs/operations.md says so).
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

DEPLOY = Path(__file__).resolve().parent
ROOT = DEPLOY.parent
DOCKERFILE = DEPLOY / "Dockerfile"
IGNORE = DEPLOY / "Dockerfile.dockerignore"


def patterns() -> list[re.Pattern]:
    """The ignore file's patterns as regular expressions over context-relative paths."""
    found = []
    for line in IGNORE.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("!"):
            raise SystemExit(f"{IGNORE.name}: exceptions (!) are not checked here: {line}")
        rx = re.escape(line.strip("/")).replace(r"\*\*/", "(?:.*/)?").replace(r"\*\*", ".*")
        found.append(re.compile(rx.replace(r"\*", "[^/]*").replace(r"\?", "[^/]")))
    return found


def ignored(rel: str, rules: list[re.Pattern]) -> bool:
    """Whether the path, or a folder it is in, is left out of the context."""
    parts = rel.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    return any(rule.fullmatch(p) for rule in rules for p in prefixes)


def context(into: Path) -> Path:
    """A copy of the build context Docker would send."""
    rules = patterns()
    for folder, dirs, files in os.walk(ROOT):
        here = Path(folder).relative_to(ROOT)
        dirs[:] = [d for d in dirs if not ignored((here / d).as_posix(), rules)]  # no .venv
        for name in files:
            rel = (here / name).as_posix()
            if not ignored(rel, rules):
                (into / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(Path(folder) / name, into / rel, follow_symlinks=False)  # as Docker
    return into


def instructions() -> list[tuple[str, str]]:
    """The Dockerfile's instructions (continuation lines joined), comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text())
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def contents(wheel: Path) -> dict[str, bytes]:
    """A wheel's files and their bytes (RECORD aside: it holds the same hashes)."""
    with zipfile.ZipFile(wheel) as z:
        return {n: z.read(n) for n in z.namelist() if not n.endswith(".dist-info/RECORD")}


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__)
        return 2
    built_by_ci = Path(argv[0])
    problems = []
    steps = instructions()
    with tempfile.TemporaryDirectory() as tmp:
        ctx = context(Path(tmp) / "context")
        for word, rest in steps:
            if word == "COPY" and "--from=" not in rest:
                *sources, _dest = shlex.split(rest)
                problems += [f"COPY {s}: not in the build context" for s in sources
                             if not (ctx / s).exists()]
        out = Path(tmp) / "wheels"
        subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps",
                        "--wheel-dir", str(out), str(ctx)], check=True)
        (image_wheel,) = out.glob("dealbot-*.whl")
        theirs, ours = contents(image_wheel), contents(built_by_ci)
        for name in sorted(set(theirs) | set(ours)):
            if theirs.get(name) != ours.get(name):
                problems.append(f"the image's wheel and CI's differ in {name}")
        scripts = ours.get(next((n for n in ours if n.endswith("entry_points.txt")), ""), b"")
    cmd = next((rest for word, rest in reversed(steps) if word == "CMD"), "[]")
    program = re.findall(r'"([^"]+)"', cmd)[:1]
    if not program or f"\n{program[0]} =".encode() not in b"\n" + scripts:
        problems.append(f"CMD {cmd}: not a console script of the wheel")
    health = next((rest for word, rest in steps if word == "HEALTHCHECK"), "")
    if "/healthz" not in health or '"/healthz"' not in (ROOT / "bot/runtime/web.py").read_text():
        problems.append("HEALTHCHECK asks for /healthz, which bot/runtime/web.py must serve")
    for p in problems:
        print(f"deploy/Dockerfile: {p}", file=sys.stderr)
    if not problems:
        print(f"deploy/Dockerfile: context, COPY paths, wheel ({len(ours)} files), CMD and "
              "HEALTHCHECK check out (the image itself was not built: no container runtime)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
