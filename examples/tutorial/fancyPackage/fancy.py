#!/usr/bin/env python3
"""fancyPackage: the tutorial's "binary". A tiny web server that answers every GET with a page
saying who it is, what its configuration file says and which process serves it.

    python3 fancy.py --port 9090 --config fancy.conf
"""
import argparse
import os
from http.server import BaseHTTPRequestHandler, HTTPServer


def read_config(path):
    """`key = value` lines; blank lines and lines starting with # are skipped."""
    config = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                key, value = line.split("=", 1)
                config[key.strip()] = value.strip()
    return config


def main():
    parser = argparse.ArgumentParser(description="fancyPackage web server")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--config", required=True)
    args = parser.parse_args()
    config = read_config(args.config)
    page = "".join([
        "fancyPackage says: %s\n" % config.get("greeting", "hello"),
        "port: %d\n" % args.port,
        "pid: %d\n" % os.getpid(),
    ]).encode("utf-8")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

    print("fancyPackage: serving on 127.0.0.1:%d (pid %d)" % (args.port, os.getpid()), flush=True)
    HTTPServer(("127.0.0.1", args.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
