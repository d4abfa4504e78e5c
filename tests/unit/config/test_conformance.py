"""Same files, same choice: stackclient resolves what openstacksdk 4.22 resolves.

Every case sets up files (in a private cwd, home and XDG tree), ``OS_*``
variables, keyword arguments and a command line, then resolves the cloud
with openstacksdk and with stackclient and compares the cloud, region,
auth type, auth options, TLS arguments, timeout and every per-service
setting (:func:`sdk_conformance.summary`). A case with ``ours=`` is a
deliberate fix of an openstacksdk bug, listed with its reason in
docs/config.rst: there both answers are checked, openstacksdk's against
the comparison and stackclient's against ``ours``.
"""

from __future__ import annotations

import pytest

from stackclient.apiclient import exceptions
from tests.unit.config.sdk_conformance import Case, our_region, sdk_region, summary

URL = "http://keystone.test:5000/v3"

DEMO = f"""
clouds:
  demo:
    auth:
      auth_url: {URL}
      username: demo
      password: secret
      project_name: demo
      user_domain_id: default
      project_domain_id: default
"""

TWO = f"""
clouds:
  alpha:
    auth: {{auth_url: {URL}, username: a, password: pa, project_id: p-alpha}}
    region_name: RegionA
  beta:
    auth: {{auth_url: http://beta.test/v3, username: b, password: pb, project_id: p-beta}}
    compute_api_version: "2.60"
"""

REGIONS = f"""
clouds:
  earth:
    auth: {{auth_url: {URL}, username: u, password: p, project_id: p1}}
    compute_api_version: "2.1"
    regions:
      - name: earth1
        values:
          compute_api_version: "2.79"
          image_endpoint_override: http://glance.earth1.test
      - earth2
"""

