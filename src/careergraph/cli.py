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


def _where(args) -> tuple[Path, str]:
    settings = from_environment()
    return Path(args.graph or settings["GRAPH_DIR"]), args.base or settings["BASE_IRI"]


def _load(args):
    from .kb import KnowledgeBase

    return KnowledgeBase.load(*_where(args))


def cmd_validate(args) -> int:
    from .validate import validate_graph

    started = time.perf_counter()
    folder, base = _where(args)
    problems = validate_graph(folder, base, shacl=not args.no_shacl)
    errors = [p for p in problems if p.is_error]
    warnings = [p for p in problems if not p.is_error]
    for p in errors + ([] if args.quiet else warnings):
        print(p)
    print(f"{folder}: {len(errors)} error(s), {len(warnings)} warning(s) "
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
    from .web import create_app, prepare_for_workers

    overrides = {}
    if args.graph:
        overrides["GRAPH_DIR"] = args.graph
    if args.base:
        overrides["BASE_IRI"] = args.base
    for name in ("SPARQL_ENDPOINT", "SPARQL_TIMEOUT", "SPARQL_MAX_ROWS"):
        if getattr(args, name.lower()) is not None:
            overrides[name] = getattr(args, name.lower())
    kb = _load(args)  # refuse to start on a broken graph, with the reasons
    if kb.problems.errors:
        for p in kb.problems.errors:
            print(p, file=sys.stderr)
        print("the graph has errors; fix them before serving", file=sys.stderr)
        return 1
    print(f"careergraph: serving {kb.folder} (version {kb.version}) on http://{args.host}:{args.port}/",
          file=sys.stderr)
    # gunicorn must not kill a web worker that is waiting out a long SPARQL time limit
    sparql_limit = float(overrides.get("SPARQL_TIMEOUT", from_environment()["SPARQL_TIMEOUT"]))
    run_server(lambda: prepare_for_workers(create_app(overrides)), args.host, args.port, workers=args.workers,
               timeout=max(60, int(sparql_limit) + 30))
    return 0


def _site_app(args):
    """The web app over --graph, or None (with the reason printed) when the graph has errors."""
    from .web import create_app

    folder, base = _where(args)
    try:
        app = create_app({"GRAPH_DIR": str(folder), "BASE_IRI": base})
    except RuntimeError as exc:  # create_app refuses a graph with errors
        print(f"careergraph: {exc}", file=sys.stderr)
        return None, None
    return app, app.extensions["careergraph"].state.kb


def cmd_links(args) -> int:
    from .sitecrawl import crawl
    from .web.sitemap import all_page_paths

    app, kb = _site_app(args)
    if app is None:
        return 1
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


def cmd_build(args) -> int:
    from .staticsite import build_site

    app, kb = _site_app(args)
    if app is None:
        return 1
    report = build_site(app, kb, args.out)
    print(f"wrote {report['files']:,} files to {args.out} in {report['seconds']:.1f} s "
          f"({report['per_second']:.0f} files/s)", file=sys.stderr)
    for path, status in report["failed"]:
        print(f"  {path}: answered {status}", file=sys.stderr)
    return 1 if report["failed"] else 0


def cmd_import_onet(args) -> int:
    from .importers.onet import import_onet
    from .importers.onet_files import OnetFileError

    started = time.perf_counter()
    try:
        counts = import_onet(args.source, args.out, args.graph or from_environment()["GRAPH_DIR"])
    except (OnetFileError, FileExistsError, ValueError) as exc:
        print(f"careergraph import: {exc}", file=sys.stderr)
        return 1
    summary = ", ".join(f"{v:,} {k}" for k, v in counts.items())
    print(f"imported O*NET into {args.out}: {summary} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


def _read_password(args) -> str:
    import getpass

    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    password = getpass.getpass(f"password for {args.name}: ")
    if getpass.getpass("again: ") != password:
        raise ValueError("the two passwords differ")
    return password


def cmd_users(args) -> int:
    from .accounts import AccountError, Accounts

    accounts = Accounts(args.instance or from_environment()["INSTANCE_DIR"])
    try:
        if args.users_command == "add":
            account = accounts.add(args.name, _read_password(args), args.role, replace=args.reset)
            print(f"user {account.name} ({account.role}) saved in {accounts.path}", file=sys.stderr)
        elif args.users_command == "token":
            if args.revoke:
                print(f"revoked {accounts.revoke_tokens(args.name)} token(s) of {args.name}", file=sys.stderr)
            else:
                print(accounts.new_token(args.name))
        else:
            for account in accounts.names():
                print(f"{account.name}\t{account.role}")
    except (AccountError, ValueError) as exc:
        print(f"careergraph users: {exc}", file=sys.stderr)
        return 1
    return 0


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

    p = sub.add_parser("build", help="the whole site as static files (pages, picture data, dumps)")
    _graph_arg(p)
    p.add_argument("out", metavar="OUT", help="folder to write the site into")
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("import", help="import an outside dataset into a graph folder")
    which = p.add_subparsers(dest="dataset", required=True, metavar="DATASET")
    q = which.add_parser("onet", help="the O*NET 29.2 database files (text and Excel editions)")
    q.add_argument("source", metavar="DIR", help="folder with the O*NET files (Occupation Data.txt, ...)")
    q.add_argument("--out", default="build/onet", metavar="GRAPH_DIR",
                   help="where to write the merged graph (default: build/onet)")
    q.add_argument("--graph", default=None, metavar="DIR",
                   help="the hand-made catalogue to start from (default: $CAREERGRAPH_GRAPH or ./graph)")
    q.set_defaults(func=cmd_import_onet)

    p = sub.add_parser("links", help="internal link health: unreachable pages, broken links, click depth")
    _graph_arg(p)
    p.set_defaults(func=cmd_links)

    p = sub.add_parser("serve", help="serve the site with a production WSGI server (gunicorn)")
    _graph_arg(p)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=int(os.environ.get("CAREERGRAPH_WORKERS", "2")))
    p.add_argument("--sparql-endpoint", default=None, metavar="URL",
                   help="answer /sparql from this external SPARQL 1.1 endpoint (default: the built-in engine)")
    p.add_argument("--sparql-timeout", type=float, default=None, metavar="SECONDS",
                   help="stop a SPARQL query after this long (default: $CAREERGRAPH_SPARQL_TIMEOUT or 10)")
    p.add_argument("--sparql-max-rows", type=int, default=None, metavar="N",
                   help="most rows or triples in a SPARQL answer (default: $CAREERGRAPH_SPARQL_MAX_ROWS or 10000)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("users", help="editor accounts (in the instance folder) and their API tokens")
    p.add_argument("--instance", default=None, metavar="DIR",
                   help="instance folder (default: $CAREERGRAPH_INSTANCE or ./instance)")
    users = p.add_subparsers(dest="users_command", required=True, metavar="ACTION")
    q = users.add_parser("add", help="add an account (the password is prompted for)")
    q.add_argument("name")
    q.add_argument("--role", choices=("editor", "admin"), default="editor")
    q.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    q.add_argument("--reset", action="store_true", help="replace the password and role of an existing account")
    q = users.add_parser("token", help="print a new API token for an account (only its hash is kept)")
    q.add_argument("name")
    q.add_argument("--revoke", action="store_true", help="revoke every token of the account instead")
    users.add_parser("list", help="list accounts and roles")
    p.set_defaults(func=cmd_users)
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
