"""What commands return, and how it is printed: table, json, yaml, value or csv.

A command returns a :class:`Listing` (rows of the same fields) or a
:class:`Record` (one item's fields). Field names are the API's own
snake_case names: JSON, YAML and CSV use them as keys, stable from run to
run; tables show them as headers (``project_id`` -> ``Project ID``).
``-c`` selects fields by either spelling, ``--sort-column`` orders rows,
``--max-width`` folds wide table cells.
"""

from __future__ import annotations

_TYPE_CHECKING = False
if _TYPE_CHECKING:  # pragma: no cover
    import typing as _t

__all__ = ["FORMATS", "Listing", "Record", "header", "render"]

FORMATS = ("table", "json", "yaml", "value", "csv")

#: Words shown in capitals in table headers.
_ACRONYMS = frozenset(
    ("id", "ip", "ips", "url", "uuid", "mac", "cidr", "az", "ram", "md5", "sha256")
)


class Listing:
    """Rows of the same fields: ``columns`` (API names) and ``rows`` (value sequences)."""

    __slots__ = ("columns", "rows")

    def __init__(self, columns: list[str], rows: _t.Iterable[_t.Sequence[_t.Any]]) -> None:
        self.columns = columns
        self.rows = rows


class Record:
    """One item: ``fields`` is a mapping of API names to values, in display order."""

    __slots__ = ("fields",)

    def __init__(self, fields: _t.Mapping[str, _t.Any]) -> None:
        self.fields = fields


class Shown:
    """A field drawn as ``text`` in table, value and CSV output, and kept as ``data`` in JSON/YAML.

    For structures a person reads better as one line (a server's
    addresses as ``private=10.0.0.5, fd00::5``) that a program still
    wants whole.
    """

    __slots__ = ("data", "text")

    def __init__(self, data: _t.Any, text: str) -> None:
        self.data = data
        self.text = text

    def __str__(self) -> str:
        return self.text


class OutputOptions:
    """The output options of a command line: format, columns, sort columns, cell width."""

    __slots__ = ("format", "columns", "sort_columns", "max_width")

    def __init__(
        self,
        format: str = "table",
        columns: tuple[str, ...] = (),
        sort_columns: tuple[str, ...] = (),
        max_width: int = 0,
    ) -> None:
        self.format = format
        self.columns = columns
        self.sort_columns = sort_columns
        self.max_width = max_width


def header(name: str) -> str:
    """A table header for an API field name: ``project_id`` -> ``Project ID``."""
    words = name.replace("-", "_").split("_")
    return " ".join(w.upper() if w.lower() in _ACRONYMS else w[:1].upper() + w[1:] for w in words)


def _select(columns: list[str], wanted: tuple[str, ...]) -> list[int]:
    """Indexes of the wanted columns, matched by API name or header, any case."""
    if not wanted:
        return list(range(len(columns)))
    lookup: dict[str, int] = {}
    for index, name in enumerate(columns):
        lookup[name.lower()] = index
        lookup[header(name).lower()] = index
    chosen = []
    for name in wanted:
        index = lookup.get(name.lower())
        if index is None:
            from stackclient.apiclient import exceptions

            raise exceptions.CommandError(
                "No column %r; the columns are: %s" % (name, ", ".join(columns))
            )
        chosen.append(index)
    return chosen


def _sorted(
    rows: list[list[_t.Any]], columns: list[str], keys: tuple[str, ...]
) -> list[list[_t.Any]]:
    for index in reversed(_select(columns, keys)):
        rows.sort(
            key=lambda row, i=index: (row[i] is None, str(row[i]) if row[i] is not None else "")
        )
    return rows


def _as_listing(result: Listing | Record) -> tuple[list[str], list[list[_t.Any]]]:
    if isinstance(result, Record):
        fields = dict(result.fields)
        return list(fields), [list(fields.values())]
    return list(result.columns), [list(row) for row in result.rows]


def render(result: Listing | Record | None, options: OutputOptions) -> str:
    """Return the text to print for ``result`` (empty for None)."""
    if result is None:
        return ""
    columns, rows = _as_listing(result)
    chosen = _select(columns, options.columns)
    if options.sort_columns and isinstance(result, Listing):
        rows = _sorted(rows, columns, options.sort_columns)
    columns = [columns[i] for i in chosen]
    rows = [[row[i] for i in chosen] for row in rows]
    writer = _WRITERS[options.format]
    return writer(columns, rows, isinstance(result, Record), options)


