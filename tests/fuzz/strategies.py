"""Hypothesis strategies for what a hostile or broken server may answer.

:func:`responses` draws whole answers for requests-mock: any status
(1xx and 3xx included), a body that is JSON of random structure (shaped
like what the client expects, or not), JSON nested up to 1024 deep,
invalid or cut JSON, bytes that are not UTF-8, empty; a right, wrong or
missing Content-Type; and bogus ``Location``, ``Retry-After``, ``Link``,
request-id and token headers.
"""

from __future__ import annotations

import json
import typing as _t

from hypothesis import strategies as st

from tests.conftest import register_secret

#: A secret the text bodies hold under a secret key; the log guard fails the
#: run if it is ever logged.
SEED = b"fuzz-seeded-secret-4c1e"
register_secret(SEED.decode())

#: Statuses worth trying by name; any other in 100-599 may come too.
STATUSES = (
    100, 101, 102, 103, 199, 200, 201, 202, 203, 204, 205, 206, 299,
    300, 301, 302, 303, 304, 305, 307, 308, 399,
    400, 401, 403, 404, 405, 409, 413, 415, 429, 499,
    500, 501, 502, 503, 504, 599,
)  # fmt: skip

#: Keys the client looks for, and some that only look like them.
KEYS = (
    "id", "name", "projects", "project", "users", "user", "groups", "roles", "role",
    "domains", "domain", "credentials", "credential", "tenants", "tenant", "values",
    "links", "next", "self", "previous", "truncated", "error", "errors", "message",
    "title", "detail", "details", "code", "token", "access", "serviceCatalog",
    "catalog", "endpoints", "url", "publicURL", "adminURL", "internalURL",
    "interface", "region", "region_id", "type", "expires_at", "expires",
    "issued_at", "methods", "audit_ids", "password", "secret", "blob", "versions",
    "version", "status", "href", "rel", "itemNotFound", "NeutronError",
    "application_credential", "X-Auth-Token", "original_password", "extensions",
)  # fmt: skip

#: Locations, next links and URLs that are odd in every known way.
URLS = (
    "", "/", "/v3/projects", "?marker=x&limit=2", "http://identity.test/v3/other",
    "https://elsewhere.test/v3", "http://identity.test:8080/v3", "http://[::1",
    "http://identity.test:-1/x", "http://identity.test:99999/x",
    "http://identity.test:port/x", "ftp://identity.test/x", "//", "http://",
    "http:///x", "javascript:alert(1)", "mailto:a@b", "http://identity.test/%zz",
    "http://user:pw@identity.test/v3", "\\\\server\\share", "http://\u00e9.test/x",
)  # fmt: skip

CONTENT_TYPES = (
    None, "", "application/json", "application/json; charset=utf-8",
    "application/json; charset=latin-1", "application/json; charset=nonsense",
    "text/plain", "text/html; charset=utf-8", "text/xml", "application/octet-stream",
    "application/x-www-form-urlencoded", "image/png", "multipart/form-data",
)  # fmt: skip

RETRY_AFTER = ("0", "1", "-1", "nan", "inf", "-inf", "1e400", "99999999999", "soon",
               "Wed, 21 Oct 2026 07:28:00 GMT", "Wed, 99 Foo 2026", "")  # fmt: skip

_header_text = st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=255), max_size=60
).map(str.strip)

_keys = st.one_of(st.sampled_from(KEYS), st.text(max_size=8))
_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(URLS),
    st.sampled_from(("2030-01-01T00:00:00Z", "2000-01-01T00:00:00.000000Z", "not a date",
                     "2026-02-30T25:61:00Z", "9999-12-31T23:59:59-05:00", "v3.14", "v2.0")),
)  # fmt: skip
json_values = st.recursive(
    _scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=5)
    ),
    max_leaves=25,
)


def _wrapped(key: str, inner: st.SearchStrategy[_t.Any]) -> st.SearchStrategy[_t.Any]:
    return st.fixed_dictionaries({key: inner}, optional={"links": json_values})


