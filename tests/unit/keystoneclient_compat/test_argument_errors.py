"""Items 1 and 2: the builtins keystoneclient raised, and OS_EP_FILTER_EXT."""

from __future__ import annotations

from stackclient import exceptions

from .base import PUBLIC_V2, PUBLIC_V3, CompatCase, KeystoneauthSessions, StackclientSessions


class _ArgumentErrors:
    def test_list_by_id_is_a_type_error(self) -> None:
        keystone = self.v3_client()
        for manager in (keystone.projects, keystone.domains, keystone.users, keystone.groups):
            try:
                manager.list(id="p1")
            except TypeError as error:  # what keystoneclient users catch
                self.assertIsInstance(error, exceptions.ClientException)
                self.assertIn("get(", str(error))
            else:
                self.fail("%s.list(id=...) did not raise" % type(manager).__name__)
        self.assertEqual([], self.requests_mock.request_history)  # refused before sending

    def test_endpoint_filter_missing_arguments_are_value_errors(self) -> None:
        keystone = self.v3_client()
        ef = keystone.endpoint_filter
        calls = (
            lambda: ef.add_endpoint_to_project(project=None, endpoint="e1"),
            lambda: ef.check_endpoint_in_project(project="p1", endpoint=None),
            lambda: ef.list_endpoint_groups_for_project(project=None),
            lambda: ef.list_projects_for_endpoint_group(endpoint_group=None),
        )
        for call in calls:
            error = self.assertRaises(ValueError, call)
            self.assertIsInstance(error, exceptions.ValidationError)
            self.assertIn("required", str(error))
        self.assertEqual([], [r for r in self.requests_mock.request_history if "OS-EP" in r.url])

    def test_v2_authenticate_without_credentials_is_a_value_error(self) -> None:
        keystone = self.v2_client()
        self.assertRaises(ValueError, keystone.tokens.authenticate)
        self.assertRaises(exceptions.ClientException, keystone.tokens.authenticate)
        self.assertNotIn(PUBLIC_V2, [r.url for r in self.requests_mock.request_history])

    def test_os_ep_filter_ext_builds_the_url_that_is_sent(self) -> None:
        keystone = self.v3_client()
        prefix = keystone.endpoint_filter.OS_EP_FILTER_EXT
        self.assertEqual("/OS-EP-FILTER", prefix)
        url = PUBLIC_V3 + prefix + "/projects/p1/endpoints/e1"
        self.requests_mock.put(url, status_code=204)
        keystone.endpoint_filter.add_endpoint_to_project(project="p1", endpoint="e1")
        self.assertSent("PUT", url)


class ArgumentErrorsOverStackclient(StackclientSessions, _ArgumentErrors, CompatCase):
    pass


class ArgumentErrorsOverKeystoneauth(KeystoneauthSessions, _ArgumentErrors, CompatCase):
    pass
