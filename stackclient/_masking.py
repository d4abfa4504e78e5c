"""Finding and masking secrets inside text, in one linear pass, without recursion.

:mod:`stackclient._redact` calls these on what is about to be logged or
put into an error message, *after* cutting it to the size that will be
shown, so the cost follows what is shown, not the size of the body:

* :func:`json_text` masks the values under secret keys of a JSON document,
  whole or cut anywhere, at any depth;
* :func:`free_text` masks ``key: value``, ``key=value`` and
  ``<key>value</key>`` where the key names a secret, whatever the quoting
  (JSON, Python reprs as servers echo them, query strings, quotes escaped
  inside a JSON string);
* :func:`literals` masks values known to be secret (taken from the request
  with :func:`secrets_in`) wherever a server echoes them, as Keystone does
  in ``Invalid input for field/attribute password. Value: 12345.``.

A value that the end of the text cuts short is masked as far as it goes,
so a secret straddling a cut never shows in part.
"""

from __future__ import annotations

import re
import typing as _t

from stackclient import _lazyre

__all__ = [
    "MASK",
    "carries_secrets",
    "free_text",
    "has_hint",
    "is_secret_key",
    "json_text",
    "json_value",
    "literals",
    "secret_child",
    "secrets_in",
]

#: What a masked value is replaced by.
MASK = "***"

#: Keys (lower case) whose values are secrets wherever they appear.
_SECRET_KEYS = frozenset(
    {
        "authorization",
        "blob",  # a credential's blob holds the EC2/TOTP secret as JSON text
        "cookie",
        "passcode",
        "passphrase",
        "proxy-authorization",
        "secret_key",
        "set-cookie",
        "sig",
        "signature",
        "temp_url_sig",
    }
)

#: Key endings (lower case) that mark a secret: password, new_password,
#: adminpass, passwd, secret, client_secret, token, auth_token,
#: subject_token, private_key, ...
_SECRET_SUFFIXES = ("password", "passwd", "pass", "secret", "token", "private_key")

#: Substrings (lower case) that mark a secret anywhere in a key (Swift's
#: temp-URL keys sign URLs for a whole account or container).
_SECRET_PARTS = ("fernet", "temp-url-key", "temp_url_key")

#: Keys that, inside a value held under a secret key, describe rather than
#: hide it. ``{"token": {"id": ..., "expires": ..., "user": {...}}}`` keeps
#: everything but the id; ``{"password": {"user": {...}}}`` (a v3 auth
#: method) keeps its user object. Scalars are kept only under
#: :data:`_KEPT_SCALARS`; lists and objects only under
#: :data:`_KEPT_CONTAINERS`. Every other value under a secret key is
#: masked, whatever its type (a list or a dict password included).
_KEPT_SCALARS = frozenset({"expires", "expires_at", "is_admin_project", "is_domain", "issued_at"})
_KEPT_CONTAINERS = frozenset(
    {
        "application_credential",
        "audit_ids",
        "bind",
        "catalog",
        "domain",
        "methods",
        "os-trust:trust",
        "project",
        "roles",
        "scope",
        "servicecatalog",
        "system",
        "tenant",
        "trust",
        "user",
    }
)

#: Words that make a text worth scanning for ``key: value`` pairs.
_HINTS = ("pass", "secret", "token", "blob", "key", "sig", "fernet", "authorization", "cookie")

#: Echoed literals shorter than this are left alone: masking every "a" or
#: "12" would wreck a message and protect nothing.
_MIN_LITERAL = 4

#: Request bodies larger than this (bytes) are not searched for secrets.
_MAX_BODY_SCAN = 1 << 20

# One JSON token: a string (possibly cut short), a punctuation mark, or a
# bare word (number, true, false, null, or garbage).
_JSON_TOKEN = _lazyre.Pattern(r'"[^"\\]*(?:\\.[^"\\]*)*"?|[{}\[\]:,]|[^\s{}\[\]:,"]+')
_BARE_LITERALS = frozenset({"true", "false", "null"})

