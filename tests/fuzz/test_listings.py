"""Listing and single-resource verbs against well-formed wrappers of ill-formed items.

The general fuzz (test_managers.py) draws bodies of every kind for every
verb, so a listing rarely gets a well-formed collection -- under the key
its manager reads, or a bare list as Swift sends -- whose *items* are
numbers, strings, nulls or lists. This test gives every listing exactly
that, with DEBUG logging on and off: each must end in a list of resources
or a ClientException that names the request, never a TypeError from an
item it could not read. Single-resource verbs get the same treatment: a
body under the manager's key (``{"server": ...}``) holding any JSON value.
"""

from __future__ import annotations

import requests_mock
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz import _harness, calls, strategies

CALLS, _ = calls.calibrated()
CLIENTS = calls.clients()

#: Verbs that read a collection (sdk-style plural names included).
LISTINGS = [
    call
    for call in CALLS
    if call.verb in ("list", "iterate", "findall") or call.verb.startswith(("list_", "iter"))
]

items = st.lists(
    st.one_of(
        strategies.json_values,
        st.dictionaries(
            st.sampled_from(("id", "name", "subdir", "bytes")), strategies.json_values
        ),
    ),
    min_size=1,
    max_size=5,
)


def _collection_key(call: calls.Call) -> str | None:
    manager = getattr(CLIENTS[call.api], call.manager)
    for attribute in ("collection_key", "response_key", "key"):
        key = getattr(manager, attribute, None)
        if isinstance(key, str) and key:
            return key
    return None


def test_every_client_has_listings():
    assert {call.api for call in LISTINGS} == {call.api for call in CALLS}


@settings(max_examples=max(300, settings().max_examples))
@given(call=st.sampled_from(LISTINGS), listed=items, bare=st.booleans(), debug=st.booleans())
def test_listed_items_of_any_shape(call, listed, bare, debug):
    key = _collection_key(call)
    body = listed if bare or key is None else {key: listed}
    with requests_mock.Mocker() as mock, _harness.debug_log(debug):
        mock.register_uri(requests_mock.ANY, requests_mock.ANY, json=body)
        _harness.survive("listings", lambda: call.run(CLIENTS[call.api]))


#: Verbs that read one resource wrapped in its key (``{"server": {...}}``).
SINGLES = [call for call in CALLS if call.verb in ("get", "find", "create", "update", "put")]


def _resource_key(call: calls.Call) -> str | None:
    key = getattr(getattr(CLIENTS[call.api], call.manager), "key", None)
    return key if isinstance(key, str) and key else None


@settings(max_examples=max(300, settings().max_examples))
@given(call=st.sampled_from(SINGLES), value=strategies.json_values, debug=st.booleans())
def test_a_resource_of_any_shape_under_its_key(call, value, debug):
    key = _resource_key(call)
    body = {key: value} if key else value
    with requests_mock.Mocker() as mock, _harness.debug_log(debug):
        mock.register_uri(requests_mock.ANY, requests_mock.ANY, json=body)
        _harness.survive("singles", lambda: call.run(CLIENTS[call.api]))
