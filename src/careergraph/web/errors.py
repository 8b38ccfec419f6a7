"""Error pages in the site's layout; no traceback ever reaches a visitor."""
from __future__ import annotations

from flask import Flask, render_template, request
from werkzeug.exceptions import HTTPException


def _render(code: int, title: str, message: str):
    page = {"title": f"{code} {title}", "description": message, "canonical": request.path, "breadcrumbs": []}
    return render_template("error.html", page=page, code=code, title=title, message=message), code


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        if exc.code == 500:
            return server_error(exc)
        response = exc.get_response()
        body, code = _render(exc.code, exc.name, exc.description)
        response.set_data(body)
        response.content_type = "text/html; charset=utf-8"
        return response, code

    @app.errorhandler(Exception)
    def server_error(exc: Exception):
        app.logger.error("unhandled error on %s", request.path, exc_info=exc)  # the cause goes to the log
        return _render(500, "Internal Server Error",
                       "The page could not be built. The error has been logged; please try again later.")
