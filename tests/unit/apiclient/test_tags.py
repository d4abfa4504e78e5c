"""Tags on members of a collection, as Neutron and Nova serve them."""

from __future__ import annotations

from stackclient import service_client
from stackclient.apiclient import exceptions, service, tags
from tests.unit import service_utils

WID = "8d4d3ee0-6a46-4a6b-9e6f-1b2a3c4d5e6f"
W1 = {"id": WID, "name": "w", "tags": ["a"]}


class Gadget(tags.TaggableResource):
    pass


class GadgetManager(tags.TagsMixin, service.ServiceManager):
    resource_class = Gadget
    collection_key = "gadgets"
    key = "gadget"


class Client(service_client.ServiceClient):
    service_type = "network"
    api_major = (2, 0)
    gadgets = service_client.LazyManager(__name__, "GadgetManager")


class TestTags(service_utils.ServiceTestCase):
    client_class = Client

    def test_get_tags_reads_the_list(self):
        self.stub("GET", "/gadgets/%s/tags" % WID, json={"tags": ["a", "b"]})
        self.assertEqual(["a", "b"], self.client.gadgets.get_tags(WID))
        self.assertRequest("GET", "/gadgets/%s/tags" % WID, json=None)

    def test_set_tags_replaces_all_in_one_put(self):
        self.stub("PUT", "/gadgets/%s/tags" % WID, json={"tags": ["x", "y"]})
        self.assertEqual(["x", "y"], self.client.gadgets.replace_tags(WID, ["x", "y"]))
        self.assertRequest("PUT", "/gadgets/%s/tags" % WID, json={"tags": ["x", "y"]})

    def test_add_tag_puts_the_tag_escaped(self):
        self.stub("PUT", "/gadgets/%s/tags/a%%20b" % WID, status=201)
        self.client.gadgets.add_tag(WID, "a b")
        self.assertRequest("PUT", "/gadgets/%s/tags/a%%20b" % WID, json=None)

    def test_add_tags_adds_each_one(self):
        for tag in ("x", "y"):
            self.stub("PUT", "/gadgets/%s/tags/%s" % (WID, tag), status=201)
        self.client.gadgets.add_tags(WID, ["x", "y"])
        self.assertEqual(2, len(self.requests_to("PUT", "/gadgets/%s/tags/" % WID)))

    def test_check_tag_is_true_for_204_and_false_for_404(self):
        self.stub("GET", "/gadgets/%s/tags/a" % WID, status=204)
        self.stub("GET", "/gadgets/%s/tags/z" % WID, status=404,
                  json={"NeutronError": {"message": "Tag z could not be found."}})  # fmt: skip
        self.assertTrue(self.client.gadgets.check_tag(WID, "a"))
        self.assertFalse(self.client.gadgets.check_tag(WID, "z"))

    def test_remove_tag_and_remove_all_tags_delete(self):
        self.stub("DELETE", "/gadgets/%s/tags/a" % WID, status=204)
        self.stub("DELETE", "/gadgets/%s/tags" % WID, status=204)
        self.client.gadgets.remove_tag(WID, "a")
        self.assertRequest("DELETE", "/gadgets/%s/tags/a" % WID)
        self.client.gadgets.remove_all_tags(WID)
        self.assertRequest("DELETE", "/gadgets/%s/tags" % WID)

    def test_removing_a_missing_tag_raises_unless_ignored(self):
        self.stub("DELETE", "/gadgets/%s/tags/z" % WID, status=404,
                  json={"NeutronError": {"message": "Tag z could not be found."}})  # fmt: skip
        self.assertRaises(exceptions.NotFound, self.client.gadgets.remove_tag, WID, "z")
        self.client.gadgets.remove_tag(WID, "z", ignore_missing=True)

    def test_bad_tags_are_refused_before_sending(self):
        for call, arg in ((self.client.gadgets.set_tags, "abc"),
                          (self.client.gadgets.set_tags, ["ok", ""]),
                          (self.client.gadgets.add_tag, None),
                          (self.client.gadgets.remove_tag, "")):  # fmt: skip
            self.assertRaises(exceptions.ValidationError, call, WID, arg)
        self.assertEqual([], self.requests_to("PUT") + self.requests_to("DELETE"))

    def test_tag_filters_are_spelled_for_the_wire_and_joined(self):
        self.stub("GET", "/gadgets", json={"gadgets": [W1]})
        self.client.gadgets.list(tags=["a", "b"], tags_any="c", not_tags_any=["d", "e"],
                                 not_tags=None, name="w")  # fmt: skip
        self.assertRequest("GET", "/gadgets", query={
            "tags": ["a,b"], "tags-any": ["c"], "not-tags-any": ["d,e"], "name": ["w"]})  # fmt: skip

    def test_the_resource_keeps_its_tags_field_current(self):
        self.stub("GET", "/gadgets/" + WID, json={"gadget": W1})
        self.stub("PUT", "/gadgets/%s/tags/b" % WID, status=201)
        self.stub("DELETE", "/gadgets/%s/tags/a" % WID, status=204)
        self.stub("PUT", "/gadgets/%s/tags" % WID, json={"tags": ["q"]})
        self.stub("DELETE", "/gadgets/%s/tags" % WID, status=204)
        gadget = self.client.gadgets.get(WID)
        gadget.add_tag("b")
        self.assertEqual(["a", "b"], gadget.tags)
        gadget.remove_tag("a")
        self.assertEqual(["b"], gadget.tags)
        self.assertEqual(["q"], gadget.set_tags(["q"]))
        gadget.remove_all_tags()
        self.assertEqual([], gadget.tags)
        self.assertEqual(["a"], W1["tags"])  # the server's dict is never changed
