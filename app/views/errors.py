"""Central error pages; a server error rolls the session back first."""

from __future__ import annotations

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError

from app.extensions import db


def register(app: Flask) -> None:
    @app.errorhandler(400)
    @app.errorhandler(403)
    @app.errorhandler(404)
    @app.errorhandler(405)
    @app.errorhandler(413)
    def client_error(error):
        return render_template("errors/error.html", error=error), error.code

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_template("errors/error.html", error=error,
                               message="The form expired or came from elsewhere; "
                                       "go back, reload the page and submit again."), 400

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return render_template("errors/error.html", error=error), 500
