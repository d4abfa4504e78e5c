"""Finding 9: a mistyped auth URL, or a refused scoped login, says what to check.

Keystone answers a URL it does not serve with its HTML 404 page; the user
must instead learn that the auth URL does not look like an Identity
endpoint, see it, and get the versioned form to try.
"""

from __future__ import annotations

from stackclient.apiclient import exceptions
from stackclient.auth import generic, v2, v3
from stackclient.v3 import client as v3_client
from tests.unit.auth import utils
from tests.unit.auth.utils import ROOT_URL

PASSWORD = "url-test-pa55"

#: Keystone 30's answer to a URL it does not serve (Flask's page).
HTML_404 = (
    "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n"
    "<p>The requested URL was not found on the server. If you entered the URL manually "
    "please check your spelling and try again.</p>\n"
)


class MistypedUrlTest(utils.TestCase):
    def not_found(self, url):
        self.requests_mock.post(
            url, status_code=404, text=HTML_404, headers={"Content-Type": "text/html"}
        )
        self.requests_mock.get(
            url.rsplit("/", 1)[0] if url.endswith("/tokens") else url,
            status_code=404,
            text=HTML_404,
            headers={"Content-Type": "text/html"},
        )

    def refused(self, plugin, auth_url):
        error = self.assertRaises(exceptions.NotFound, plugin.get_access, self.session)
        text = str(error)
        self.assertIn("does not look like an Identity", text)
        self.assertIn(auth_url, text)
        self.assertIn("404 Not Found", text)
        self.assertNotIn("<", text)
        self.assertNotIn(PASSWORD, text)
        return text

    def test_v3_urls(self):
        cases = {
            ROOT_URL + "/v3x": ROOT_URL + "/v3",
            ROOT_URL + "/identity/v3": ROOT_URL + "/identity/v3 or %s/v3" % ROOT_URL,
            ROOT_URL: ROOT_URL + "/v3",
            ROOT_URL + "/v2.0": ROOT_URL + "/v3",
        }
        for auth_url, suggestion in cases.items():
            self.not_found(auth_url + "/auth/tokens")
            plugin = v3.Password(auth_url, user_id="u", password=PASSWORD, project_id="p")
            self.assertIn("e.g. " + suggestion, self.refused(plugin, auth_url))

    def test_v2_url_on_a_v3_only_keystone(self):
        self.not_found(ROOT_URL + "/v2.0/tokens")
        plugin = v2.Password(ROOT_URL + "/v2.0", username="u", password=PASSWORD)
        text = self.refused(plugin, ROOT_URL + "/v2.0")
        self.assertIn("use a v3 plugin with %s/v3" % ROOT_URL, text)

    def test_discovery_of_a_mistyped_url(self):
        self.not_found(ROOT_URL + "/v3x")
        plugin = generic.Password(ROOT_URL + "/v3x", user_id="u", password=PASSWORD)
        text = self.refused(plugin, ROOT_URL + "/v3x")
        self.assertIn("e.g. %s/v3" % ROOT_URL, text)


class NoSchemeTest(utils.TestCase):
    def test_refused_before_anything_is_sent(self):
        for url in ("keystone.test:5000/v3", "/v3", "ftp://keystone.test/v3", "http://:5000/v3"):
            for plugin in (
                v3.Password(url, user_id="u", password=PASSWORD),
                v2.Password(url, username="u", password=PASSWORD),
                generic.Password(url, user_id="u", password=PASSWORD),
            ):
                error = self.assertRaises(
                    exceptions.ValidationError, plugin.get_access, self.session
                )
                self.assertIn(repr(url), str(error))
                self.assertIn("http://keystone.example.com:5000/v3", str(error))
        self.assertEqual([], self.requests_mock.request_history)

    def test_through_a_client(self):
        keystone = v3_client.Client(
            auth_url="keystone.test:5000/v3", user_id="u", password=PASSWORD
        )
        self.assertRaises(exceptions.ValidationError, keystone.projects.list)
        self.assertEqual([], self.requests_mock.request_history)


class RefusedScopeTest(utils.TestCase):
    def refused(self, plugin):
        self.requests_mock.post(
            plugin.auth_url + "/" + ("tokens" if isinstance(plugin, v2.Auth) else "auth/tokens"),
            status_code=401,
            json={"error": {"message": "The request you have made requires authentication."}},
        )
        error = self.assertRaises(exceptions.Unauthorized, plugin.get_access, self.session)
        self.assertNotIn(PASSWORD, str(error))
        return str(error)

    def test_a_scoped_password_login_says_to_check_the_scope(self):
        text = self.refused(
            v3.Password(
                utils.V3_URL,
                username="ann",
                user_domain_id="default",
                password=PASSWORD,
                project_name="admin",
                project_domain_id="default",
            )
        )
        self.assertIn("check the user, its domain and the password", text)
        self.assertIn("a role on project 'admin' in domain 'default'", text)
        for scope, words in (
            ({"project_id": "p1"}, "project 'p1'"),
            ({"domain_name": "Default"}, "domain 'Default'"),
            ({"system_scope": "all"}, "the system"),
            ({"trust_id": "t1"}, "trust 't1'"),
        ):
            plugin = v3.Password(utils.V3_URL, user_id="u", password=PASSWORD, **scope)
            self.assertIn(words, self.refused(plugin))
        plugin = v2.Password(utils.V2_URL, username="u", password=PASSWORD, tenant_name="t")
        self.assertIn("a role on tenant 't'", self.refused(plugin))

    def test_an_unscoped_login_names_only_the_credentials(self):
        text = self.refused(v3.Password(utils.V3_URL, user_id="u", password=PASSWORD))
        self.assertIn("check the user, its domain and the password)", text)
        self.assertNotIn("role", text)
