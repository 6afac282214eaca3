"""Serve the app with gunicorn, configured from Python (``verkosto serve`` and ``demo``)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication


class GunicornServer(BaseApplication):
    def __init__(self, app_factory: Callable[[], Any], options: dict[str, Any]):
        self.app_factory = app_factory
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            if key in self.cfg.settings and value is not None:
                self.cfg.set(key, value)

    def load(self) -> Any:
        return self.app_factory()


def serve(app_factory: Callable[[], Any], *, host: str, port: int, workers: int, threads: int) -> None:
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        # no access log: it would record respondents' IP addresses and user agents
        "accesslog": None,
        "errorlog": "-",
        "graceful_timeout": 10,
        "timeout": 30,
    }
    GunicornServer(app_factory, options).run()
