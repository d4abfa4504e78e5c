"""No secret reaches the debug log in the auth flows this client drives."""

from __future__ import annotations

import logging
import typing as _t

import pytest

from stackclient import session
from stackclient.auth import v3 as v3_auth
from stackclient.v3 import client as v3_client


@pytest.fixture(autouse=True)
def _restore_http_logger() -> _t.Iterator[None]:
    """``debug=True`` turns the HTTP logger to DEBUG for the process; undo it after."""
    logger = logging.getLogger("stackclient.http")
    level, handlers = logger.level, list(logger.handlers)
    yield
    logger.setLevel(level)
    logger.handlers[:] = handlers


def test_no_secret_in_the_debug_log(
    keystone: _t.Any, cleanup: _t.Any, unique: _t.Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="stackclient")
    tokens: list[str] = []

    # Password auth, then a request with the token.
    keystone_client = v3_client.Client(
        auth_url=keystone.auth_url,
        username=keystone.admin_username,
        password=keystone.admin_password,
        project_name=keystone.admin_project_name,
        debug=True,
    )
    keystone_client.projects.list()
    tokens.append(keystone_client.auth_token)

    # Application credential: create (the answer holds the secret), then auth with it.
    cred = keystone_client.application_credentials.create(unique("logcheck"))
    cleanup.add(keystone_client.application_credentials.delete, cred)
    plugin = v3_auth.ApplicationCredential(
        auth_url=keystone.auth_url,
        application_credential_id=cred.id,
        application_credential_secret=cred.secret,
    )
    app = v3_client.Client(session=session.Session(auth=plugin, debug=True))
    app.projects.list()
    tokens.append(app.auth_token)

    # Token validation: the subject token travels in a header and comes back in one.
    validated = keystone_client.tokens.validate(app.auth_token)
    assert validated.application_credential_id == cred.id
    keystone_client.tokens.get_token_data(tokens[0], include_catalog=False)

    text = "\n".join(r.getMessage() for r in caplog.records)
    assert "/v3/auth/tokens" in text, "the flows should have been logged"
    assert "X-Subject-Token" in text
    secrets = {
        "admin password": keystone.admin_password,
        "admin token": keystone.admin_token,
        "application credential secret": cred.secret,
    }
    secrets.update({"token %d" % i: tok for i, tok in enumerate(tokens)})
    leaked = [name for name, secret in secrets.items() if secret in text]
    assert leaked == []
