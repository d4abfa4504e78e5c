"""Image metadata calls on the wire: create, get, list filters and pages, JSON patch, actions."""

from __future__ import annotations

import datetime

from stackclient.apiclient import exceptions
from stackclient.image.v2 import client, images
from tests.unit import service_utils

IMG = {
    "id": "0b3e8b7e-3c9f-4a53-8a5e-2f1e7c1d9a01",
    "name": "cirros",
    "status": "active",
    "owner": "p1",
    "visibility": "private",
    "created_at": "2026-01-02T03:04:05Z",
    "updated_at": "2026-01-02T03:04:06Z",
}
IMG2 = dict(IMG, id="7c1d9a01-3c9f-4a53-8a5e-2f1e0b3e8b7e", owner="p2",
            created_at="2026-03-01T00:00:00Z")  # fmt: skip
PATCH_TYPE = "application/openstack-images-v2.1-json-patch"


class ImageTestCase(service_utils.ServiceTestCase):
    client_class = client.Client


class TestEndpoint(ImageTestCase):
    def test_the_catalog_root_is_discovered_as_v2(self):
        self.assertEqual("http://glance.test:9292/v2", self.client.endpoint)


class TestCreateGet(ImageTestCase):
    def test_create_sends_a_flat_body_with_core_fields_and_properties(self):
        self.stub("POST", "/images", json=dict(IMG, status="queued"), status=201)
        image = self.client.images.create(
            name="cirros",
            disk_format="qcow2",
            container_format="bare",
            visibility="shared",
            min_disk=1,
            min_ram=64,
            protected=False,
            os_hidden=True,
            hw_disk_bus="scsi",
        )
        self.assertRequest(
            "POST",
            "/images",
            json={
                "name": "cirros",
                "disk_format": "qcow2",
                "container_format": "bare",
                "visibility": "shared",
                "min_disk": 1,
                "min_ram": 64,
                "protected": False,
                "os_hidden": True,
                "hw_disk_bus": "scsi",
            },
            headers={"Content-Type": "application/json"},
        )
        self.assertIsInstance(image, images.Image)
        self.assertEqual("queued", image.status)

    def test_an_unknown_disk_format_is_glances_bad_request(self):
        message = "400 Bad Request\n\nProvided object does not match schema 'image': 'vhdz' is not one of ['ami', 'qcow2']"
        self.stub("POST", "/images", text=message, status=400,
                  headers={"Content-Type": "text/plain"})  # fmt: skip
        error = self.assertRaises(
            exceptions.BadRequest, self.client.images.create, name="x", disk_format="vhdz"
        )
        self.assertIn("'vhdz' is not one of", str(error))

    def test_get_and_the_sdk_get(self):
        self.stub("GET", "/images/" + IMG["id"], json=IMG)
        self.assertEqual("cirros", self.client.get_image(IMG["id"]).name)
        self.assertRequest("GET", "/images/" + IMG["id"], query={})

    def test_delete(self):
        self.stub("DELETE", "/images/" + IMG["id"], status=204)
        self.client.delete_image(IMG["id"])
        self.assertRequest("DELETE", "/images/" + IMG["id"], json=None)

    def test_store_ids_split_glances_comma_list(self):
        image = images.Image(None, dict(IMG, stores="fs1,fs2"))
        self.assertEqual(["fs1", "fs2"], image.store_ids)


