"""Output formats of stack: table, json, yaml, value, csv; column choice and sorting."""

from __future__ import annotations

import json

import pytest
import yaml

from stackclient.apiclient import exceptions
from stackclient.shell import _output

LISTING = _output.Listing(["id", "name", "project_id"], [["b", "web", "p1"], ["a", None, "p2"]])
RECORD = _output.Record({"id": "a", "tags": ["x", "y"], "enabled": True})


def render(result, **options):
    return _output.render(result, _output.OutputOptions(**options))


def test_table_headers_are_title_cased_api_names():
    text = render(LISTING)
    assert "| ID | Name | Project ID |" in text
    assert "| a  |      | p2         |" in text


def test_json_keys_are_the_api_names():
    assert json.loads(render(LISTING, format="json")) == [
        {"id": "b", "name": "web", "project_id": "p1"},
        {"id": "a", "name": None, "project_id": "p2"},
    ]
    assert json.loads(render(RECORD, format="json")) == {
        "id": "a",
        "tags": ["x", "y"],
        "enabled": True,
    }


def test_yaml_keeps_the_field_order():
    assert yaml.safe_load(render(RECORD, format="yaml")) == {
        "id": "a",
        "tags": ["x", "y"],
        "enabled": True,
    }
    assert render(RECORD, format="yaml").splitlines()[0] == "id: a"


def test_value_and_csv():
    assert render(LISTING, format="value", columns=("id",)) == "b\na\n"
    assert render(LISTING, format="csv").splitlines() == [
        "id,name,project_id",
        "b,web,p1",
        "a,,p2",
    ]
    assert render(RECORD, format="value") == "a\nx, y\nTrue\n"


def test_columns_by_api_name_or_header_and_sorting():
    text = render(LISTING, format="value", columns=("Project ID", "ID"), sort_columns=("id",))
    assert text == "p2 a\np1 b\n"


def test_an_unknown_column_names_the_ones_there_are():
    with pytest.raises(exceptions.CommandError, match="id, name, project_id"):
        render(LISTING, columns=("nope",))


def test_a_record_is_a_field_value_table_and_folds_long_cells():
    text = render(_output.Record({"description": "x" * 50}), max_width=10)
    assert "| Field       | Value      |" in text
    assert "| description | xxxxxxxxxx |" in text
    assert max(len(line) for line in text.splitlines()) < 40


def test_nothing_to_print():
    assert render(None) == ""


def _random_tables():
    import random
    import string

    rnd = random.Random(7)

    def word():
        return "".join(rnd.choice(string.printable[:95]) for _ in range(rnd.randint(0, 12)))

    for _ in range(200):
        columns = list(dict.fromkeys(word() or "c" for _ in range(rnd.randint(1, 5))))
        cells = [word(), None, True, 3, 2.5, ["a", "b"], {"k": 1}, "wide ✓", "two\nlines"]
        yield columns, [[rnd.choice(cells) for _ in columns] for _ in range(rnd.randint(1, 6))]


def test_tables_are_drawn_exactly_as_prettytable_draws_them():
    options = _output.OutputOptions()
    for columns, rows in _random_tables():
        for record in (False, True):
            shown = [rows[0]] if record else rows
            expected = _output._pretty_table(columns, shown, record, options)
            assert _output._table(columns, shown, record, options) == expected


def test_plain_tables_are_drawn_without_importing_prettytable(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "prettytable", None)  # importing it would fail
    text = render(_output.Listing(["id", "name"], [["a1", "demo"], ["b22", "x"]]))
    assert text == (
        "+-----+------+\n| ID  | Name |\n+-----+------+\n"
        "| a1  | demo |\n| b22 | x    |\n+-----+------+\n"
    )


def test_a_shown_field_is_text_in_tables_and_whole_in_json_and_yaml():
    addresses = {"private": [{"addr": "10.0.0.5", "version": 4}]}
    record = _output.Record({"id": "s", "addresses": _output.Shown(addresses, "private=10.0.0.5")})
    assert "| addresses | private=10.0.0.5 |" in render(record)
    assert render(record, format="value", columns=("addresses",)) == "private=10.0.0.5\n"
    assert json.loads(render(record, format="json"))["addresses"] == addresses
    assert yaml.safe_load(render(record, format="yaml"))["addresses"] == addresses
    rows = _output.Listing(["n"], [[_output.Shown({"b": 1}, "b")], [_output.Shown({"a": 1}, "a")]])
    assert render(rows, format="value", sort_columns=("n",)) == "a\nb\n"
