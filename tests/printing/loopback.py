"""A loopback network printer for tests: a TCP server on 127.0.0.1 that records what it receives.

The test picks the port (``free_port``); the server can be stopped and started again on the
same port to play a printer that is switched off and on. Every loop is bounded and ``stop``
always returns.
"""

from __future__ import annotations

import socket
import threading
import time


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LoopbackPrinter:
    def __init__(self, port: int) -> None:
        self.port = port
        self.jobs: list[bytes] = []  # one entry per connection that sent something
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._running = threading.Event()

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self) -> LoopbackPrinter:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", self.port))
        s.listen(5)
        s.settimeout(0.1)
        self._sock = s
        self._running.set()
        self._thread = threading.Thread(target=self._serve, name="loopback-printer", daemon=True)
        self._thread.start()
        return self

    def _serve(self) -> None:
        assert self._sock is not None
        while self._running.is_set():
            try:
                conn, _ = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            with conn:
                conn.settimeout(2.0)
                chunks = []
                deadline = time.monotonic() + 10
                while time.monotonic() < deadline:
                    try:
                        data = conn.recv(65536)
                    except (TimeoutError, OSError):
                        break
                    if not data:
                        break
                    chunks.append(data)
                if chunks:
                    with self._lock:
                        self.jobs.append(b"".join(chunks))

    def stop(self) -> None:
        self._running.clear()
        if self._thread is not None:
            self._thread.join(timeout=5)
        if self._sock is not None:
            self._sock.close()
        self._sock = None
        self._thread = None

    def received(self) -> list[bytes]:
        with self._lock:
            return list(self.jobs)

    def wait_for(self, count: int, timeout: float = 10.0) -> list[bytes]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            jobs = self.received()
            if len(jobs) >= count:
                return jobs
            time.sleep(0.05)
        return self.received()

    def __enter__(self) -> LoopbackPrinter:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