class TestList(ImageTestCase):
    def test_every_filter_goes_into_the_query(self):
        self.stub("GET", "/images", json={"images": [IMG]})
        self.client.images.list(
            name="cirros",
            visibility="shared",
            status="active",
            owner="p1",
            member_status="accepted",
            tags=["a", "b"],
            size_min=1,
            size_max=1024,
            os_hidden=True,
            protected=False,
            disk_format="qcow2",
            container_format="bare",
            sort_key=["name", "size"],
            sort_dir=["asc", "desc"],
            limit=10,
        )
        self.assertRequest(
            "GET",
            "/images",
            query={
                "name": ["cirros"],
                "visibility": ["shared"],
                "status": ["active"],
                "owner": ["p1"],
                "member_status": ["accepted"],
                "tag": ["a", "b"],
                "size_min": ["1"],
                "size_max": ["1024"],
                "os_hidden": ["true"],
                "protected": ["false"],
                "disk_format": ["qcow2"],
                "container_format": ["bare"],
                "sort_key": ["name", "size"],
                "sort_dir": ["asc", "desc"],
                "limit": ["10"],
            },
        )

    def test_sort_string_and_time_operators_pass_through(self):
        self.stub("GET", "/images", json={"images": []})
        self.client.images.list(sort="name:asc,size:desc", created_at="gte:2026-01-01T00:00:00Z",
                                updated_at="lt:2026-02-01T00:00:00Z")  # fmt: skip
        self.assertRequest(
            "GET",
            "/images",
            query={
                "sort": ["name:asc,size:desc"],
                "created_at": ["gte:2026-01-01T00:00:00Z"],
                "updated_at": ["lt:2026-02-01T00:00:00Z"],
            },
        )

    def test_a_created_range_sends_the_start_and_checks_the_end(self):
        self.stub("GET", "/images", json={"images": [IMG, IMG2]})
        start = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)
        found = self.client.images.list(created_at=(start, "2026-02-01T00:00:00Z"))
        self.assertEqual([IMG["id"]], [i.id for i in found])
        self.assertRequest("GET", "/images", query={"created_at": ["gte:2026-01-01T00:00:00Z"]})

    def test_a_range_with_only_an_end_is_sent_as_lte(self):
        self.stub("GET", "/images", json={"images": []})
        self.client.images.list(updated_at=(None, datetime.datetime(2026, 2, 1)))
        self.assertRequest("GET", "/images", query={"updated_at": ["lte:2026-02-01T00:00:00Z"]})

    def test_a_reversed_range_is_refused(self):
        self.assertRaises(
            exceptions.ValidationError,
            self.client.images.list,
            created_at=("2026-02-01T00:00:00Z", "2026-01-01T00:00:00Z"),
        )

    def test_pages_follow_glances_next_field(self):
        first = {"images": [IMG], "first": "/v2/images?limit=1",
                 "next": "/v2/images?limit=1&marker=%s" % IMG["id"], "schema": "/v2/schemas/images"}  # fmt: skip
        last = {"images": [IMG2], "first": "/v2/images?limit=1", "schema": "/v2/schemas/images"}
        self.requests_mock.get(self.endpoint + "/images?limit=1", json=first, complete_qs=True)
        self.requests_mock.get(
            self.endpoint + "/images?limit=1&marker=" + IMG["id"], json=last, complete_qs=True
        )
        ids = [image.id for image in self.client.images(limit=1)]
        self.assertEqual([IMG["id"], IMG2["id"]], ids)
        self.assertRequest("GET", "/images", query={"limit": ["1"], "marker": [IMG["id"]]})

    def test_next_links_keep_the_path_prefix_of_a_proxied_endpoint(self):
        glance = client.Client(
            session=self.session, endpoint_override="http://proxy.test/image/v2"
        )
        first = {"images": [IMG], "next": "/v2/images?marker=%s" % IMG["id"]}
        self.requests_mock.get("http://proxy.test/image/v2/images", json=first, complete_qs=True)
        self.requests_mock.get(
            "http://proxy.test/image/v2/images?marker=" + IMG["id"],
            json={"images": [IMG2]},
            complete_qs=True,
        )
        self.assertEqual([IMG["id"], IMG2["id"]], [i.id for i in glance.images()])

    def test_sdk_images_is_a_generator(self):
        self.stub("GET", "/images", json={"images": [IMG]})
        self.assertEqual([IMG["id"]], [i.id for i in self.client.images(name="cirros")])