# ``key`` + optional closing quote (escaped or not) + separator. The
# lookbehind makes a match start only at the beginning of a word, which
# keeps the search linear.
_KEY_SEP = _lazyre.Pattern(r"""(?<![\w.\-])([\w.\-]+)(\\*["']?)[ \t]*(=>|[:=])[ \t]*""")
_XML_VALUE = _lazyre.Pattern(r"<([\w.\-:]+)>([^<]*)")
# A key=value pair inside a percent-encoded query string, as in Nova's console
# URLs (``vnc_auto.html?path=%3Ftoken%3D<token>``): the value runs to the next
# encoded or plain "&", quote or space.
_ENCODED_PAIR = _lazyre.Pattern(
    r"(?i)(%3F|%26)([\w.\-]+)%3D((?:[^\s&\"'%\\]|%(?!26)[0-9a-f]{2})*)"
)
_BARE_VALUE = _lazyre.Pattern(r"""(?:[^\s,;&)\]}<"'\\]|\\(?!["']))*""")
_LINE_VALUE = _lazyre.Pattern(r"""(?:[^\r\n,;&"'\\]|\\(?!["']))*""")
_BRACKET_PART = _lazyre.Pattern(r"""[\[\]{}()"']""")
_CLOSERS = {"[": "]", "{": "}", "(": ")"}


def is_secret_key(key: str) -> bool:
    """Tell whether a JSON, query, form or header key names a secret."""
    key = key.lower()
    return (
        key in _SECRET_KEYS
        or key.endswith(_SECRET_SUFFIXES)
        or any(part in key for part in _SECRET_PARTS)
    )


def secret_child(parent_secret: bool, key: _t.Any, container: bool) -> bool:
    """Tell whether the value under ``key`` is secret, given its container's state.

    ``container`` says whether that value is a list or an object.
    """
    if not isinstance(key, str):
        return parent_secret
    if is_secret_key(key):
        return True
    if not parent_secret:
        return False
    return key.lower() not in (_KEPT_CONTAINERS if container else _KEPT_SCALARS)


def _child(parent_secret: bool, key: _t.Any, value: _t.Any) -> bool:
    return secret_child(parent_secret, key, isinstance(value, (dict, list)))


def has_hint(text: str) -> bool:
    """Tell whether ``text`` mentions anything that could name a secret."""
    lowered = text.lower()
    return any(hint in lowered for hint in _HINTS)


# -- JSON --------------------------------------------------------------------


def _key_of(token: str) -> str:
    quote = token[0]
    if quote not in "\"'":
        return token
    key = token[1:-1] if len(token) > 1 and token.endswith(quote) else token[1:]
    if "\\" in key:  # "\u0070assword" is a password too
        import json

        try:
            key = json.loads('"%s"' % key)
        except ValueError:
            pass
    return key


class _Frame:
    """One open JSON container while scanning."""

    __slots__ = ("is_object", "secret", "key", "want_key")

    def __init__(self, is_object: bool, secret: bool) -> None:
        self.is_object = is_object
        self.secret = secret
        self.key: str | None = None
        self.want_key = is_object


def _value_is_secret(stack: list[_Frame], container: bool) -> bool:
    if not stack:
        return False
    frame = stack[-1]
    if frame.is_object:
        return secret_child(frame.secret, frame.key, container)
    return frame.secret


def json_text(text: str) -> str:
    """Return JSON ``text`` with the values under secret keys masked.

    ``text`` may be cut anywhere and nested to any depth: it is read token
    by token with an explicit stack. Strings, numbers and the strings
    inside lists or objects held under a secret key become ``"***"``
    (``true``, ``false`` and ``null`` stay); other strings that quote a
    secret (``"Value: {'password': 'x'}"``) are masked with
    :func:`free_text`. Keys need not be JSON strings: text that only looks
    like JSON (a Python repr, ``{password: x}``, ``{password=x}``) is
    masked too. Everything else is kept byte for byte.
    """
    echo = has_hint(text)
    pieces: list[str] = []
    last = 0
    stack: list[_Frame] = []
    for match in _JSON_TOKEN.finditer(text):
        token = match.group()
        first = token[0]
        if not stack and match.start() and first not in "{[":
            # The top-level value ended: what follows is not JSON any more.
            pieces.append(text[last : match.start()])
            pieces.append(free_text(text[match.start() :]))
            return "".join(pieces)
        if first in "{[":
            stack.append(_Frame(first == "{", _value_is_secret(stack, True)))
        elif first in "}]":
            if stack:
                stack.pop()
        elif first in ":,":
            if stack and stack[-1].is_object:
                stack[-1].want_key = first == ","
        else:
            if stack and stack[-1].want_key:  # quoted or not: Python reprs and JS quote keys so
                stack[-1].key = _key_of(token)
                secret = False
            else:
                secret = _value_is_secret(stack, False)
            masked = _scalar(token, secret, echo)
            if masked is not token:
                pieces.append(text[last : match.start()])
                pieces.append(masked)
                last = match.end()
    if not pieces:
        return text
    pieces.append(text[last:])
    return "".join(pieces)


