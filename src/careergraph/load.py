"""Read graph/ into records, reporting every problem with file, line and column.

`load_graph(folder)` never raises for bad content: malformed YAML, wrong types, unknown
keys, bad enum values, duplicate ids and dangling references all become Problems, and the
entities that passed their checks still become records.
"""
from __future__ import annotations

import dataclasses
import difflib
import functools
import multiprocessing
import os
from collections.abc import Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import records as r
from .problems import Problem, ProblemList
from .schema import CLAIM_REF, INVALID, SLUG, SPECS, Context

try:  # libyaml is several times faster; fall back to the pure-Python parser without it
    from yaml import CSafeLoader as YamlLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as YamlLoader

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class LoadResult:
    catalogue: r.Catalogue
    problems: ProblemList
    files: dict[tuple[str, str], Path]  # (kind, id) -> source file

    @property
    def ok(self) -> bool:
        return not self.problems.errors


def parse_yaml(text: str):
    """Parse one YAML document; returns (data, root node). Raises yaml.YAMLError."""
    loader = YamlLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        try:
            data = _construct(node, loader)
        except (RecursionError, TypeError):  # an alias inside itself, an unhashable key: PyYAML says what
            data = loader.construct_document(node)
    finally:
        loader.dispose()
    return data, node


_STR, _SEQ, _MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


def _construct(node, loader):
    """The data of a node, as PyYAML's safe constructor makes it, in about a quarter of its time:
    text, lists and mappings with text keys (nearly all of an entity file) directly; any
    other node (numbers, booleans, null, dates, merge keys) by the loader itself."""
    tag = node.tag
    if tag == _STR:
        return node.value
    if tag == _SEQ:
        return [_construct(child, loader) for child in node.value]
    if tag == _MAP and all(key.tag == _STR for key, _ in node.value):
        return {key.value: _construct(value, loader) for key, value in node.value}
    return loader.construct_object(node, deep=True)


def _place(node) -> tuple[int, int]:
    mark = getattr(node, "start_mark", None)
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _yaml_problem(file: str, exc: yaml.YAMLError) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    what = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    message = f"malformed YAML: {what}" + (f" ({context})" if context else "")
    if mark is None:
        return Problem(file, 0, 0, "error", message)
    return Problem(file, mark.line + 1, mark.column + 1, "error", message)


def check_document(kind: str, entity_id: str, text: str, file: str):
    """Check one file's text. Returns (record or None, Context, problems of parsing)."""
    ctx = Context(file)
    try:
        data, node = parse_yaml(text)
    except yaml.YAMLError as exc:
        return None, ctx, [_yaml_problem(file, exc)]
    except RecursionError:
        return None, ctx, [Problem(file, 0, 0, "error", "malformed YAML: nested too deeply")]
    if data is None:
        return None, ctx, [Problem(file, 1, 1, "error",
                                   f"the file is empty, expected a {kind} mapping")]
    spec = dataclasses.replace(SPECS[kind], build=functools.partial(SPECS[kind].build, id=entity_id))
    try:
        record = spec.check(data, node, ctx, "")
    except RecursionError:
        return None, ctx, [Problem(file, 0, 0, "error", "malformed YAML: nested too deeply")]
    if record is INVALID:
        record = None
    if record is not None and kind == "skill":
        for adjacency, adj_node in zip(record.adjacent, _list_nodes(node, "adjacent")):
            if adjacency.skill == entity_id:
                ctx.error(adj_node, f"adjacent: {entity_id!r} is adjacent to itself, expected another skill")
    if record is not None and kind == "career":
        seen = set()
        for link, link_node in zip(record.skills, _list_nodes(node, "skills")):
            if link.skill in seen:
                ctx.error(link_node, f"skills: skill {link.skill!r} is linked twice, expected one link per skill")
            seen.add(link.skill)
    return record, ctx, []


def _list_nodes(node, key: str) -> list:
    for key_node, value_node in getattr(node, "value", []):
        if getattr(key_node, "value", None) == key and isinstance(value_node, yaml.SequenceNode):
            return list(value_node.value)
    return []


PARALLEL_FROM = 1000  # files; below this a process pool costs more than it saves
CHUNKS_PER_WORKER = 16  # small chunks: career files are much bigger than skill files, and come first


def load_graph(folder: str | os.PathLike, overlay: Mapping[Path, str | None] | None = None) -> LoadResult:
    """Read every entity file under `folder`. `overlay` maps files to the text they would
    hold (None: removed), so an edit can be checked as a whole graph before it is written."""
    folder = Path(folder)
    overlay = {Path(path): text for path, text in (overlay or {}).items()}
    catalogue = r.Catalogue()
    problems = ProblemList()
    files: dict[tuple[str, str], Path] = {}
    if not folder.is_dir():
        problems.append(Problem(str(folder), 0, 0, "error", "no such graph folder, expected a directory "
                                "with hubs/, careers/, skills/ and citations/"))
        return LoadResult(catalogue, problems, files)
    jobs = _entity_files(folder, overlay, files, problems)
    if len(jobs) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        results = _check_in_parallel(jobs)
    else:
        results = [_check_file(*job) for job in jobs]
    pending_refs = []
    for (kind, entity_id, _, _, _), (record, file_problems, refs) in zip(jobs, results):
        problems.extend(file_problems)
        pending_refs.extend(refs)
        if record is not None:
            catalogue.of_kind(kind)[entity_id] = record
    problems.extend(_check_references(catalogue, pending_refs, files))
    problems.extend(_check_reachability(catalogue, files))
    problems.sort(key=lambda p: (p.file, p.line, p.column))
    return LoadResult(catalogue, problems, files)


