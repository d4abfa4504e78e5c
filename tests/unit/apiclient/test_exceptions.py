"""Tests for the exception tree and from_response()."""

from __future__ import annotations

import inspect
import pickle

import requests
import testtools

from stackclient import exceptions as compat_exceptions
from stackclient.apiclient import exceptions

URL = "http://cloud.example.com:5000/v3/projects/abc"

STATUS_CLASSES = {
    300: exceptions.MultipleChoices,
    400: exceptions.BadRequest,
    401: exceptions.Unauthorized,
    402: exceptions.PaymentRequired,
    403: exceptions.Forbidden,
    404: exceptions.NotFound,
    405: exceptions.MethodNotAllowed,
    406: exceptions.NotAcceptable,
    407: exceptions.ProxyAuthenticationRequired,
    408: exceptions.RequestTimeout,
    409: exceptions.Conflict,
    410: exceptions.Gone,
    411: exceptions.LengthRequired,
    412: exceptions.PreconditionFailed,
    413: exceptions.RequestEntityTooLarge,
    414: exceptions.RequestUriTooLong,
    415: exceptions.UnsupportedMediaType,
    416: exceptions.RequestedRangeNotSatisfiable,
    417: exceptions.ExpectationFailed,
    422: exceptions.UnprocessableEntity,
    500: exceptions.InternalServerError,
    501: exceptions.HttpNotImplemented,
    502: exceptions.BadGateway,
    503: exceptions.ServiceUnavailable,
    504: exceptions.GatewayTimeout,
    505: exceptions.HttpVersionNotSupported,
}


def make_response(status, body=b"", content_type="application/json", headers=None):
    response = requests.Response()
    response.status_code = status
    response._content = body.encode() if isinstance(body, str) else body
    response.headers["Content-Type"] = content_type
    response.headers.update(headers or {})
    response.url = URL
    return response


class TestTree(testtools.TestCase):
    def test_all_matches_public_names(self):
        public = {
            name
            for name, value in vars(exceptions).items()
            if not name.startswith("_")
            and (
                (inspect.isclass(value) and issubclass(value, Exception))
                or inspect.isfunction(value)
            )
        }
        self.assertEqual(public, set(exceptions.__all__))

    def test_every_class_is_a_client_exception(self):
        for name in exceptions.__all__:
            value = getattr(exceptions, name)
            if inspect.isclass(value):
                self.assertTrue(issubclass(value, exceptions.ClientException), name)

    def test_status_classes_have_status_and_message(self):
        for status, cls in STATUS_CLASSES.items():
            self.assertEqual(status, cls.http_status)
            self.assertTrue(cls.message and cls.message != exceptions.HttpError.message)

    def test_families(self):
        self.assertTrue(issubclass(exceptions.MultipleChoices, exceptions.HTTPRedirection))
        self.assertTrue(issubclass(exceptions.NotFound, exceptions.HTTPClientError))
        self.assertTrue(issubclass(exceptions.BadGateway, exceptions.HttpServerError))
        for family in (
            exceptions.HTTPRedirection,
            exceptions.HTTPClientError,
            exceptions.HttpServerError,
        ):
            self.assertTrue(issubclass(family, exceptions.HttpError))

    def test_transport_errors_do_not_shadow_builtins(self):
        import builtins

        for name in ("ConnectionRefused", "Timeout", "SSLError", "TransportError"):
            self.assertFalse(hasattr(builtins, name), name)
            self.assertTrue(issubclass(getattr(exceptions, name), exceptions.TransportError))

    def test_compat_module_is_the_same_tree(self):
        for name in exceptions.__all__:
            self.assertIs(getattr(exceptions, name), getattr(compat_exceptions, name))

    def test_option_errors_name_what_is_missing(self):
        err = exceptions.AuthPluginOptionsMissing(["username", "auth_url"])
        self.assertEqual(["username", "auth_url"], err.opt_names)
        self.assertIn("username, auth_url", str(err))
        self.assertIn("'keystone'", str(exceptions.AuthSystemNotFound("keystone")))
        self.assertEqual(["a"], exceptions.MissingArgs(["a"]).missing)
        self.assertEqual([1], exceptions.AmbiguousEndpoints(endpoints=[1]).endpoints)

    def test_http_error_pickles_without_response(self):
        err = exceptions.NotFound("gone", url=URL, method="GET", request_id="req-1")
        err.response = make_response(404)
        again = pickle.loads(pickle.dumps(err))
        self.assertIsInstance(again, exceptions.NotFound)
        self.assertEqual(str(err), str(again))
        self.assertIsNone(again.response)


