"""The HTTP verb methods shared by :class:`~stackclient.session.Session` and
:class:`~stackclient.adapter.Adapter`.

Both send with ``request(url, method, **kwargs)``; each verb calls it
directly, so a verb costs one call, as when each class wrote its own.
"""

from __future__ import annotations

import typing as _t

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__: list[str] = []


class VerbsMixin:
    """``get/head/post/put/patch/delete(url, **kwargs)`` over ``self.request``."""

    if _t.TYPE_CHECKING:  # pragma: no cover - each class defines its own

        def request(self, url: str, method: str, **kwargs: _t.Any) -> requests.Response: ...

    def get(self, url: str, **kwargs: _t.Any) -> requests.Response:
        """GET ``url``; keyword arguments as for :meth:`request`."""
        return self.request(url, "GET", **kwargs)

    def head(self, url: str, **kwargs: _t.Any) -> requests.Response:
        """HEAD ``url``; keyword arguments as for :meth:`request`."""
        return self.request(url, "HEAD", **kwargs)

    def post(self, url: str, **kwargs: _t.Any) -> requests.Response:
        """POST to ``url``; keyword arguments as for :meth:`request`."""
        return self.request(url, "POST", **kwargs)

    def put(self, url: str, **kwargs: _t.Any) -> requests.Response:
        """PUT to ``url``; keyword arguments as for :meth:`request`."""
        return self.request(url, "PUT", **kwargs)

    def patch(self, url: str, **kwargs: _t.Any) -> requests.Response:
        """PATCH ``url``; keyword arguments as for :meth:`request`."""
        return self.request(url, "PATCH", **kwargs)

    def delete(self, url: str, **kwargs: _t.Any) -> requests.Response:
        """DELETE ``url``; keyword arguments as for :meth:`request`."""
        return self.request(url, "DELETE", **kwargs)


class AdaptedClient(VerbsMixin):
    """A client that sends through ``self._adapter``: the verbs and the adapter's settings.

    Shared by the identity clients and the service clients.
    """

    if _t.TYPE_CHECKING:  # pragma: no cover - set by each client's __init__
        _adapter: _t.Any

    @property
    def session(self) -> _t.Any:
        """The session requests go through (stackclient's or keystoneauth1's)."""
        return self._adapter.session

    @property
    def interface(self) -> str | None:
        """The catalog interface used (``public``, ``internal``, ``admin``)."""
        return self._adapter.interface  # type: ignore[no-any-return]

    @property
    def region_name(self) -> str | None:
        """The region of the endpoint used, or None for any."""
        return self._adapter.region_name  # type: ignore[no-any-return]

    @property
    def endpoint_override(self) -> str | None:
        """The URL used instead of the catalog's, or None."""
        return self._adapter.endpoint_override  # type: ignore[no-any-return]
