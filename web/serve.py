"""Serve a built page (web/build.py) on this computer only, with cross-origin isolation.

    python3 web/serve.py OUT_DIR [--port 8000]

listens on 127.0.0.1 (never on the network) and sends, with every file, the
two headers that make the page "cross-origin isolated":

    Cross-Origin-Opener-Policy: same-origin
    Cross-Origin-Embedder-Policy: require-corp

With them the browser lets the page share memory with Python's worker
(SharedArrayBuffer), and the page's Stop button is a real Ctrl-C: training
ends after the epoch under way and keeps its weights. Any web server that
can add these two headers gives the same; a host that cannot (GitHub Pages,
``python3 -m http.server``) still serves a working page, whose Stop restarts
Python instead. ``--plain`` leaves the headers out, to see that.

Needs Python 3.7 or newer (``ThreadingHTTPServer``, the handler's
``directory``), as does web/test_browser.py; web/jupyterlite.py runs
JupyterLite, which needs 3.10. purenn itself needs no more than 3.6, and the
page's Python is Pyodide's CPython 3.14.
"""

import argparse
import functools
import http.server
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    """Files from the folder, with the right types, revalidated on every visit, and COOP/COEP when isolated."""

    isolated = True
    extensions_map = dict(http.server.SimpleHTTPRequestHandler.extensions_map,
                          **{".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
                             ".py": "text/plain; charset=utf-8", ".whl": "application/zip",
                             ".json": "application/json", ".svg": "image/svg+xml"})

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")
        if self.isolated:
            self.send_header("Cross-Origin-Opener-Policy", "same-origin")
            self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        if self.server_log:
            super().log_message(format, *args)

    server_log = True


def server(folder: str, port: int = 0, isolated: bool = True, log: bool = True) -> http.server.ThreadingHTTPServer:
    """A server of ``folder`` on 127.0.0.1:``port`` (0: any free port); call ``serve_forever()`` on it."""
    handler = type("FolderHandler", (Handler,), {"isolated": isolated, "server_log": log})
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=folder))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Serve purenn's built page on 127.0.0.1 with COOP/COEP headers.")
    parser.add_argument("folder", metavar="OUT_DIR", help="the folder web/build.py wrote")
    parser.add_argument("--port", type=int, default=8000, help="default: 8000; 0 for any free port")
    parser.add_argument("--plain", action="store_true", help="without the headers (Stop then restarts Python)")
    args = parser.parse_args(argv)
    httpd = server(args.folder, args.port, isolated=not args.plain)
    print("serving %s at http://127.0.0.1:%d/ (%s); Ctrl-C to stop" % (
        args.folder, httpd.server_address[1], "not isolated" if args.plain else "cross-origin isolated"), flush=True)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