class TestFromResponse(testtools.TestCase):
    def test_every_status_picks_its_class(self):
        for status, cls in STATUS_CLASSES.items():
            err = exceptions.from_response(make_response(status), "GET", URL)
            self.assertIs(cls, type(err), status)
            self.assertEqual(status, err.http_status)
            self.assertEqual(cls.message, err.message)

    def test_unknown_statuses_fall_back_to_family(self):
        for status, cls in (
            (399, exceptions.HTTPRedirection),
            (418, exceptions.HTTPClientError),
            (429, exceptions.HTTPClientError),
            (599, exceptions.HttpServerError),
            (601, exceptions.HttpError),
        ):
            err = exceptions.from_response(make_response(status), "GET", URL)
            self.assertIs(cls, type(err))
            self.assertEqual(status, err.http_status)

    def test_webob_line_breaks_become_new_lines(self):
        # Glance (through WebOb) ends its messages with HTML line breaks, in JSON and text.
        body = (
            '{"message": "No image found with ID abc<br /><br />", '
            '"code": "404 Not Found", "title": "Not Found"}'
        )
        err = exceptions.from_response(make_response(404, body), "GET", URL)
        self.assertEqual("No image found with ID abc", err.message)
        text = "404 Not Found\n\nThe resource could not be found.<br /><br />\nfirst<BR>second\n"
        err = exceptions.from_response(make_response(404, text, "text/plain"), "GET", URL)
        self.assertEqual(
            "404 Not Found\n\nThe resource could not be found.\nfirst\nsecond", err.message
        )
        self.assertNotIn("<br", str(err).lower())

    def test_keystone_body(self):
        body = '{"error": {"message": "Could not find project: abc.", "code": 404, "title": "Not Found"}}'
        err = exceptions.from_response(make_response(404, body), "GET", URL)
        self.assertEqual("Could not find project: abc.", err.message)

    def test_nova_body(self):
        body = '{"itemNotFound": {"message": "Instance x could not be found.", "code": 404}}'
        err = exceptions.from_response(make_response(404, body), "GET", URL)
        self.assertEqual("Instance x could not be found.", err.message)

    def test_neutron_body(self):
        body = (
            '{"NeutronError": {"type": "NetworkNotFound", '
            '"message": "Network n could not be found.", "detail": ""}}'
        )
        err = exceptions.from_response(make_response(404, body), "GET", URL)
        self.assertEqual("Network n could not be found.", err.message)
        self.assertEqual("NetworkNotFound", err.details)

    def test_api_sig_body(self):
        body = (
            '{"errors": [{"request_id": "r", "code": "compute.scheduler.no-valid-host",'
            ' "status": 400, "title": "No valid host", "detail": "No host has enough RAM"},'
            ' {"title": "Second problem"}]}'
        )
        err = exceptions.from_response(make_response(400, body), "POST", URL)
        self.assertEqual("No valid host", err.message)
        self.assertIn("No host has enough RAM", err.details)
        self.assertIn("Second problem", err.details)

    def test_api_sig_body_with_a_later_error_that_is_not_an_object(self):
        body = '{"errors": [{"title": "No valid host"}, "second", 3]}'
        err = exceptions.from_response(make_response(400, body), "POST", URL)
        self.assertIsInstance(err, exceptions.BadRequest)
        self.assertEqual("No valid host", err.message)
        self.assertEqual("second; 3", err.details)

    def test_flat_message_body(self):
        err = exceptions.from_response(make_response(409, '{"message": "in use"}'), "DELETE", URL)
        self.assertEqual("in use", err.message)

    def test_plain_text_body(self):
        err = exceptions.from_response(
            make_response(503, "upstream down\n", content_type="text/plain"), "GET", URL
        )
        self.assertIsInstance(err, exceptions.ServiceUnavailable)
        self.assertEqual("upstream down", err.message)

    def test_html_from_proxy_is_cut_to_its_text(self):
        html = "<html><body>" + "x" * 5000 + "</body></html>"
        err = exceptions.from_response(
            make_response(502, html, content_type="text/html"), "GET", URL
        )
        self.assertTrue(err.message.startswith("xxx"))
        self.assertLessEqual(len(err.message), exceptions.MAX_TEXT_MESSAGE + 3)

    def test_html_page_gives_its_title_and_headings(self):
        # Keystone's (Flask's) 404 page for a URL it does not serve.
        html = (
            "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n"
            "<h1>Not Found</h1>\n<p>The requested URL was not found on the server.</p>\n"
        )
        for content_type in ("text/html; charset=utf-8", "text/plain", ""):
            err = exceptions.from_response(make_response(404, html, content_type), "POST", URL)
            self.assertEqual("404 Not Found", err.message)
        proxy = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>nginx</h1>"
        err = exceptions.from_response(make_response(502, proxy, "text/html"), "GET", URL)
        self.assertEqual("502 Bad Gateway: nginx", err.message)

    def test_html_full_of_unclosed_tags(self):
        html = "<html>" + "<h1 x" * 100000
        err = exceptions.from_response(make_response(500, html, "text/html"), "GET", URL)
        self.assertIsInstance(err, exceptions.InternalServerError)

    def test_a_huge_error_body_gives_a_cut_message(self):
        message = "m" * (8 << 20)
        for body in ('{"error": {"message": "%s"}}' % message, message):
            err = exceptions.from_response(make_response(400, body), "POST", URL)
            self.assertLess(len(err.message), 2100)
            self.assertIn("mmmm", err.message)

    def test_deeply_nested_error_bodies(self):
        for body in (
            '{"errors": [{"title": "t"}, ' + "[" * 5000 + "]" * 5000 + "]}",
            '{"a":' * 2000 + "1" + "}" * 2000,
        ):
            err = exceptions.from_response(make_response(400, body), "POST", URL)
            self.assertIsInstance(err, exceptions.BadRequest)

    def test_empty_body_uses_class_message(self):
        err = exceptions.from_response(make_response(404, b""), "GET", URL)
        self.assertEqual("Not Found", err.message)

    def test_json_content_type_with_garbage_body(self):
        err = exceptions.from_response(make_response(500, "{not json"), "GET", URL)
        self.assertEqual("{not json", err.message)

    def test_json_body_of_unknown_shape(self):
        for body in ("[]", "[1, 2]", '{"a": 1}', "{}", '"text"', "null"):
            err = exceptions.from_response(make_response(400, body), "GET", URL)
            self.assertIsInstance(err, exceptions.BadRequest)
            self.assertTrue(err.message)

    def test_request_id_headers(self):
        for header in ("x-openstack-request-id", "x-compute-request-id"):
            response = make_response(404, headers={header: "req-123"})
            self.assertEqual("req-123", exceptions.from_response(response, "GET", URL).request_id)

    def test_str_names_status_message_method_url_and_request_id(self):
        body = '{"error": {"message": "Could not find project: abc.", "code": 404}}'
        response = make_response(404, body, headers={"x-openstack-request-id": "req-9"})
        text = str(exceptions.from_response(response, "GET", URL))
        for part in ("Could not find project: abc.", "HTTP 404", "GET", URL, "req-9"):
            self.assertIn(part, text)

    def test_retry_after(self):
        response = make_response(413, headers={"Retry-After": "30"})
        err = exceptions.from_response(response, "PUT", URL)
        self.assertIsInstance(err, exceptions.RequestEntityTooLarge)
        self.assertIsInstance(err, exceptions.OverLimit)  # the name Cinder's and Nova's users know
        self.assertEqual(30, err.retry_after)
        date = make_response(503, headers={"Retry-After": "Wed, 21 Oct 2026 07:28:00 GMT"})
        self.assertIsNone(exceptions.from_response(date, "GET", URL).retry_after)
        for odd in ("inf", "-inf", "1e400", "nan"):
            response = make_response(503, headers={"Retry-After": odd})
            err = exceptions.from_response(response, "GET", URL)
            self.assertIsInstance(err, exceptions.ServiceUnavailable)
            self.assertIsNone(err.retry_after)

    def test_keeps_response_method_and_url(self):
        response = make_response(400)
        err = exceptions.from_response(response, "PATCH", URL)
        self.assertIs(response, err.response)
        self.assertEqual(("PATCH", URL), (err.method, err.url))

    def test_secrets_echoed_by_the_server_are_masked(self):
        body = (
            '{"error": {"message": "Invalid input for field \'password\': '
            '\'hunter2-very-secret\' is too long", "code": 400}}'
        )
        err = exceptions.from_response(make_response(400, body), "POST", URL)
        self.assertNotIn("hunter2-very-secret", str(err))
        self.assertIn("Invalid input for field 'password'", str(err))


class TestMarkupKeepsItsSecrets(testtools.TestCase):
    """A secret in markup is masked before the tags are taken away."""

    def test_html_and_xml_error_bodies(self):
        for content_type in ("text/html", "text/xml", ""):
            body = "<html><password>hunter2</password></html>"
            err = exceptions.from_response(make_response(400, body, content_type), "POST", URL)
            self.assertNotIn("hunter2", str(err), content_type)

    def test_a_200_that_is_not_json(self):
        from stackclient import _jsonutils

        response = make_response(200, "<password>hunter2</password>", "application/json")
        err = self.assertRaises(exceptions.InvalidResponse, _jsonutils.response_json, response)
        self.assertNotIn("hunter2", str(err))