CASES = [
    # -- where files are found ----------------------------------------------------
    Case("cwd-single-cloud", files={"cwd/clouds.yaml": DEMO}),
    Case("home-config-dir", files={"home/.config/openstack/clouds.yaml": DEMO}),
    Case(
        "xdg-config-home",
        files={"xdg-home/openstack/clouds.yaml": DEMO},
        env={"XDG_CONFIG_HOME": "{root}/xdg-home"},
    ),
    Case(
        "cwd-beats-home",
        files={"cwd/clouds.yaml": DEMO, "home/.config/openstack/clouds.yaml": TWO},
    ),
    Case("yml-suffix", files={"cwd/clouds.yml": DEMO}),
    Case(
        "json-file",
        files={
            "cwd/clouds.json": (
                '{"clouds": {"demo": {"auth": {"auth_url": "%s", "username": "j", '
                '"password": "pj", "project_id": "p"}, "compute_api_version": 2}}}' % URL
            )
        },
    ),
    Case("yaml-beats-json", files={"cwd/clouds.yaml": DEMO, "cwd/clouds.json": '{"clouds": {}}'}),
    Case("site-dir-single-xdg-entry", files={"xdg/openstack/clouds.yaml": DEMO}),
    Case(
        "os-client-config-file",
        files={"cwd/clouds.yaml": TWO, "elsewhere/my.yaml": DEMO},
        env={"OS_CLIENT_CONFIG_FILE": "{root}/elsewhere/my.yaml"},
    ),
    # -- secure.yaml --------------------------------------------------------------
    Case(
        "secure-adds-password",
        files={
            "cwd/clouds.yaml": f"clouds: {{demo: {{auth: {{auth_url: {URL}, username: u, project_id: p}}}}}}",
            "cwd/secure.yaml": "clouds: {demo: {auth: {password: from-secure}}}",
        },
    ),
    Case(
        "secure-in-home-clouds-in-cwd",
        files={
            "cwd/clouds.yaml": DEMO,
            "home/.config/openstack/secure.yaml": "clouds: {demo: {auth: {password: s2}}}",
        },
    ),
    Case(
        "secure-overrides-clouds",
        files={
            "cwd/clouds.yaml": DEMO,
            "cwd/secure.yaml": "clouds: {demo: {auth: {username: other}, compute_api_version: '2.5'}}",
        },
    ),
    Case(
        "os-client-secure-file",
        files={
            "cwd/clouds.yaml": DEMO,
            "elsewhere/s.yaml": "clouds: {demo: {auth: {password: envsecure}}}",
        },
        env={"OS_CLIENT_SECURE_FILE": "{root}/elsewhere/s.yaml"},
    ),
    # -- choosing the cloud -------------------------------------------------------
    Case("os-cloud-selects", files={"cwd/clouds.yaml": TWO}, env={"OS_CLOUD": "beta"}),
    Case("cloud-kwarg-selects", files={"cwd/clouds.yaml": TWO}, kwargs={"cloud": "alpha"}),
    Case(
        "cloud-kwarg-beats-os-cloud",
        files={"cwd/clouds.yaml": TWO},
        env={"OS_CLOUD": "beta"},
        kwargs={"cloud": "alpha"},
    ),
    Case("unknown-cloud", files={"cwd/clouds.yaml": TWO}, kwargs={"cloud": "gamma"}, error=True),
    Case("several-clouds-none-selected", files={"cwd/clouds.yaml": TWO}, error=True),
    Case(
        "several-clouds-with-full-kwargs",
        files={"cwd/clouds.yaml": TWO},
        kwargs={"auth": {"auth_url": URL, "username": "k", "password": "pk", "project_id": "p"}},
    ),
    # -- the environment ------------------------------------------------------------
    Case(
        "envvars-cloud",
        env={
            "OS_AUTH_URL": URL,
            "OS_USERNAME": "e",
            "OS_PASSWORD": "pe",
            "OS_PROJECT_NAME": "pn",
            "OS_USER_DOMAIN_NAME": "Default",
            "OS_PROJECT_DOMAIN_NAME": "Default",
            "OS_REGION_NAME": "R9",
            "OS_COMPUTE_API_VERSION": "2.37",
            "OS_INTERFACE": "internal",
        },
    ),
    Case(
        "envvars-default-over-single-file-cloud",
        files={"cwd/clouds.yaml": DEMO},
        env={"OS_AUTH_URL": "http://env.test/v3", "OS_USERNAME": "e", "OS_PASSWORD": "pe"},
    ),
    Case(
        "os-cloud-beats-envvars",
        files={"cwd/clouds.yaml": DEMO},
        env={"OS_CLOUD": "demo", "OS_AUTH_URL": "http://env.test/v3", "OS_USERNAME": "e"},
    ),
    Case(
        "os-cloud-name-renames-envvars",
        env={
            "OS_CLOUD_NAME": "fromenv",
            "OS_AUTH_URL": URL,
            "OS_USERNAME": "e",
            "OS_PASSWORD": "p",
            "OS_PROJECT_ID": "p",
        },
    ),
    Case(
        "os-region-name-alone-is-no-cloud",
        files={"cwd/clouds.yaml": REGIONS},
        env={"OS_REGION_NAME": "earth2"},
    ),
    Case(
        "envvars-explicit-cloud-name",
        env={"OS_AUTH_URL": URL, "OS_USERNAME": "e", "OS_PASSWORD": "p", "OS_PROJECT_ID": "p"},
        files={"cwd/clouds.yaml": TWO},
        kwargs={"cloud": "envvars"},
    ),
    # -- regions ------------------------------------------------------------------
    Case("first-region-by-default", files={"cwd/clouds.yaml": REGIONS}),
    Case(
        "region-values-apply", files={"cwd/clouds.yaml": REGIONS}, kwargs={"region_name": "earth1"}
    ),
    Case(
        "region-without-values",
        files={"cwd/clouds.yaml": REGIONS},
        kwargs={"region_name": "earth2"},
    ),
    Case(
        "kwargs-beat-region-values",
        files={"cwd/clouds.yaml": REGIONS},
        kwargs={"region_name": "earth1", "compute_api_version": "2.90"},
    ),
    Case(
        "unknown-region",
        files={"cwd/clouds.yaml": REGIONS},
        kwargs={"region_name": "mars"},
        error=True,
    ),
    Case(
        "region-name-list",
        files={
            "cwd/clouds.yaml": f"clouds: {{c: {{auth: {{auth_url: {URL}, username: u, password: p, project_id: x}}, region_name: [r1, r2]}}}}"
        },
        kwargs={"region_name": "r2"},
    ),
    Case(
        "any-region-when-none-listed",
        files={"cwd/clouds.yaml": DEMO},
        kwargs={"region_name": "anywhere"},
    ),
    # -- profiles -------------------------------------------------------------------
    Case(
        "profile-from-clouds-public",
        files={
            "cwd/clouds-public.yaml": f"public-clouds: {{acme: {{auth: {{auth_url: {URL}}}, regions: [east, west], identity_api_version: '3', image_api_version: '2'}}}}",
            "cwd/clouds.yaml": "clouds: {mine: {profile: acme, auth: {username: u, password: p, project_id: x}, image_api_version: '1'}}",
        },
    ),
    Case(
        "profile-by-old-cloud-key",
        files={
            "home/.config/openstack/clouds-public.yaml": f"public-clouds: {{acme: {{auth: {{auth_url: {URL}}}, region_name: north}}}}",
            "cwd/clouds.yaml": "clouds: {mine: {cloud: acme, auth: {username: u, password: p, project_id: x}}}",
        },
    ),
    # -- auth types and option names ----------------------------------------------------
    Case(
        "token-auth",
        files={
            "cwd/clouds.yaml": f"clouds: {{t: {{auth_type: token, auth: {{auth_url: {URL}, token: tk, project_id: p}}}}}}"
        },
    ),
    Case(
        "v3password",
        files={
            "cwd/clouds.yaml": f"clouds: {{t: {{auth_type: v3password, auth: {{auth_url: {URL}, user_id: u1, password: p, domain_name: D}}}}}}"
        },
    ),
    Case(
        "application-credential",
        files={
            "cwd/clouds.yaml": f"clouds: {{t: {{auth_type: v3applicationcredential, auth: {{auth_url: {URL}, application_credential_id: ac1, application_credential_secret: s}}}}}}"
        },
    ),
    Case(
        "admin-token-via-token-endpoint",
        files={
            "cwd/clouds.yaml": "clouds: {t: {auth_type: token_endpoint, auth: {url: http://ks.test/v3, token: ADMIN}}}"
        },
    ),
    Case(
        "none-auth-endpoint-for-all",
        files={
            "cwd/clouds.yaml": "clouds: {t: {auth_type: none, auth: {endpoint: http://bare.test}}}"
        },
    ),
    Case(
        "v2password-tenant-names",
        files={
            "cwd/clouds.yaml": "clouds: {t: {auth_type: v2password, auth: {auth_url: http://ks.test/v2.0, username: u, password: p, project_name: tn}}}"
        },
    ),
    Case(
        "legacy-tenant-name",
        files={
            "cwd/clouds.yaml": f"clouds: {{t: {{auth: {{auth_url: {URL}, username: u, password: p, tenant_name: tn, tenant_id: ti}}}}}}"
        },
    ),
    Case(
        "top-level-auth-options",
        files={
            "cwd/clouds.yaml": f"clouds: {{t: {{auth_url: {URL}, username: top, password: p, project_name: pn, project_domain_name: pd, user_domain_name: ud}}}}"
        },
    ),
    Case(
        "auth-section-beats-top-level",
        files={
            "cwd/clouds.yaml": f"clouds: {{t: {{username: top, auth: {{auth_url: {URL}, username: inner, password: p}}}}}}"
        },
    ),
    Case(
        "domain-id-with-project-scope",
        files={
            "cwd/clouds.yaml": f"clouds: {{t: {{auth: {{auth_url: {URL}, username: u, password: p, project_name: pn, domain_id: d1}}}}}}"
        },
    ),
    Case(
        "domain-id-without-project",
        files={
            "cwd/clouds.yaml": f"clouds: {{t: {{domain_id: d1, auth: {{auth_url: {URL}, username: u, password: p}}}}}}"
        },
    ),
    Case(
        "dashed-keys",
        files={
            "cwd/clouds.yaml": f"clouds: {{t: {{auth: {{auth_url: {URL}, username: u, password: p, project-name: pn, user-domain-id: ud}}, compute-api-version: '2.3'}}}}"
        },
    ),
    Case(
        "auth-url-format",
        files={
            "cwd/clouds.yaml": "clouds: {t: {region_name: r7, auth: {auth_url: 'https://{region_name}.keystone.test/v3', username: u, password: p, project_id: x}}}"
        },
    ),
    # -- per-service settings and aliases ---------------------------------------------
    Case(
        "per-service-keys",
        files={
            "cwd/clouds.yaml": DEMO.rstrip()
            + """
    compute_api_version: "2.79"
    identity_interface: internal
    image_endpoint_override: http://glance.test
    network_region_name: other
    orchestration_service_name: heat-cfn
    identity_api_version: 3
"""
        },
    ),
    Case(
        "service-type-aliases",
        files={
            "cwd/clouds.yaml": DEMO.rstrip()
            + """
    volume_api_version: 3
    volumev3_interface: admin
    block_storage_endpoint_override: http://cinder.test/v3
    volume_service_type: volumev3
"""
        },
    ),
    Case(
        "legacy-endpoint-type",
        files={
            "cwd/clouds.yaml": DEMO.rstrip()
            + """
    endpoint_type: internalURL
    compute_endpoint_type: admin
"""
        },
    ),
    Case(
        "identity-endpoint-is-auth-url-when-unscoped",
        files={
            "cwd/clouds.yaml": f"clouds: {{t: {{auth: {{auth_url: {URL}, username: u, password: p}}}}}}"
        },
    ),
    Case(
        "tls-settings",
        files={
            "cwd/clouds.yaml": DEMO.rstrip()
            + """
    cacert: ~/ca.pem
    cert: /certs/client.pem
    key: /certs/client.key
"""
        },
    ),
    Case(
        "verify-false-with-cacert",
        files={
            "cwd/clouds.yaml": DEMO.rstrip()
            + """
    verify: false
    cacert: /ca.pem
"""
        },
    ),
    Case(
        "insecure-wins",
        files={
            "cwd/clouds.yaml": DEMO.rstrip()
            + """
    insecure: "true"
    cacert: /ca.pem
"""
        },
    ),
    Case(
        "service-timeout-is-api-timeout",
        files={
            "cwd/clouds.yaml": DEMO.rstrip()
            + """
    compute_timeout: 42
"""
        },
    ),
    # -- keyword arguments ------------------------------------------------------------
    Case(
        "connection-style-kwargs",
        kwargs={
            "region_name": "example-region",
            "auth": {
                "auth_url": URL,
                "username": "amazing-user",
                "password": "super-secret",
                "project_id": "33aa1afc",
                "user_domain_id": "054abd68",
            },
            "compute_api_version": "2",
            "identity_interface": "internal",
        },
    ),
    Case(
        "kwargs-override-file",
        files={"cwd/clouds.yaml": DEMO},
        kwargs={"auth": {"username": "kw"}, "interface": "admin", "os_compute_api_version": "2.1"},
    ),
    # -- argparse ----------------------------------------------------------------------
    Case("argparse-os-cloud", files={"cwd/clouds.yaml": TWO}, argv=["--os-cloud", "beta"]),
    Case(
        "argparse-defaults-from-env",
        files={"cwd/clouds.yaml": TWO},
        env={"OS_CLOUD": "alpha", "OS_PASSWORD": "from-env", "OS_REGION_NAME": "RegionA"},
        argv=[],
    ),
    Case(
        "argparse-token-auth-type",
        env={"OS_AUTH_URL": URL},
        argv=["--os-auth-type", "token", "--os-token", "tk", "--os-project-id", "p"],
    ),
    # -- deliberate fixes (docs/config.rst lists each) ------------------------------------
    # openstacksdk lets --os-project-name beat the file's auth: value but drops
    # --os-username (and --os-password, --os-auth-url) silently.
    Case(
        "fix-argparse-overrides-file-auth",
        files={"cwd/clouds.yaml": DEMO},
        argv=["--os-username", "cli-user", "--os-region-name", "R2", "--os-project-name=cli"],
        ours={"auth": {"username": "cli-user"}},
    ),
    Case(
        "fix-argparse-underscore-option",
        files={"cwd/clouds.yaml": DEMO},
        argv=["--os_username", "under"],
        ours={"auth": {"username": "under"}},
    ),
    Case(
        "fix-keyword-password-overrides-file-auth",
        files={"cwd/clouds.yaml": DEMO},
        kwargs={"password": "given"},
        ours={"auth": {"password": "given"}},
    ),
    Case(
        "fix-each-xdg-config-dir",
        files={"xdg2/openstack/clouds.yaml": DEMO},
        env={"XDG_CONFIG_DIRS": "{root}/xdg:{root}/xdg2"},
        ours={"name": "demo", "region_name": ""},
    ),
    Case(
        "fix-argparse-keeps-file-interface",
        files={
            "cwd/clouds.yaml": DEMO.rstrip()
            + """
    interface: internal
"""
        },
        argv=[],
        ours={"interface": "internal"},
    ),
    Case(
        "fix-auth-plugin-beats-default-auth-type",
        kwargs={"auth_plugin": "v3token", "auth_url": URL, "token": "t", "project_id": "p"},
        ours={"auth_type": "v3token"},
    ),
    Case(
        "fix-api-version-latest",
        files={
            "cwd/clouds.yaml": DEMO.rstrip()
            + """
    compute_api_version: latest
"""
        },
        ours={"compute": {"api_version": "latest"}},
    ),
]


