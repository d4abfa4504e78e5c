"""``stack api METHOD SERVICE PATH``: any request to any service, the answer printed.

``PATH`` is relative to the service's endpoint as the client uses it (the
discovered, versioned URL: ``stack api get network /networks``), or an
absolute URL. The token, the microversion headers and the redacted debug
log are the same as for every other command.
"""

from __future__ import annotations

import argparse
import sys

from stackclient.shell._base import Command

_TYPE_CHECKING = False
if _TYPE_CHECKING:  # pragma: no cover
    import typing as _t

__all__ = ["ApiCall"]


class ApiCall(Command):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("service", help="service type, e.g. compute, network, image, identity")
        parser.add_argument("path", help="path under the service endpoint, e.g. /servers")
        parser.add_argument("--body", help="JSON request body ('@file' reads it from a file)")
        parser.add_argument("--header", action="append", default=[], metavar="NAME:VALUE",
                            help="extra request header (repeatable)")  # fmt: skip
        parser.add_argument("--microversion", help="microversion for this request")
        parser.add_argument("-i", "--include", action="store_true",
                            help="print the status line and headers too")  # fmt: skip

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> None:
        from stackclient import service_types

        name = service_types.python_name(args.service)
        try:
            client = getattr(ctx.conn, name)
        except AttributeError:  # a service type without a client here: a generic one
            ctx.conn.add_service(args.service)
            client = getattr(ctx.conn, name)
        kwargs: dict[str, _t.Any] = {"headers": _headers(args.header)}
        if args.body is not None:
            kwargs["json"] = _body(args.body)
        if args.microversion:
            kwargs["microversion"] = args.microversion
        resp = client.request(args.path, args.verb.upper(), **kwargs)
        if args.include:
            print("HTTP %s %s" % (resp.status_code, resp.reason or ""))
            for name, value in resp.headers.items():
                print("%s: %s" % (name, value))
            print()
        _print_body(resp)


def _headers(values: list[str]) -> dict[str, str]:
    from stackclient.apiclient import exceptions

    headers = {}
    for value in values:
        name, sep, text = value.partition(":")
        if not sep or not name.strip():
            raise exceptions.CommandError("--header takes NAME:VALUE, got %r" % value)
        headers[name.strip()] = text.strip()
    return headers


def _body(text: str) -> _t.Any:
    import json

    from stackclient.apiclient import exceptions

    try:
        if text.startswith("@"):
            with open(text[1:], encoding="utf-8") as handle:
                text = handle.read()
        return json.loads(text)
    except OSError as error:
        raise exceptions.CommandError("Cannot read the body file: %s" % error) from error
    except ValueError as error:
        raise exceptions.CommandError("--body is not JSON: %s" % error) from error


def _print_body(resp: _t.Any) -> None:
    if not resp.content:
        return
    if "json" in resp.headers.get("Content-Type", ""):
        import json

        print(json.dumps(resp.json(), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(resp.text if resp.text.endswith("\n") else resp.text + "\n")
