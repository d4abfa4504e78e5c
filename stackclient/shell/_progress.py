"""Progress bars for transfers and waits, drawn on stderr with tqdm (imported here only)."""

from __future__ import annotations

import sys

_TYPE_CHECKING = False
if _TYPE_CHECKING:  # pragma: no cover
    import typing as _t

__all__ = ["bar"]


def bar(description: str, total: int | None) -> _t.Callable[[int, int | None], None]:
    """Return ``progress(done, total)``: moves a bar on stderr to ``done`` (bytes or items).

    The bar is closed when ``done`` reaches ``total``.
    """
    import tqdm

    shown = tqdm.tqdm(
        total=total,
        desc=description,
        unit="B",
        unit_scale=True,
        unit_divisor=1024,
        file=sys.stderr,
        leave=False,
        dynamic_ncols=True,
    )

    def progress(done: int, new_total: int | None = None) -> None:
        if new_total is not None and new_total != shown.total:
            shown.total = new_total
        shown.update(max(0, done - shown.n))
        if shown.total is not None and done >= shown.total:
            shown.close()

    return progress


def wait_bar(description: str) -> _t.Callable[[_t.Any], None]:
    """Return a waiter callback: shows the status (and progress percent) on stderr."""
    import tqdm

    shown = tqdm.tqdm(total=100, desc=description, file=sys.stderr, leave=False,
                      bar_format="{desc}: {postfix} [{elapsed}]")  # fmt: skip

    def callback(progress: _t.Any) -> None:
        shown.set_postfix_str(str(progress.status))
        if progress.progress is not None:
            shown.n = progress.progress
        shown.refresh()

    return callback
