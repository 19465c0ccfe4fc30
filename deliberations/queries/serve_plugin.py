"""The Datasette plugin of `delib serve`: the name matching of `delib subsidies` as a SQL
function, a view that refuses every write, and the database page as the home page.

* ``delib_name_matches(name, text)``: :func:`deliberations.queries.subsidies.name_matches`, so
  that the canned query finds "AREFEP" for ``A.R.E.F.E.P.`` and "Compagnons Bâtisseurs" for
  ``batisseurs`` as the command does (1 or 0; an empty text matches every name);
* a request other than GET, HEAD or OPTIONS (an insert, a write query) is answered
  ``405 Method Not Allowed``, never a server error;
* ``/`` leads to the database's page, which lists every table with its description and the
  canned queries (Datasette's own home page lists the five biggest tables only).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Awaitable, Callable
from typing import Any

from datasette import hookimpl

from deliberations.queries.subsidies import name_matches

Asgi = Callable[
    [dict, Callable[[], Awaitable[dict]], Callable[[dict], Awaitable[None]]], Awaitable[None]
]
READ_METHODS = {"GET", "HEAD", "OPTIONS"}


def _matches(name: str | None, text: str | None) -> int:
    if text is None or not text.strip():
        return 1  # the filter is optional: no text, every name
    return int(name_matches(name, text))


def register_functions(conn: sqlite3.Connection) -> None:
    conn.create_function("delib_name_matches", 2, _matches, deterministic=True)


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    register_functions(conn)


async def _answer(
    send: Callable[[dict], Awaitable[None]],
    status: int,
    body: str,
    headers: list[tuple[bytes, bytes]],
) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8"), *headers],
        }
    )
    await send({"type": "http.response.body", "body": body.encode("utf-8")})


@hookimpl
def asgi_wrapper(datasette: Any) -> Callable[[Asgi], Asgi]:
    def wrap(app: Asgi) -> Asgi:
        async def read_only(scope: dict, receive: Any, send: Any) -> None:
            if scope["type"] == "http":
                if scope["method"] not in READ_METHODS:
                    await _answer(
                        send,
                        405,
                        "read-only: this view of the database accepts no writes (lecture seule)\n",
                        [(b"allow", b"GET, HEAD, OPTIONS")],
                    )
                    return
                names = [n for n in datasette.databases if not n.startswith("_")]
                if scope["path"] == "/" and len(names) == 1:
                    target = datasette.urls.database(names[0]).encode("utf-8")
                    await _answer(send, 302, "", [(b"location", target)])
                    return
            await app(scope, receive, send)

        return read_only

    return wrap
