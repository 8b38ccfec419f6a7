"""Security headers on every response; ETags from the graph version with 304 answers."""
from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Flask, request

from .state import current_state

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
       "frame-ancestors 'none'")


def _code_version(root: Path) -> str:
    """Pages change with templates and code too, not only with the graph."""
    digest = hashlib.sha256()
    for folder in (root / "templates", Path(__file__).resolve().parents[1]):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".html", ".py"):
                digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def init_app(app: Flask, root: Path) -> None:
    code_version = _code_version(root)

    @app.after_request
    def add_headers(response):
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        response.headers["X-Frame-Options"] = "DENY"
        if (request.method in ("GET", "HEAD") and response.status_code == 200
                and not request.path.startswith("/static/") and not response.is_streamed
                and "no-store" not in response.headers.get("Cache-Control", "")):  # e.g. an external engine's answer
            tag = f"{current_state().kb.version}-{code_version}"
            if "Accept" in response.vary or "Accept-Encoding" in response.vary:
                # one URL, several representations (HTML or Turtle, gzip or not): a tag for each
                variant = f"{response.mimetype};{response.content_encoding}".encode()
                tag += "-" + hashlib.sha256(variant).hexdigest()[:8]
            response.set_etag(tag)
            response.headers.setdefault("Cache-Control", "no-cache")
            response.make_conditional(request)
        return response
