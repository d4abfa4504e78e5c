"""Identity v3 project-endpoint associations (OS-EP-FILTER).

Once a project is associated with endpoints (directly, or through an
endpoint group), tokens scoped to it carry only those endpoints in their
catalog::

    ef = keystone.endpoint_filter
    ef.add_endpoint_to_project(project, endpoint)
    ef.check_endpoint_in_project(project, endpoint)      # True, or NotFound
    ef.list_endpoints_for_project(project)
    ef.list_projects_for_endpoint(endpoint)
    ef.add_endpoint_group_to_project(group, project)

URLs: ``/OS-EP-FILTER/projects/{project}/endpoints[/{endpoint}]``,
``/OS-EP-FILTER/endpoints/{endpoint}/projects``,
``/OS-EP-FILTER/endpoint_groups/{group}/projects[/{project}]`` and
``/OS-EP-FILTER/projects/{project}/endpoint_groups``.

A missing project, endpoint or endpoint group raises
:class:`~stackclient.apiclient.exceptions.ValidationError` before anything
is sent; it is a ``ValueError`` too, which keystoneclient raised.
"""

from __future__ import annotations

import typing as _t

from stackclient.apiclient import _ids, base, exceptions
from stackclient.v3 import endpoint_groups, endpoints, projects

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["EndpointFilterManager"]

_PREFIX = "/OS-EP-FILTER"


def _path(template: str, **things: _t.Any) -> str:
    """Fill ``template`` with the URL-escaped ids of ``things``.

    Raises ValidationError naming every one that is missing.
    """
    ids = {name: base.getid(thing) for name, thing in things.items()}
    missing = [name for name, ident in ids.items() if not ident]
    if missing:
        raise exceptions.ValidationError(
            "%s %s required" % (" and ".join(missing), "are" if len(missing) > 1 else "is")
        )
    quoted = {name: _ids.path_segment(ident, name) for name, ident in ids.items()}
    return _PREFIX + template.format(**quoted)


class EndpointFilterManager(base.BaseManager):
    """Associate endpoints and endpoint groups with projects.

    Example::

        keystone.endpoint_filter.add_endpoint_to_project(project, endpoint)
        keystone.endpoint_filter.list_endpoints_for_project(project)
    """

    #: The URL prefix of the OS-EP-FILTER API (keystoneclient's public constant).
    OS_EP_FILTER_EXT = _PREFIX

    # -- endpoints -----------------------------------------------------

    def add_endpoint_to_project(self, project: _t.Any, endpoint: _t.Any) -> base.Resource | None:
        """Associate ``endpoint`` with ``project`` (PUT); None for Keystone's empty 204."""
        return self._put(
            _path("/projects/{project}/endpoints/{endpoint}", project=project, endpoint=endpoint)
        )

    def delete_endpoint_from_project(self, project: _t.Any, endpoint: _t.Any) -> requests.Response:
        """Remove the association of ``endpoint`` with ``project`` (DELETE)."""
        return self._delete(
            _path("/projects/{project}/endpoints/{endpoint}", project=project, endpoint=endpoint)
        )

    def check_endpoint_in_project(self, project: _t.Any, endpoint: _t.Any) -> bool:
        """Return True when ``endpoint`` is associated with ``project``; NotFound otherwise."""
        return self._head(
            _path("/projects/{project}/endpoints/{endpoint}", project=project, endpoint=endpoint)
        )

    def list_endpoints_for_project(self, project: _t.Any) -> list[base.Resource]:
        """List the endpoints associated with ``project`` (directly or via groups)."""
        return self._list(
            _path("/projects/{project}/endpoints", project=project),
            endpoints.EndpointManager.collection_key,
            obj_class=endpoints.EndpointManager.resource_class,
        )

    def list_projects_for_endpoint(self, endpoint: _t.Any) -> list[base.Resource]:
        """List the projects ``endpoint`` is directly associated with."""
        return self._list(
            _path("/endpoints/{endpoint}/projects", endpoint=endpoint),
            projects.ProjectManager.collection_key,
            obj_class=projects.ProjectManager.resource_class,
        )

    # -- endpoint groups -----------------------------------------------

    def add_endpoint_group_to_project(
        self, endpoint_group: _t.Any, project: _t.Any
    ) -> base.Resource | None:
        """Associate ``endpoint_group`` with ``project`` (PUT); None for an empty answer."""
        return self._put(_group_project_path(endpoint_group, project))

    def delete_endpoint_group_from_project(
        self, endpoint_group: _t.Any, project: _t.Any
    ) -> requests.Response:
        """Remove the association of ``endpoint_group`` with ``project`` (DELETE)."""
        return self._delete(_group_project_path(endpoint_group, project))

    def check_endpoint_group_in_project(self, endpoint_group: _t.Any, project: _t.Any) -> bool:
        """Return True when ``endpoint_group`` is associated with ``project``; NotFound otherwise."""
        return self._head(_group_project_path(endpoint_group, project))

    def list_endpoint_groups_for_project(self, project: _t.Any) -> list[base.Resource]:
        """List the endpoint groups associated with ``project``."""
        return self._list(
            _path("/projects/{project}/endpoint_groups", project=project),
            endpoint_groups.EndpointGroupManager.collection_key,
            obj_class=endpoint_groups.EndpointGroup,
        )

    def list_projects_for_endpoint_group(self, endpoint_group: _t.Any) -> list[base.Resource]:
        """List the projects ``endpoint_group`` is associated with."""
        return self._list(
            _path("/endpoint_groups/{endpoint_group}/projects", endpoint_group=endpoint_group),
            projects.ProjectManager.collection_key,
            obj_class=projects.ProjectManager.resource_class,
        )


def _group_project_path(endpoint_group: _t.Any, project: _t.Any) -> str:
    return _path(
        "/endpoint_groups/{endpoint_group}/projects/{project}",
        endpoint_group=endpoint_group,
        project=project,
    )
