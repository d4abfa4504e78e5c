"""Walking server pagination: next links of every shape, and loops that must stop."""

from __future__ import annotations

import gc
import itertools
import logging
import weakref

import fixtures

from tests.unit.apiclient import _standin
from tests.unit.apiclient._standin import ENDPOINT


def _ids(walk, most=20):
    """The ids of the walk, capped so that a walk that never stops fails instead of hanging."""
    return [p.id for p in itertools.islice(walk, most)]


def _page(ids, next_url=None, **extra):
    body = {"projects": [{"id": i, "name": "n-" + i} for i in ids], "links": {"next": next_url}}
    body.update(extra)
    return body


class PaginationTest(_standin.WireTestCase):
    def stub_pages(self, *pages):
        """Stub ``(path_with_query, body)`` pairs, matching the query exactly."""
        for path, body in pages:
            self.stub("GET", path, json=body, complete_qs=True)

    def sent_urls(self):
        return [r.url for r in self.requests_mock.request_history]

    def test_follows_keystone_next_links_to_the_end(self):
        self.stub_pages(
            ("/projects?limit=2", _page(["a", "b"], ENDPOINT + "/projects?limit=2&marker=b")),
            (
                "/projects?limit=2&marker=b",
                _page(["c", "d"], ENDPOINT + "/projects?limit=2&marker=d"),
            ),
            ("/projects?limit=2&marker=d", _page(["e"], None)),
        )
        got = list(self.manager.iterate(limit=2))
        self.assertEqual(["a", "b", "c", "d", "e"], [p.id for p in got])
        self.assertEqual("n-e", got[-1].name)
        self.assertEqual(
            [
                ENDPOINT + "/projects?limit=2",
                ENDPOINT + "/projects?limit=2&marker=b",
                ENDPOINT + "/projects?limit=2&marker=d",
            ],
            self.sent_urls(),
        )

    def test_filters_and_resources_reach_the_first_request(self):
        self.stub_pages(("/projects?domain_id=d1&limit=1", _page(["a"])))
        domain = _standin.base.Resource(None, {"id": "d1"})
        self.assertEqual(["a"], _ids(self.manager.iterate(domain=domain, limit=1)))

    def test_relative_links(self):
        self.stub_pages(
            ("/projects", _page(["a"], "?marker=a")),
            ("/projects?marker=a", _page(["b"], "/v3/projects?marker=b")),
            ("/projects?marker=b", _page(["c"])),
        )
        self.assertEqual(["a", "b", "c"], _ids(self.manager.iterate()))

    def test_nova_neutron_and_glance_link_shapes(self):
        self.stub_pages(
            ("/projects", {"projects": [{"id": "a"}], "projects_links": [
                {"rel": "previous", "href": ENDPOINT + "/projects?marker=z"},
                {"rel": "next", "href": ENDPOINT + "/projects?marker=a"},
            ]}),
            ("/projects?marker=a", {"projects": [{"id": "b"}], "next": "/v3/projects?marker=b"}),
            ("/projects?marker=b", {"projects": [{"id": "c"}], "links": [
                {"rel": "next", "href": "?marker=c"},
            ]}),
            ("/projects?marker=c", {"projects": []}),
        )  # fmt: skip
        self.assertEqual(["a", "b", "c"], _ids(self.manager.iterate()))
        self.assertEqual(4, self.requests_mock.call_count)  # the empty page ends it

    def test_stops_when_a_page_url_comes_back(self):
        self.stub_pages(
            ("/projects?limit=1", _page(["a"], ENDPOINT + "/projects?limit=1&marker=a")),
            ("/projects?limit=1&marker=a", _page(["b"], ENDPOINT + "/projects?limit=1")),
        )
        self.assertEqual(["a", "b"], _ids(self.manager.iterate(limit=1)))
        self.assertEqual(2, self.requests_mock.call_count)

    def test_stops_when_a_marker_comes_back_in_another_url(self):
        self.stub_pages(
            ("/projects", _page(["a"], ENDPOINT + "/projects?marker=a")),
            ("/projects?marker=a", _page(["b"], ENDPOINT + "/projects?limit=5&marker=a")),
        )
        self.assertEqual(["a", "b"], _ids(self.manager.iterate()))
        self.assertEqual(2, self.requests_mock.call_count)

    def test_a_repeated_page_is_not_yielded_twice(self):
        # Keystone answers an unsupported marker with the first page again.
        first = _page(["a", "b"], ENDPOINT + "/projects?limit=2&marker=b")
        self.stub_pages(("/projects?limit=2", first), ("/projects?limit=2&marker=b", first))
        self.assertEqual(["a", "b"], _ids(self.manager.iterate(limit=2)))
        self.assertEqual(2, self.requests_mock.call_count)

    def test_a_repeat_is_logged_as_a_warning(self):
        first = _page(["a", "b"], ENDPOINT + "/projects?limit=2&marker=b")
        self.stub_pages(("/projects?limit=2", first), ("/projects?limit=2&marker=b", first))
        log = self.useFixture(fixtures.FakeLogger("stackclient.pagination", level=logging.WARNING))
        list(self.manager.iterate(limit=2))
        self.assertIn("Stopped following the pages of " + ENDPOINT + "/projects", log.output)
        self.assertIn("may be incomplete", log.output)

    def test_a_walk_that_ends_normally_logs_nothing(self):
        self.stub_pages(("/projects", _page(["a"])))
        log = self.useFixture(fixtures.FakeLogger("stackclient.pagination", level=logging.WARNING))
        list(self.manager.iterate())
        self.assertEqual("", log.output)

    def test_pages_without_ids_are_never_taken_for_repeats(self):
        same = [{"name": "x"}]
        self.stub_pages(
            ("/projects", {"projects": same, "links": {"next": "?marker=1"}}),
            ("/projects?marker=1", {"projects": same, "links": {"next": None}}),
        )
        self.assertEqual(2, len(list(self.manager.iterate())))

    def test_stops_on_an_empty_page_even_with_a_next_link(self):
        self.stub_pages(
            ("/projects", _page(["a"], ENDPOINT + "/projects?marker=a")),
            ("/projects?marker=a", _page([], ENDPOINT + "/projects?marker=zz")),
        )
        self.assertEqual(["a"], _ids(self.manager.iterate()))
        self.assertEqual(2, self.requests_mock.call_count)

    def test_pages_are_fetched_as_they_are_consumed(self):
        self.stub_pages(
            ("/projects", _page(["a"], ENDPOINT + "/projects?marker=a")),
            ("/projects?marker=a", _page(["b"])),
        )
        walk = self.manager.iterate()
        self.assertEqual(0, self.requests_mock.call_count)
        self.assertEqual("a", next(walk).id)
        self.assertEqual(1, self.requests_mock.call_count)

    def test_earlier_pages_are_not_kept(self):
        self.stub_pages(
            ("/projects", _page(["a"], ENDPOINT + "/projects?marker=a")),
            ("/projects?marker=a", _page(["b"], ENDPOINT + "/projects?marker=b")),
            ("/projects?marker=b", _page(["c"])),
        )
        walk = self.manager.iterate()
        first = weakref.ref(next(walk))
        next(walk)
        next(walk)
        gc.collect()
        self.assertIsNone(first())

    def test_no_object_of_a_page_is_alive_while_the_next_one_is_fetched(self):
        alive = []

        def second_page(request, context):
            alive.extend(ref() for ref in refs)  # no gc.collect(): freed at once
            return _page(["c"])

        self.stub_pages(("/projects", _page(["a", "b"], ENDPOINT + "/projects?marker=b")))
        self.stub("GET", "/projects?marker=b", json=second_page, complete_qs=True)
        walk = self.manager.iterate()
        refs = [weakref.ref(next(walk)), weakref.ref(next(walk))]
        self.assertEqual("c", next(walk).id)
        self.assertEqual([None, None], alive)

    def test_a_link_to_another_host_keeps_the_token_here(self):
        self.stub_pages(
            ("/projects", _page(["a"], "https://elsewhere.test/v3/projects?marker=a")),
            ("/projects?marker=a", _page(["b"])),
        )
        self.assertEqual(["a", "b"], _ids(self.manager.iterate()))
        self.assertEqual(ENDPOINT + "/projects?marker=a", self.sent_urls()[-1])

    def test_list_pages_yields_pages_and_passes_request_options(self):
        self.stub_pages(
            ("/projects", _page(["a", "b"], ENDPOINT + "/projects?marker=b")),
            ("/projects?marker=b", _page(["c"])),
        )
        pages = list(self.manager._list_pages("/projects", "projects", headers={"X-T": "1"}))
        self.assertEqual([["a", "b"], ["c"]], [[p.id for p in page] for page in pages])
        self.assertEqual(
            ["1", "1"], [r.headers["X-T"] for r in self.requests_mock.request_history]
        )
        self.assertTrue(all(type(p) is _standin.Project for p in pages[0]))

    def test_list_stays_one_request(self):
        self.stub_pages(("/projects", _page(["a"], ENDPOINT + "/projects?marker=a")))
        self.assertEqual(["a"], [p.id for p in self.manager.list()])
        self.assertEqual(1, self.requests_mock.call_count)


