"""Run the app with uvicorn in a background thread (browser tests, screenshots)."""

from __future__ import annotations

import socket
import threading
import time

import uvicorn

from shuanglian.web.app import create_app


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ServerThread:
    """`with ServerThread(db_url) as base_url:` serves the app on a free loopback port until the block ends."""

    def __init__(self, db_url: str, port: int | None = None) -> None:
        self.port = port or free_port()
        config = uvicorn.Config(create_app(db_url), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        """Base URL, no trailing slash."""
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError(f"web server did not start on port {self.port}")
            time.sleep(0.05)
        return self.url

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
