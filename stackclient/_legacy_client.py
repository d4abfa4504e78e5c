"""The attributes python-keystoneclient's ``HTTPClient`` gave its clients.

keystoneclient's v2.0 and v3 clients were ``HTTPClient`` subclasses and
code reads (and sets) their attributes: ``client.user_id = ...`` before
``users.update_password``, ``auth_user_id``/``auth_tenant_id``/
``auth_domain_id`` after authenticating, ``get_user_id(session)`` and
``get_project_id(session)`` as an auth plugin's, ``password``. The
identity clients get them from :class:`LegacyAttributesMixin`; they read
the current token like the client's other properties, so reading one
authenticates first when no token is held.
"""

from __future__ import annotations

import typing as _t

__all__: list[str] = []


class LegacyAttributesMixin:
    """keystoneclient's ``HTTPClient`` attributes over the client's token.

    ``user_id`` is the user given to the constructor or assigned
    (``client.user_id = uid``) if any, else the token's: user-scoped calls
    (``users.update_password``, application credentials, access rules) use
    it, as in keystoneclient, so an admin-token client can name its user.
    """

    #: Set by the client: the user id given (or assigned), and the password given.
    _user_id: str | None = None
    _password: str | None = None

    if _t.TYPE_CHECKING:  # pragma: no cover - provided by the client

        def _ref_attr(self, name: str) -> _t.Any: ...

    @property
    def user_id(self) -> str | None:
        """The user given or assigned, else the id of the user the token belongs to."""
        return self._user_id or self._ref_attr("user_id")

    @user_id.setter
    def user_id(self, value: str | None) -> None:
        self._user_id = value or None

    @property
    def password(self) -> str | None:
        """The password the client was built with (None when it was given none)."""
        return self._password

    @property
    def auth_user_id(self) -> str | None:
        """The id of the user the token belongs to (keystoneclient's name)."""
        return self._ref_attr("user_id")

    @property
    def auth_tenant_id(self) -> str | None:
        """The id of the project the token is scoped to, or None (keystoneclient's name)."""
        return self._ref_attr("project_id")

    @property
    def auth_domain_id(self) -> str | None:
        """The id of the domain the token is scoped to, or None (keystoneclient's name)."""
        return self._ref_attr("domain_id")

    def get_user_id(self, session: _t.Any = None, **kwargs: _t.Any) -> str | None:
        """The token's user id (an auth plugin's method; ``session`` is not used)."""
        return self._ref_attr("user_id")

    def get_project_id(self, session: _t.Any = None, **kwargs: _t.Any) -> str | None:
        """The token's project id, or None (an auth plugin's method; ``session`` is not used)."""
        return self._ref_attr("project_id")