def _apply(cloud_env, case: Case) -> None:
    for relative, text in case.files.items():
        cloud_env.write(relative, text)
    cloud_env.apply(case.env)


def _merged(expected: dict, changes: dict) -> dict:
    merged = dict(expected)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = dict(merged[key], **value)
        else:
            merged[key] = value
    return merged


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_same_choice_as_openstacksdk(cloud_env, case: Case) -> None:
    _apply(cloud_env, case)
    if case.error:
        with pytest.raises(Exception):  # noqa: B017 - openstacksdk raises several kinds
            sdk_region(case)
        with pytest.raises(exceptions.ConfigException):
            our_region(case)
        return
    ours = summary(our_region(case))
    if case.ours is None:
        assert ours == summary(sdk_region(case))
        return
    try:
        expected = summary(sdk_region(case))
    except Exception:  # noqa: BLE001 - the bug fixed may be that openstacksdk fails
        expected = None
    if expected is not None:
        assert _merged(expected, case.ours) != expected, "openstacksdk no longer differs here"
    changed = {key: ours[key] for key in case.ours}
    for key, value in case.ours.items():
        if isinstance(value, dict):
            changed[key] = {k: ours[key][k] for k in value}
    assert changed == case.ours


def test_enough_cases() -> None:
    assert len(CASES) >= 40