def _scalar(token: str, secret: bool, echo: bool) -> str:
    """The text to show for one scalar token (``token`` itself when kept)."""
    if secret:
        return token if token in _BARE_LITERALS else '"%s"' % MASK
    if echo and has_hint(token):  # a string quoting a secret, or ``password=x`` text
        masked = free_text(token)
        return token if masked == token else masked
    return token


def json_value(value: _t.Any) -> _t.Any:
    """Return a masked copy of decoded JSON ``value`` (the input is untouched).

    The same rules as :func:`json_text`, on Python objects, at any depth.
    """
    root: list[_t.Any] = [None]
    work: list[tuple[_t.Any, _t.Any, _t.Any, bool]] = [(root, 0, value, False)]
    while work:
        holder, slot, item, secret = work.pop()
        if isinstance(item, dict):
            copy: dict[_t.Any, _t.Any] = dict.fromkeys(item)
            holder[slot] = copy
            work.extend((copy, k, v, _child(secret, k, v)) for k, v in item.items())
        elif isinstance(item, list):
            copy_list: list[_t.Any] = [None] * len(item)
            holder[slot] = copy_list
            work.extend((copy_list, i, v, secret) for i, v in enumerate(item))
        elif secret and item is not None and not isinstance(item, bool):
            holder[slot] = MASK
        else:
            holder[slot] = item
    return root[0]


# -- free text ----------------------------------------------------------------


def _quoted_end(text: str, start: int, quote: str) -> int:
    """Index just past the quote closing the string opened at ``start``."""
    position = start + len(quote)
    while True:
        found = text.find(quote, position)
        if found < 0:
            return len(text)
        if len(quote) > 1:  # an escaped quote closes an escaped quote
            return found + len(quote)
        backslashes = 0
        while found - backslashes - 1 >= start and text[found - backslashes - 1] == "\\":
            backslashes += 1
        if backslashes % 2 == 0:
            return found + 1
        position = found + 1


def _bracket_end(text: str, start: int) -> int:
    """Index just past the bracket closing the one at ``start`` (strings skipped)."""
    closers = [_CLOSERS[text[start]]]
    position = start + 1
    while closers:
        match = _BRACKET_PART.search(text, position)
        if match is None:
            return len(text)
        char, position = match.group(), match.end()
        if char in "\"'":
            position = _quoted_end(text, match.start(), char)
        elif char in _CLOSERS:
            closers.append(_CLOSERS[char])
        elif char == closers[-1]:
            closers.pop()
    return position


def _masked_value(text: str, start: int, to_line_end: bool) -> tuple[int, str] | None:
    """(end, replacement) for the value starting at ``start``, or None if empty.

    An unquoted value ends at a space, unless ``to_line_end`` (an
    ``Authorization: <scheme> <credentials>`` header quoted in text).
    """
    if start >= len(text):
        return None
    char = text[start]
    if char == "\\" and text[start + 1 : start + 2] in ('"', "'"):
        quote = text[start : start + 2]
        return _quoted_end(text, start, quote), quote + MASK + quote
    if char in "\"'":
        return _quoted_end(text, start, char), char + MASK + char
    if char in _CLOSERS:
        return _bracket_end(text, start), MASK
    pattern = _LINE_VALUE if to_line_end else _BARE_VALUE
    end = pattern.match(text, start).end()  # type: ignore[union-attr]
    return (end, MASK) if end > start else None


def free_text(text: str) -> str:
    """Return ``text`` with the value after every secret ``key:``/``key=`` masked.

    Also masks ``<key>value</key>``. Quoted values keep their quotes; a
    bracketed value (a list or dict a server quoted) is masked whole; a
    value the end of ``text`` cuts short is masked to the end.
    """
    if not has_hint(text):
        return text
    pieces: list[str] = []
    last = position = 0
    while True:
        match = _KEY_SEP.search(text, position)
        if match is None:
            break
        position = match.end()
        key = match.group(1)
        if not is_secret_key(key):
            continue
        found = _masked_value(text, position, key.lower().endswith("authorization"))
        if found is None:
            continue
        end, replacement = found
        pieces.append(text[last:position])
        pieces.append(replacement)
        last = position = end
    pieces.append(text[last:])
    masked = "".join(pieces)
    masked = encoded_pairs(masked)
    return _xml_values(masked) if "<" in masked else masked


