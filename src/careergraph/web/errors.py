"""Error pages in the site's layout; no traceback ever reaches a visitor."""
from __future__ import annotations

from flask import Flask, render_template
from werkzeug.exceptions import HTTPException


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return render_template("error.html", code=exc.code, title=exc.name,
                               message=exc.description), exc.code

    @app.errorhandler(Exception)
    def server_error(exc: Exception):
        app.logger.exception("unhandled error")  # the cause goes to the log, not the visitor
        return render_template("error.html", code=500, title="Something went wrong",
                               message="The page could not be built. The error has been logged."), 500