def _cell(value: _t.Any) -> str:
    """A value as table, value or CSV text: structures as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, Shown):
        return value.text
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, (list, tuple)) and all(isinstance(v, (str, int)) for v in value):
        return ", ".join(str(v) for v in value)
    if isinstance(value, (dict, list, tuple)):
        import json

        return json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return str(value)


def _table(
    columns: list[str], rows: list[list[_t.Any]], record: bool, options: OutputOptions
) -> str:
    if record:
        head, body = ["Field", "Value"], [[name, _cell(v)] for name, v in zip(columns, rows[0])]
    else:
        head, body = [header(c) for c in columns], [[_cell(v) for v in row] for row in rows]
    simple = body and not options.max_width and len(set(head)) == len(head)
    if (
        simple
        and all(map(_plain_text, head))
        and all(_plain_text(text) for line in body for text in line)
    ):
        return _plain_table(head, body)
    return _pretty_table(columns, rows, record, options)


def _plain_text(text: str) -> bool:
    """One line of printable ASCII: one character is one column."""
    return text.isascii() and text.isprintable()


def _plain_table(head: list[str], body: list[list[str]]) -> str:
    """The table prettytable draws (left-aligned, one space of padding) for plain text.

    Thousands of rows are drawn in a few milliseconds, where prettytable
    measures every character of every cell for its display width.
    """
    widths = [max(len(head[i]), *(len(line[i]) for line in body)) for i in range(len(head))]
    rule = "+" + "+".join("-" * (width + 2) for width in widths) + "+"
    pads = [" %%-%ds " % width for width in widths]
    template = "|" + "|".join(pads) + "|"
    lines = [rule, template % tuple(head), rule]
    lines.extend(template % tuple(line) for line in body)
    lines.append(rule)
    return "\n".join(lines) + "\n"


def _pretty_table(
    columns: list[str], rows: list[list[_t.Any]], record: bool, options: OutputOptions
) -> str:
    import prettytable

    if record:
        table = prettytable.PrettyTable(["Field", "Value"])
        for name, value in zip(columns, rows[0]):
            table.add_row([name, _cell(value)])
    else:
        table = prettytable.PrettyTable([header(c) for c in columns])
        for row in rows:
            table.add_row([_cell(v) for v in row])
    table.align = "l"
    if options.max_width:
        for name in ["Value"] if record else table.field_names:
            table.max_width[name] = options.max_width
    return table.get_string() + "\n"


def _plain(columns: list[str], rows: list[list[_t.Any]], record: bool) -> _t.Any:
    rows = [[v.data if isinstance(v, Shown) else v for v in row] for row in rows]
    if record:
        return dict(zip(columns, rows[0]))
    return [dict(zip(columns, row)) for row in rows]


def _json(
    columns: list[str], rows: list[list[_t.Any]], record: bool, options: OutputOptions
) -> str:
    import json

    return (
        json.dumps(_plain(columns, rows, record), indent=2, default=str, ensure_ascii=False) + "\n"
    )


def _yaml(
    columns: list[str], rows: list[list[_t.Any]], record: bool, options: OutputOptions
) -> str:
    import yaml

    data = _plain(columns, rows, record)
    return str(yaml.safe_dump(data, default_flow_style=False, sort_keys=False, allow_unicode=True))


def _value(
    columns: list[str], rows: list[list[_t.Any]], record: bool, options: OutputOptions
) -> str:
    if record:
        return "".join(_cell(v) + "\n" for v in rows[0])
    return "".join(" ".join(_cell(v) for v in row) + "\n" for row in rows)


def _csv(
    columns: list[str], rows: list[list[_t.Any]], record: bool, options: OutputOptions
) -> str:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(v) for v in row])
    return out.getvalue()


_WRITERS: dict[str, _t.Callable[[list[str], list[list[_t.Any]], bool, OutputOptions], str]] = {
    "table": _table,
    "json": _json,
    "yaml": _yaml,
    "value": _value,
    "csv": _csv,
}