class TestFind(ImageTestCase):
    def test_a_shared_name_raises_no_unique_match_listing_both(self):
        self.stub("GET", "/images", json={"images": [IMG, IMG2]})
        error = self.assertRaises(exceptions.NoUniqueMatch, self.client.find_image, "cirros")
        self.assertIn("2 images are named 'cirros'", str(error))
        self.assertIn("%s (project p1)" % IMG["id"], str(error))
        self.assertIn("%s (project p2)" % IMG2["id"], str(error))
        self.assertRequest("GET", "/images", query={"name": ["cirros"]})

    def test_find_by_name_then_by_id(self):
        self.stub("GET", "/images", json={"images": []})
        self.stub("GET", "/images/nope", status=404, text="404 Not Found")
        self.assertIsNone(self.client.find_image("nope"))
        self.assertRaises(exceptions.NotFound, self.client.images.find, "nope")

    def test_a_uuid_is_looked_up_as_an_id_first(self):
        self.stub("GET", "/images/" + IMG["id"], json=IMG)
        self.assertEqual(IMG["id"], self.client.find_image(IMG["id"]).id)
        self.assertEqual([], self.requests_to("GET", "/images?"))


class TestUpdate(ImageTestCase):
    def setUp(self):
        super().setUp()
        self.stub("PATCH", "/images/" + IMG["id"], json=dict(IMG, name="web"))

    def test_core_fields_replace_properties_add_removals_remove(self):
        image = self.client.images.update(
            IMG["id"],
            name="web",
            min_ram=512,
            tags={"b", "a"},
            hw_disk_bus="scsi",
            remove_props=["os_distro"],
        )
        self.assertRequest(
            "PATCH",
            "/images/" + IMG["id"],
            json=[
                {"op": "add", "path": "/hw_disk_bus", "value": "scsi"},
                {"op": "replace", "path": "/min_ram", "value": 512},
                {"op": "replace", "path": "/name", "value": "web"},
                {"op": "replace", "path": "/tags", "value": ["a", "b"]},
                {"op": "remove", "path": "/os_distro"},
            ],
            headers={"Content-Type": PATCH_TYPE},
        )
        self.assertEqual("web", image.name)
        self.assertEqual(1, len(self.requests_mock.request_history) - 2)  # auth, discovery

    def test_property_names_are_escaped_as_json_pointers(self):
        self.client.update_image(IMG["id"], **{"a/b~c": "x"})
        self.assertRequest(
            "PATCH", "/images/" + IMG["id"], json=[{"op": "add", "path": "/a~1b~0c", "value": "x"}]
        )

    def test_setting_and_removing_one_property_is_refused(self):
        self.assertRaises(
            exceptions.ValidationError,
            self.client.images.update,
            IMG["id"],
            foo="1",
            remove_props=["foo"],
        )


class TestActionsAndTags(ImageTestCase):
    def test_deactivate_and_reactivate(self):
        for action in ("deactivate", "reactivate"):
            self.stub("POST", "/images/%s/actions/%s" % (IMG["id"], action), status=204)
        self.client.deactivate_image(IMG["id"])
        self.assertRequest("POST", "/images/%s/actions/deactivate" % IMG["id"], json=None)
        self.client.images.reactivate(images.Image(None, IMG))
        self.assertRequest("POST", "/images/%s/actions/reactivate" % IMG["id"], json=None)

    def test_tags_are_put_and_deleted_escaped(self):
        path = "/images/%s/tags/a%%2Fb%%20c" % IMG["id"]
        self.stub("PUT", path, status=204)
        self.stub("DELETE", path, status=204)
        self.client.add_tag(IMG["id"], "a/b c")
        self.assertRequest("PUT", path, json=None)
        self.client.remove_tag(IMG["id"], "a/b c")
        self.assertRequest("DELETE", path, json=None)

    def test_an_empty_tag_is_refused_before_sending(self):
        self.assertRaises(exceptions.ValidationError, self.client.add_tag, IMG["id"], "")