#: Bodies shaped like what a manager or an auth plugin expects, filled at random.
shaped = st.one_of(
    st.builds(
        lambda key, items, links, truncated: {key: items, "links": links, "truncated": truncated},
        st.sampled_from(("projects", "users", "roles", "credentials", "tenants", "domains")),
        st.lists(st.one_of(json_values, st.dictionaries(_keys, _scalars)), max_size=6),
        st.one_of(json_values, st.fixed_dictionaries({"next": st.sampled_from(URLS)})),
        st.one_of(st.booleans(), _scalars),
    ),
    _wrapped("token", st.dictionaries(_keys, json_values, max_size=8)),
    _wrapped("access", st.dictionaries(_keys, json_values, max_size=6)),
    _wrapped("versions", st.fixed_dictionaries({"values": st.lists(json_values, max_size=3)})),
    _wrapped("error", st.dictionaries(_keys, _scalars, max_size=4)),
    st.fixed_dictionaries({"errors": st.lists(json_values, max_size=3)}),
    st.fixed_dictionaries(
        {"token": st.fixed_dictionaries({"catalog": st.lists(
            st.fixed_dictionaries({"type": st.sampled_from(("identity", "compute")),
                                   "endpoints": st.lists(st.dictionaries(_keys, json_values))}),
            max_size=3)}, optional={"expires_at": _scalars, "issued_at": _scalars})}
    ),
)  # fmt: skip


@st.composite
def deep_json(draw: st.DrawFn) -> bytes:
    """JSON nested ``depth`` deep (up to 1024), objects or lists, maybe unclosed."""
    depth = draw(st.integers(min_value=1, max_value=1024))
    opening, closing = draw(
        st.sampled_from(((b'{"a":', b"}"), (b"[", b"]"), (b'{"password":', b"}")))
    )
    middle = draw(st.sampled_from((b"1", b'"x"', b"{}", b'{"secret": "s"}')))
    closed = draw(st.booleans())
    return opening * depth + middle + (closing * depth if closed else b"")


@st.composite
def bodies(draw: st.DrawFn) -> bytes:
    """Any body: JSON (shaped or not), cut JSON, deep JSON, not UTF-8, text, empty."""
    kind = draw(
        st.sampled_from(("shaped", "json", "cut", "deep", "bytes", "latin1", "text", "empty"))
    )
    if kind in ("shaped", "json", "cut"):
        value = draw(shaped if kind != "json" else json_values)
        data = json.dumps(value).encode()
        if kind == "cut":
            data = data[: draw(st.integers(min_value=0, max_value=len(data)))]
        return data
    if kind == "deep":
        return draw(deep_json())
    if kind == "bytes":
        return draw(st.binary(max_size=200))
    if kind == "latin1":
        return draw(st.text(max_size=60)).encode("utf-8") + b"\xff\xfe\xe9"
    if kind == "text":
        return draw(st.sampled_from((
            b"<!doctype html><title>404 Not Found</title><h1>Not Found</h1>",
            b"<html><h1>" * 50, b"upstream down", b"\x00",
            b"password=%s&x=1" % SEED, b"{'password': '%s'}" % SEED,
            b"{password: %s}" % SEED, b"[{'secret': ['%s']}]" % SEED,
            b"Invalid input for field 'password': '%s' is too long" % SEED,
            b"<password>%s</password>" % SEED, b"Authorization: Bearer %s" % SEED,
        )))  # fmt: skip
    return b""


@st.composite
def headers(draw: st.DrawFn) -> dict[str, str]:
    """Response headers, each present or not, sane or bogus."""
    found: dict[str, str] = {}
    content_type = draw(st.one_of(st.sampled_from(CONTENT_TYPES), _header_text))
    if content_type is not None:
        found["Content-Type"] = content_type
    optional = {
        "Location": st.one_of(st.sampled_from(URLS), _header_text),
        "Retry-After": st.one_of(st.sampled_from(RETRY_AFTER), _header_text),
        "Link": st.one_of(st.just('<http://[::1>; rel="next"'), _header_text),
        "x-openstack-request-id": _header_text,
        "x-compute-request-id": _header_text,
        "X-Subject-Token": _header_text,
        "Set-Cookie": st.just("sid=fuzz-cookie; Path=/"),
        "Content-Encoding": st.sampled_from(("gzip", "deflate", "br", "identity")),
    }
    for name, strategy in optional.items():
        if draw(st.booleans()):
            found[name] = draw(strategy)
    return found


@st.composite
def responses(draw: st.DrawFn) -> dict[str, _t.Any]:
    """One answer, as keyword arguments for requests-mock."""
    status = draw(st.one_of(st.sampled_from(STATUSES), st.integers(min_value=100, max_value=599)))
    return {"status_code": status, "headers": draw(headers()), "content": draw(bodies())}


#: A few answers in a row (discovery, then auth, then the call), the last repeating.
answer_lists = st.lists(responses(), min_size=1, max_size=4)
