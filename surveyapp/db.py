"""The database as the web app uses it: one engine per app, one session per request."""
from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from .database import begin_write, make_engine, make_session_factory

_KEY = "verkosto.database"


class _State:
    def __init__(self, engine: Engine):
        self.engine = engine
        self.session_factory: sessionmaker[Session] = make_session_factory(engine)


class Database:
    def init_app(self, app: Flask) -> None:
        app.extensions[_KEY] = _State(make_engine(app.config["DATABASE_URL"]))
        app.teardown_appcontext(self._close_session)

    @staticmethod
    def _state() -> _State:
        return current_app.extensions[_KEY]

    @property
    def engine(self) -> Engine:
        return self._state().engine

    @property
    def session(self) -> Session:
        """The request's session, opened on first use and closed when the request ends."""
        if "db_session" not in g:
            g.db_session = self._state().session_factory()
        return g.db_session

    def begin_write(self) -> Session:
        """End any reading transaction and begin the request's writing one.

        Call it in a view that writes, after the form has been read and checked: on SQLite
        the write lock is held from here to the commit, so nothing slow may happen inside.
        Objects loaded before are refreshed from the database on their next use.
        """
        session = self.session
        if session.in_transaction():
            session.rollback()
        begin_write(session)
        return session

    @staticmethod
    def _close_session(_exc: BaseException | None) -> None:
        session = g.pop("db_session", None)
        if session is not None:
            session.close()
