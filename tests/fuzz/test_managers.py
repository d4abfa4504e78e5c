"""Every manager verb of every client (identity, network, image, volume, compute, object
storage) against every kind of answer."""

from __future__ import annotations

import requests_mock
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzz import _harness, calls, strategies

CALLS, SKIPPED = calls.calibrated()
CLIENTS = calls.clients()


def test_most_verbs_reach_the_wire():
    """The calibration found the verbs (a new manager is fuzzed without listing it)."""
    assert len(CALLS) >= 750, SKIPPED
    assert {call.api for call in CALLS} == {
        "v3",
        "v2.0",
        "network",
        "image",
        "volume",
        "compute",
        "object",
    }


@given(call=st.sampled_from(CALLS), answers=strategies.answer_lists, debug=st.booleans())
def test_every_verb_raises_only_client_exceptions(call, answers, debug):
    with requests_mock.Mocker() as mock, _harness.debug_log(debug):
        mock.register_uri(requests_mock.ANY, requests_mock.ANY, answers)
        _harness.survive("managers", lambda: call.run(CLIENTS[call.api]))
