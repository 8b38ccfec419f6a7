"""Settings, each declared once with its default, environment variable and help."""
from __future__ import annotations

import os
from dataclasses import dataclass

from .vocab import DEFAULT_BASE


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: object
    help: str


SETTINGS = [
    Setting("GRAPH_DIR", "CAREERGRAPH_GRAPH", "graph", "the knowledge-base folder (YAML, ontology, shapes)"),
    Setting("BASE_IRI", "CAREERGRAPH_BASE", DEFAULT_BASE, "base of every entity IRI; pages live at these IRIs"),
    Setting("INSTANCE_DIR", "CAREERGRAPH_INSTANCE", "instance", "secret key, accounts and journal (never in git)"),
    Setting("SECRET_KEY", "CAREERGRAPH_SECRET_KEY", None,
            "signs session cookies; when unset, one is generated on first run into the instance folder"),
    Setting("SECURE_COOKIES", "CAREERGRAPH_SECURE_COOKIES", False,
            "send session cookies over HTTPS only (turn on behind TLS)"),
    Setting("LOGIN_MAX_FAILURES", "CAREERGRAPH_LOGIN_MAX_FAILURES", 5,
            "wrong passwords allowed per username and address before logins are refused (429)"),
    Setting("LOGIN_FAILURE_WINDOW", "CAREERGRAPH_LOGIN_FAILURE_WINDOW", 900,
            "seconds over which wrong passwords are counted, and how long the refusal lasts"),
    Setting("EDIT_SHACL", "CAREERGRAPH_EDIT_SHACL", True,
            "run the SHACL shapes before every save, as `careergraph validate` does"),
    Setting("SPARQL_TIMEOUT", "CAREERGRAPH_SPARQL_TIMEOUT", 10.0,
            "seconds an analyst's SPARQL query may run before it is stopped (its process killed) and answered 503"),
    Setting("SPARQL_MAX_ROWS", "CAREERGRAPH_SPARQL_MAX_ROWS", 10000,
            "most rows (SELECT) or triples (CONSTRUCT/DESCRIBE) a SPARQL answer may have; past it, 422"),
    Setting("SPARQL_MEMORY_MB", "CAREERGRAPH_SPARQL_MEMORY_MB", 4096,
            "memory one SPARQL query may take, in MiB: growth of the web worker's resident memory "
            "(the address-space limit of the query process under other servers); 0: none"),
    Setting("SPARQL_ENDPOINT", "CAREERGRAPH_SPARQL_ENDPOINT", "",
            "an external SPARQL 1.1 endpoint URL that answers analysts' queries instead of the built-in engine"),
]


def _typed(setting: Setting, raw: str):
    """Environment values are text; a setting's default says what type it has."""
    if isinstance(setting.default, bool):
        return raw.strip().lower() in ("1", "true", "yes", "on")
    if isinstance(setting.default, int):
        return int(raw)
    if isinstance(setting.default, float):
        return float(raw)
    return raw


def from_environment() -> dict:
    return {s.name: _typed(s, os.environ[s.env]) if s.env in os.environ else s.default for s in SETTINGS}
