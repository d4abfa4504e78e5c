"""Ids put into URL paths: accepted forms, escaping, and what is refused."""

from __future__ import annotations

import pytest

from stackclient.apiclient import _ids, exceptions
from stackclient.apiclient.base import Resource


@pytest.mark.parametrize(
    ("value", "expected"),
    [("abc", "abc"), (42, "42"), ("a b/c", "a%20b%2Fc"), (Resource(None, {"id": "x1"}), "x1")],
)
def test_accepted_ids_become_one_escaped_segment(value, expected):
    assert _ids.path_segment(value, "network") == expected


@pytest.mark.parametrize("value", [None, "", " ", ".", "..", True, 1.5, ["a"], {"id": 1}])
def test_ids_that_would_address_another_resource_are_refused(value):
    with pytest.raises(exceptions.ValidationError, match="network"):
        _ids.path_segment(value, "network")


def test_a_resource_without_an_id_is_refused():
    with pytest.raises(exceptions.ValidationError, match="port"):
        _ids.check_id(Resource(None, {"name": "x"}), "port")