def _entity_files(folder: Path, overlay: dict, files: dict, problems: ProblemList) -> list[tuple]:
    """(kind, id, path, shown name, overlay text) for every entity file, in a stable order."""
    jobs = []
    for kind in r.KINDS:
        kind_dir = folder / r.FOLDERS[kind]
        if not kind_dir.is_dir():
            problems.append(Problem(str(kind_dir), 0, 0, "warning", f"no {r.FOLDERS[kind]}/ folder"))
            continue
        in_folder = set(kind_dir.iterdir()) | {p for p in overlay if p.parent == kind_dir}
        # one folder: by name is by path, and much cheaper than comparing Path objects
        for path in sorted(in_folder, key=lambda p: p.name):
            if path.suffix not in YAML_SUFFIXES or overlay.get(path, "") is None:
                continue
            if path not in overlay and not path.is_file():
                continue
            file = _display(path)
            entity_id = path.stem
            if not SLUG.match(entity_id):
                problems.append(Problem(file, 0, 0, "error", f"file name {path.name!r} is not a valid id, "
                                        "expected a lowercase slug like ml-platform-engineer.yaml"))
                continue
            if (kind, entity_id) in files:
                problems.append(Problem(file, 0, 0, "error", f"duplicate id {entity_id!r}: also defined in "
                                        f"{_display(files[(kind, entity_id)])}"))
                continue
            files[(kind, entity_id)] = path
            jobs.append((kind, entity_id, path, file, overlay.get(path)))
    return jobs


def _check_file(kind: str, entity_id: str, path: Path, file: str, text: str | None):
    """One file's record, problems and references (with their places, so they can be pickled)."""
    try:
        text = text if text is not None else path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(file, 0, 0, "error", f"not UTF-8 text (byte {exc.start}), expected UTF-8")], []
    record, ctx, parse_problems = check_document(kind, entity_id, text, file)
    problems = parse_problems + [Problem(file, *_place(node), severity, message)
                                 for severity, node, message in ctx.problems]
    refs = [(file, ref_kind, value, *_place(node), where) for ref_kind, value, node, where in ctx.refs]
    return record, problems, refs


def _check_chunk(jobs: list[tuple]) -> list:
    return [_check_file(*job) for job in jobs]


def _check_in_parallel(jobs: list[tuple]) -> list:
    """YAML parsing is CPU-bound Python: split the files over the cores (forked workers)."""
    workers = min(os.cpu_count() or 1, 4)
    size = -(-len(jobs) // (workers * CHUNKS_PER_WORKER))
    chunks = [jobs[i:i + size] for i in range(0, len(jobs), size)]
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return [result for chunk in pool.map(_check_chunk, chunks) for result in chunk]


def _display(path: Path) -> str:
    """The path as shown in messages: relative to the working directory when inside it."""
    cwd, text = os.getcwd() + os.sep, str(path)
    return text[len(cwd):] if text.startswith(cwd) else text


def _check_references(catalogue: r.Catalogue, refs, files) -> list[Problem]:
    out = []
    claim_ids = {(c.id, claim.id) for c in catalogue.citations.values() for claim in c.claims}
    for file, kind, value, line, column, where in refs:
        if kind == "claim":
            citation, claim = CLAIM_REF.match(value).groups()
            if ("citation", citation) not in files:
                hint = _did_you_mean(citation, [i for k, i in files if k == "citation"])
                out.append(Problem(file, line, column, "error",
                                   f"{where}: {value!r} names citation {citation!r}, which does not exist{hint}"))
            elif citation in catalogue.citations and (citation, claim) not in claim_ids:
                known = [c.id for c in catalogue.citations[citation].claims]
                out.append(Problem(file, line, column, "error",
                                   f"{where}: citation {citation!r} has no claim {claim!r}, expected one of "
                                   f"{', '.join(known)}"))
        elif (kind, value) not in files:
            hint = _did_you_mean(value, [i for k, i in files if k == kind])
            out.append(Problem(file, line, column, "error",
                               f"{where}: {kind} {value!r} does not exist (dangling reference){hint}"))
    return out


def _did_you_mean(value: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(value, candidates, n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def _check_reachability(catalogue: r.Catalogue, files) -> list[Problem]:
    """Warnings for entities that no page would lead a visitor to."""
    out = []
    in_hub = {c for hub in catalogue.hubs.values() for s in hub.sections for c in s.careers}
    linked = {link.skill for c in catalogue.careers.values() for link in c.skills}
    for career_id in catalogue.careers:
        if career_id not in in_hub:
            out.append(Problem(_display(files[("career", career_id)]), 0, 0, "warning",
                               "the career is in no hub section, so no hub leads to it"))
    for skill_id in catalogue.skills:
        if skill_id not in linked:
            out.append(Problem(_display(files[("skill", skill_id)]), 0, 0, "warning",
                               "no career links this skill (orphan)"))
    return out