class AdvanceTest(fixtures.TestWithFixtures):
    """PageWalk.advance: links on the page's own origin are taken as they are, others checked."""

    CURRENT = "http://keystone.test:5000/v3/projects?limit=2"

    def test_plain_links_on_the_origin_are_what_resolving_them_gives(self):
        from stackclient.apiclient import _responses

        for link in (
            "http://keystone.test:5000/v3/projects?limit=2&marker=b",
            "http://keystone.test:5000?marker=b",
            "http://keystone.test:5000/@elsewhere.test/x?marker=b",
        ):
            self.assertTrue(_responses._plain_on_origin(link, self.CURRENT), link)
            self.assertEqual(link, _responses._resolve_checked(link, self.CURRENT, None))
            self.assertEqual(link, _responses.PageWalk(self.CURRENT).advance(link, self.CURRENT))

    def test_look_alike_and_unusual_links_are_resolved_and_checked(self):
        from stackclient.apiclient import _responses

        here = "http://keystone.test:5000/v3/projects?marker=b"
        cases = {
            "http://keystone.test:50001/v3/projects?marker=b": here,
            "http://keystone.test:5000@elsewhere.test/v3/projects?marker=b": here,
            "http://keystone.test:5000\\@elsewhere.test/?marker=b": None,
            "HTTP://keystone.test:5000/v3/projects?marker=b": None,
            "/v3/projects?marker=b": here,
            "http://keystone.test:5000/v3/projects?marker=a b": None,
            "http://keystone.test:5000/v3/projects?marker=\u00e9": None,
            "http://keystone.test:5000/v3/projects\r\n?marker=b": None,
        }
        for link, expected in cases.items():
            self.assertFalse(_responses._plain_on_origin(link, self.CURRENT), link)
            try:
                resolved = _responses._resolve_checked(link, self.CURRENT, None)
            except Exception as exc:  # noqa: BLE001 - the walk says the link is not usable
                resolved = exc
            walked = _responses.PageWalk(self.CURRENT)
            try:
                advanced = walked.advance(link, self.CURRENT)
            except Exception as exc:  # noqa: BLE001
                advanced = exc
            if isinstance(resolved, Exception):
                self.assertEqual(type(resolved), type(advanced), link)
            else:
                self.assertEqual(resolved, advanced, link)
                if expected is not None:
                    self.assertEqual(expected, advanced, link)