def encoded_pairs(text: str) -> str:
    """Mask secret values of key=value pairs nested percent-encoded in a URL."""
    if "%3" not in text:  # every encoded separator matched starts so, in either case
        return text
    return _ENCODED_PAIR.sub(_encoded_pair, text)


def _encoded_pair(match: re.Match[str]) -> str:
    if not match.group(3) or not is_secret_key(match.group(2)):
        return match.group(0)
    return "%s%s%%3D%s" % (match.group(1), match.group(2), MASK)


def _xml_values(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        if match.group(2) and is_secret_key(match.group(1)):
            return "<%s>%s" % (match.group(1), MASK)
        return match.group()

    return _XML_VALUE.sub(replace, text)


# -- echoed literals ------------------------------------------------------------


def literals(text: str, secrets: _t.Iterable[str]) -> str:
    """Return ``text`` with every occurrence of each of ``secrets`` masked."""
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, MASK)
    return text


def _forms(value: _t.Any) -> list[str]:
    """The ways a server may echo a secret value: as is, JSON-escaped, as a repr."""
    import json

    if isinstance(value, str):
        forms = [value, json.dumps(value)[1:-1], repr(value)[1:-1]]
    elif isinstance(value, (dict, list)):
        forms = [repr(value), json.dumps(value), json.dumps(value, separators=(",", ":"))]
    else:
        forms = [str(value)]
    return [form for form in forms if len(form) >= _MIN_LITERAL]


def secrets_in(body: _t.Any, headers: _t.Mapping[str, _t.Any] | None = None) -> tuple[str, ...]:
    """The secret values a request carried, longest first, as a server may echo them.

    ``body`` is the request body (JSON bytes or text; anything else gives
    nothing); ``headers`` its headers, whose token and credential values
    count too.
    """
    found: set[str] = set()
    for name, value in (headers or {}).items():
        if is_secret_key(name) or name.lower() in ("authorization", "cookie"):
            found.update(_forms(value.decode("latin-1") if isinstance(value, bytes) else value))
    decoded = _decode(body)
    work: list[tuple[_t.Any, bool]] = [(decoded, False)]
    while work:
        item, secret = work.pop()
        if secret and item is not None and not isinstance(item, bool):
            found.update(_forms(item))
        if isinstance(item, dict):
            work.extend((v, _child(secret, k, v)) for k, v in item.items())
        elif isinstance(item, list):
            work.extend((v, secret) for v in item)
    return tuple(sorted(found, key=len, reverse=True))


def carries_secrets(body: _t.Any) -> bool:
    """Tell whether a request body (JSON or a form) holds a value under a secret key."""
    decoded = _decode(body)
    if decoded is None:
        return _form_has_secret(body)
    work: list[tuple[_t.Any, bool]] = [(decoded, False)]
    while work:
        item, secret = work.pop()
        if secret and item is not None and not isinstance(item, bool):
            return True
        if isinstance(item, dict):
            work.extend((v, _child(secret, k, v)) for k, v in item.items())
        elif isinstance(item, list):
            work.extend((v, secret) for v in item)
    return False


def _form_has_secret(body: _t.Any) -> bool:
    if isinstance(body, dict):
        return any(is_secret_key(str(key)) for key in body)
    if isinstance(body, bytes):
        body = body[:_MAX_BODY_SCAN].decode("latin-1")
    if not isinstance(body, str) or "=" not in body:
        return False
    from urllib import parse

    return any(is_secret_key(key) for key, _ in parse.parse_qsl(body[:_MAX_BODY_SCAN]))


def _decode(body: _t.Any) -> _t.Any:
    if not isinstance(body, (bytes, str)) or not body or len(body) > _MAX_BODY_SCAN:
        return None
    start = body.lstrip()[:1]
    if start not in (b"{", b"[", "{", "["):
        return None
    from stackclient import _jsonutils

    try:
        return _jsonutils.loads(body)
    except ValueError:
        return None
