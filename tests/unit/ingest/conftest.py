"""Shared fixtures for ingest tests: fixture paths and a local HTTP server."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "ingest"


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


class _Handler(http.server.BaseHTTPRequestHandler):
    """Serves the HTML page and feeds from the fixtures dir; {base} in a feed is the server."""

    routes = {
        "/news/page.html": ("page.html", "text/html; charset=utf-8"),
        "/news/second.html": ("second.html", "text/html; charset=utf-8"),
        "/feed.xml": ("feed.xml", "application/rss+xml"),
        "/atom.xml": ("atom.xml", "application/atom+xml"),
        "/rel-feed.xml": ("rel-feed.xml", "application/rss+xml"),
        "/plain.txt": ("plain.txt", "text/plain; charset=utf-8"),
        "/notafeed": ("page.html", "text/html; charset=utf-8"),
    }

    def do_GET(self) -> None:  # noqa: N802 - http.server API
        route = self.routes.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
            return
        name, ctype = route
        body = (FIXTURES / name).read_bytes()
        base = f"http://127.0.0.1:{self.server.server_address[1]}"
        body = body.replace(b"{base}", base.encode())
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass


@pytest.fixture(scope="module")
def http_base() -> Iterator[str]:
    """Base URL of a throwaway HTTP server on 127.0.0.1 with a random port."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
