"""The `careergraph` command line. Commands are thin: they call plain functions."""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from .config import from_environment


def _graph_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--graph", default=None, metavar="DIR",
                        help="knowledge-base folder (default: $CAREERGRAPH_GRAPH or ./graph)")
    parser.add_argument("--base", default=None, metavar="IRI",
                        help="base of entity IRIs (default: $CAREERGRAPH_BASE or http://127.0.0.1:8000/)")


def _load(args):
    from .kb import KnowledgeBase

    settings = from_environment()
    folder = Path(args.graph or settings["GRAPH_DIR"])
    return KnowledgeBase.load(folder, args.base or settings["BASE_IRI"])


def cmd_validate(args) -> int:
    from .shacl import shacl_problems

    started = time.perf_counter()
    kb = _load(args)
    problems = list(kb.problems)
    shapes = kb.folder / "shapes.ttl"
    if not kb.problems.errors and shapes.is_file() and not args.no_shacl:
        problems += shacl_problems(kb.rdf, shapes, kb.iris.base)
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    for p in errors + ([] if args.quiet else warnings):
        print(p)
    print(f"{kb.folder}: {len(errors)} error(s), {len(warnings)} warning(s) "
          f"in {time.perf_counter() - started:.2f} s", file=sys.stderr)
    return 1 if errors else 0


def cmd_stats(args) -> int:
    kb = _load(args)
    width = max(len(k) for k in kb.stats)
    for key, value in kb.stats.items():
        print(f"{key:<{width}}  {value}")
    return 1 if kb.problems.errors else 0


def cmd_export(args) -> int:
    from .export import export

    kb = _load(args)
    if kb.problems.errors:
        for p in kb.problems.errors:
            print(p, file=sys.stderr)
        print("refusing to export a graph with errors; run `careergraph validate`", file=sys.stderr)
        return 1
    data = export(kb, args.format)
    if args.output and args.output != "-":
        Path(args.output).write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
    return 0


def cmd_serve(args) -> int:
    from .serve import run_server
    from .web import create_app

    overrides = {}
    if args.graph:
        overrides["GRAPH_DIR"] = args.graph
    if args.base:
        overrides["BASE_IRI"] = args.base
    kb = _load(args)  # refuse to start on a broken graph, with the reasons
    if kb.problems.errors:
        for p in kb.problems.errors:
            print(p, file=sys.stderr)
        print("the graph has errors; fix them before serving", file=sys.stderr)
        return 1
    print(f"careergraph: serving {kb.folder} (version {kb.version}) on http://{args.host}:{args.port}/",
          file=sys.stderr)
    run_server(lambda: create_app(overrides), args.host, args.port, workers=args.workers)
    return 0


def cmd_links(args) -> int:
    from .sitecrawl import crawl
    from .web import create_app
    from .web.sitemap import all_page_paths

    kb = _load(args)
    if kb.problems.errors:
        print("the graph has errors; run `careergraph validate`", file=sys.stderr)
        return 1
    app = create_app({"GRAPH_DIR": str(kb.folder), "BASE_IRI": kb.iris.base})
    hubs = [f"/hubs/{h}" for h in kb.catalogue.hubs]
    site = crawl(app, hubs)
    expected = set(all_page_paths(kb))
    unreachable = sorted(p for p in expected if p not in site.depth)
    broken = site.broken_links()
    drilldowns = {p: d for p, d in site.depth.items() if p.count("/") == 4 and p.startswith("/careers/")}
    deepest = max(drilldowns.items(), key=lambda item: item[1]) if drilldowns else None
    print(f"pages crawled: {len(site.status)}; internal links: {sum(len(v) for v in site.links.values())}")
    print(f"pages unreachable from any pillar hub: {len(unreachable)}")
    for path in unreachable:
        print(f"  {path}")
    print(f"broken internal links: {len(broken)}")
    for page, target, why in broken:
        print(f"  {page} -> {target}: {why}")
    if deepest:
        print(f"deepest drilldown: {deepest[1]} click(s) from a pillar hub ({deepest[0]})")
    return 1 if broken else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="careergraph", description="A knowledge-graph career explorer.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("validate", help="check graph/ (YAML rules, references, SHACL shapes)")
    _graph_arg(p)
    p.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    p.add_argument("--no-shacl", action="store_true", help="skip the SHACL shapes")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("stats", help="counts per kind, links, claims, warnings")
    _graph_arg(p)
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("export", help="the RDF graph (ttl, nt, jsonld) or the link graph (graphml)")
    _graph_arg(p)
    p.add_argument("--format", required=True, choices=("ttl", "nt", "jsonld", "graphml"))
    p.add_argument("-o", "--output", default=None, metavar="FILE", help="write here (default: stdout)")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("links", help="internal link health: unreachable pages, broken links, click depth")
    _graph_arg(p)
    p.set_defaults(func=cmd_links)

    p = sub.add_parser("serve", help="serve the site with a production WSGI server (gunicorn)")
    _graph_arg(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=int(os.environ.get("CAREERGRAPH_WORKERS", "2")))
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:  # unreadable folder, unwritable output: say so without a traceback
        print(f"careergraph: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
