"""Identity v2.0 PKI certificates (``/certificates/ca`` and ``/certificates/signing``).

They were used to check PKI tokens offline. Keystone removed PKI tokens,
and with them these URLs (a current server answers 404, raised as
NotFound); the calls are kept for old deployments::

    pem = keystone.certificates.get_ca_certificate()
"""

from __future__ import annotations

import typing as _t

__all__ = ["CertificatesManager"]


class CertificatesManager:
    """Fetches the PEM certificates of a PKI-token Keystone (no token needed)."""

    def __init__(self, client: _t.Any) -> None:
        self._client = client

    def _pem(self, url: str) -> str:
        return self._client.get(url, authenticated=False).text

    def get_ca_certificate(self) -> str:
        """Return the CA certificate, PEM text: ``GET /certificates/ca``."""
        return self._pem("/certificates/ca")

    def get_signing_certificate(self) -> str:
        """Return the token signing certificate, PEM text: ``GET /certificates/signing``."""
        return self._pem("/certificates/signing")
