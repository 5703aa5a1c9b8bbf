"""Central error pages, in the user's language; a server error rolls the session back first."""

from __future__ import annotations

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from app.extensions import db

# The name and the standard description of each error shown here, as werkzeug words them.
ERROR_TEXTS = {
    400: (_l("Bad Request"), _l("The browser (or proxy) sent a request that this server could not understand.")),
    403: (_l("Forbidden"), _l("You don't have the permission to access the requested resource. It is either "
                              "read-protected or not readable by the server.")),
    404: (_l("Not Found"), _l("The requested URL was not found on the server. If you entered the URL manually "
                              "please check your spelling and try again.")),
    405: (_l("Method Not Allowed"), _l("The method is not allowed for the requested URL.")),
    413: (_l("Request Entity Too Large"), _l("The data value transmitted exceeds the capacity limit.")),
    500: (_l("Internal Server Error"), _l("The server encountered an internal error and was unable to complete your "
                                          "request. Either the server is overloaded or there is an error in the "
                                          "application.")),
}


def _page(error: HTTPException, message=None):
    """The error page; a description of werkzeug's own is said in the user's language, one a
    view gave (abort(code, description=...)) as it was given."""
    name, standard = ERROR_TEXTS.get(error.code, (error.name, error.description))
    if message is None and error.description != type(error).description:
        message = error.description
    return render_template("errors/error.html", error=error, name=name, message=message or standard)


def register(app: Flask) -> None:
    @app.errorhandler(400)
    @app.errorhandler(403)
    @app.errorhandler(404)
    @app.errorhandler(405)
    @app.errorhandler(413)
    def client_error(error):
        return _page(error), error.code

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return _page(error, message=_l("The form expired or came from elsewhere; "
                                       "go back, reload the page and submit again.")), 400

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return _page(error), 500
