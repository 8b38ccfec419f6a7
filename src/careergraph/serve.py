"""Serve the app with gunicorn, a production WSGI server (not Flask's development server)."""
from __future__ import annotations

import os

from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):
    def __init__(self, app_factory, options: dict):
        self.app_factory, self.options = app_factory, options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.app_factory()


def run_server(app_factory, host: str, port: int, workers: int = 2, **options) -> None:
    memory_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
    _Server(app_factory, {
        "bind": f"{host}:{port}", "workers": workers, "worker_class": "sync",
        # the graph loads once in the master and the workers share it (copy-on-write)
        "preload_app": True,
        # workers' heartbeat files in memory, as gunicorn's FAQ advises: on a disk-backed /tmp
        # the heartbeat's file-time updates can block a worker
        "worker_tmp_dir": memory_dir,
        "accesslog": "-", "timeout": 60, "graceful_timeout": 5, **options,
    }).run()
