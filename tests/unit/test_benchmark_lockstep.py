"""A client runner in lockstep times the blocks the harness asks for, and nothing else."""

from __future__ import annotations

import io

from benchmarks.clients import scenarios


def test_each_block_is_timed_and_answered_and_the_end_stops_it(monkeypatch, capsys):
    counters = iter([{"requests": 0}, {"requests": 3}, {"requests": 3}, {"requests": 5}])
    monkeypatch.setattr(scenarios.control, "stats", lambda server: next(counters))
    monkeypatch.setattr("sys.stdin", io.StringIO("block\nblock\nend\nblock\n"))
    calls = []
    params = {"server": "http://s", "block_calls": 3, "block_budget_s": 60.0}
    cpu, wall, count, seen = scenarios.lockstep_timed(lambda: calls.append(1), params)
    out = capsys.readouterr().out.split()
    assert out == [scenarios.LOCKSTEP_READY, scenarios.LOCKSTEP_DONE, scenarios.LOCKSTEP_DONE]
    assert (count, len(calls)) == (6, 6)  # the line after "end" is never read as a block
    assert seen == {"requests": 5}  # summed over the blocks only
    assert cpu >= 0 and wall >= 0


def test_a_block_past_its_budget_still_makes_one_call(monkeypatch, capsys):
    monkeypatch.setattr(scenarios.control, "stats", lambda server: {})
    monkeypatch.setattr("sys.stdin", io.StringIO("block\n"))
    calls = []
    params = {"server": "http://s", "block_calls": 5, "block_budget_s": -1.0}
    assert scenarios.lockstep_timed(lambda: calls.append(1), params)[2] == 1
    assert calls == [1]
