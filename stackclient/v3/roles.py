"""Identity v3 roles, role grants and implied roles (inference rules).

A grant gives a user or a group a role on exactly one target: a project,
a domain, or the whole system (``system="all"``). With
``os_inherit_extension_inherited=True`` a grant on a domain or project is
inherited by the projects below it instead.

Example::

    member = keystone.roles.find(name="member")
    keystone.roles.grant(member, user=alice, project=demo)
    keystone.roles.check(member, user=alice, project=demo)   # True
    keystone.roles.list(user=alice, project=demo)            # [<Role member>]
    keystone.inference_rules.create(admin_role, member)      # admin implies member
"""

from __future__ import annotations

import typing as _t
import warnings

from stackclient import _jsonutils
from stackclient.apiclient import _ids, base, exceptions

if _t.TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = ["Role", "InferenceRule", "RoleManager", "InferenceRuleManager"]

#: The only system scope Keystone knows.
_SYSTEM_ALL = "all"
_INHERITED_TAIL = "/inherited_to_projects"


class Role(base.Resource):
    """An Identity role: ``id``, ``name``, ``domain_id`` (None for a global role),
    ``description``, ``options``.
    """


class InferenceRule(base.Resource):
    """A rule that one role implies others.

    ``prior_role`` is the implying role; ``implies`` the implied role (one
    dict from ``get``/``create``, a list of dicts from
    ``InferenceRuleManager.list``).
    """

    def __repr__(self) -> str:
        prior = self._info.get("prior_role")
        name = prior.get("name") if isinstance(prior, dict) else None
        return "<InferenceRule prior_role=%r>" % (name,)


class RoleManager(base.CrudManager):
    """Roles (create, get, list, update, delete) and their grants.

    ``grant``/``check``/``revoke`` and ``list`` with ``user`` or ``group``
    take exactly one of ``project``, ``domain`` or ``system="all"``; giving
    two, none, or both user and group raises ValidationError before any
    request is sent.
    """

    resource_class = Role
    collection_key = "roles"
    key = "role"

    def create(self, name: str, domain: _t.Any = None, **kwargs: _t.Any) -> Role:
        """Create a role, global or (with ``domain``) domain-specific."""
        return super().create(name=name, domain_id=base.getid(domain), **kwargs)

    def get(self, role: _t.Any) -> Role:
        """Return one role (by id or :class:`Role`)."""
        return super().get(role_id=base.getid(role))

    def list(
        self,
        user: _t.Any = None,
        group: _t.Any = None,
        system: _t.Any = None,
        domain: _t.Any = None,
        project: _t.Any = None,
        os_inherit_extension_inherited: bool = False,
        **kwargs: _t.Any,
    ) -> list[Role]:
        """Return roles: all of them, or those granted to a user or group on a target.

        With ``user`` or ``group``, the roles granted on the one target
        given (``project``, ``domain`` or ``system="all"``); with
        ``os_inherit_extension_inherited``, the grants a domain passes on to
        its projects (Keystone cannot list those of a project: use
        ``role_assignments.list`` there). Without user and group, ``domain`` lists that domain's own roles
        (keystoneclient ignored it there) and other keywords are query
        filters (``name``, ``limit``, ...).
        """
        args = self._list_args(
            user, group, system, domain, project, os_inherit_extension_inherited
        )
        return super().list(**args, **kwargs)

    def iterate(
        self,
        user: _t.Any = None,
        group: _t.Any = None,
        system: _t.Any = None,
        domain: _t.Any = None,
        project: _t.Any = None,
        os_inherit_extension_inherited: bool = False,
        **kwargs: _t.Any,
    ) -> _t.Iterator[Role]:
        """Like :meth:`list`, but yield roles page by page.

        Keystone does not honour ``marker`` for roles (it repeats the first
        page); the walk notices the repeat and stops.
        """
        args = self._list_args(
            user, group, system, domain, project, os_inherit_extension_inherited
        )
        return super().iterate(**args, **kwargs)

    def update(self, role: _t.Any, name: str | None = None, **kwargs: _t.Any) -> Role:
        """Change the given attributes of a role (None means unchanged)."""
        return super().update(role_id=base.getid(role), name=name, **kwargs)

    def delete(self, role: _t.Any) -> requests.Response:
        """Delete a role, with its grants and the inference rules it is prior in."""
        return super().delete(role_id=base.getid(role))

    # -- grants ---------------------------------------------------------------

    def grant(
        self,
        role: _t.Any,
        user: _t.Any = None,
        group: _t.Any = None,
        system: _t.Any = None,
        domain: _t.Any = None,
        project: _t.Any = None,
        os_inherit_extension_inherited: bool = False,
        **kwargs: _t.Any,
    ) -> None:
        """Grant ``role`` to a user or group on a project, domain or the system."""
        _no_extra(kwargs)
        self.put(
            **self._grant_args(
                role, user, group, system, domain, project, os_inherit_extension_inherited
            )
        )

    def check(
        self,
        role: _t.Any,
        user: _t.Any = None,
        group: _t.Any = None,
        system: _t.Any = None,
        domain: _t.Any = None,
        project: _t.Any = None,
        os_inherit_extension_inherited: bool = False,
        **kwargs: _t.Any,
    ) -> bool:
        """True when the grant exists; raises NotFound when it does not."""
        _no_extra(kwargs)
        return self.head(
            **self._grant_args(
                role, user, group, system, domain, project, os_inherit_extension_inherited
            )
        )

    def revoke(
        self,
        role: _t.Any,
        user: _t.Any = None,
        group: _t.Any = None,
        system: _t.Any = None,
        domain: _t.Any = None,
        project: _t.Any = None,
        os_inherit_extension_inherited: bool = False,
        **kwargs: _t.Any,
    ) -> requests.Response:
        """Remove a grant (NotFound when there is none)."""
        _no_extra(kwargs)
        return super().delete(
            **self._grant_args(
                role, user, group, system, domain, project, os_inherit_extension_inherited
            )
        )

    def _grant_args(
        self,
        role: _t.Any,
        user: _t.Any,
        group: _t.Any,
        system: _t.Any,
        domain: _t.Any,
        project: _t.Any,
        inherited: bool,
    ) -> dict[str, _t.Any]:
        if role is None or role == "":
            raise exceptions.ValidationError("Specify the role to grant, check or revoke")
        args = {
            "base_url": _grants_base_url(user, group, system, domain, project, inherited),
            "role_id": base.getid(role),
        }
        if inherited:
            args["tail"] = _INHERITED_TAIL
        return args

    def _list_args(
        self,
        user: _t.Any,
        group: _t.Any,
        system: _t.Any,
        domain: _t.Any,
        project: _t.Any,
        inherited: bool,
    ) -> dict[str, _t.Any]:
        if user or group:
            if inherited and project:
                raise exceptions.ValidationError(
                    "Keystone lists inherited grants on domains only; for a project use "
                    "role_assignments.list(project=..., os_inherit_extension_inherited=True)"
                )
            args = {"base_url": _grants_base_url(user, group, system, domain, project, inherited)}
            if inherited:
                args["tail"] = _INHERITED_TAIL
            return args
        if inherited or project or system:
            raise exceptions.ValidationError(
                "Listing the roles granted on a project or the system (or inherited ones) "
                "needs user= or group="
            )
        return {"domain_id": base.getid(domain)}

    # -- deprecated implied-role helpers (use InferenceRuleManager) ------------

    def create_implied(
        self, prior_role: _t.Any, implied_role: _t.Any, **kwargs: _t.Any
    ) -> InferenceRule:
        """Deprecated: use ``inference_rules.create``."""
        return self._inference("create").create(prior_role, implied_role)

    def delete_implied(
        self, prior_role: _t.Any, implied_role: _t.Any, **kwargs: _t.Any
    ) -> tuple[requests.Response, _t.Any]:
        """Deprecated: use ``inference_rules.delete``; returns ``(response, body)``."""
        return self._inference("delete").delete(prior_role, implied_role)

    def get_implied(
        self, prior_role: _t.Any, implied_role: _t.Any, **kwargs: _t.Any
    ) -> InferenceRule:
        """Deprecated: use ``inference_rules.get``."""
        return self._inference("get").get(prior_role, implied_role)

    def check_implied(self, prior_role: _t.Any, implied_role: _t.Any, **kwargs: _t.Any) -> bool:
        """Deprecated: use ``inference_rules.check``."""
        return self._inference("check").check(prior_role, implied_role)

    def list_role_inferences(self, **kwargs: _t.Any) -> list[InferenceRule]:
        """Deprecated: use ``inference_rules.list_inference_roles``."""
        return self._inference("list_inference_roles").list_inference_roles()

    def _inference(self, method: str) -> InferenceRuleManager:
        warnings.warn(
            "RoleManager implied-role methods are deprecated: use "
            "InferenceRuleManager.%s (client.inference_rules)" % method,
            DeprecationWarning,
            stacklevel=3,
        )
        return InferenceRuleManager(self.client)


class InferenceRuleManager(base.CrudManager):
    """Implied roles: "whoever has ``prior_role`` also has ``implied_role``".

    URLs are ``/roles/{prior}/implies/{implied}`` and ``/role_inferences``.
    Rules have no id of their own, so there is no ``update``, ``find`` or
    ``put``: those raise MethodNotImplemented without sending anything.
    """

    resource_class = InferenceRule
    collection_key = "role_inferences"
    key = "role_inference"

    def create(self, prior_role: _t.Any, implied_role: _t.Any) -> InferenceRule:
        """Make ``prior_role`` imply ``implied_role`` (Conflict when it already does)."""
        return self._put(_rule_url(prior_role, implied_role), response_key=self.key)

    def get(self, prior_role: _t.Any, implied_role: _t.Any) -> InferenceRule:
        """Return the rule (NotFound when there is none)."""
        return self._get(_rule_url(prior_role, implied_role), self.key)

    def check(self, prior_role: _t.Any, implied_role: _t.Any) -> bool:
        """True when the rule exists; NotFound when it does not."""
        return self._head(_rule_url(prior_role, implied_role))

    def delete(self, prior_role: _t.Any, implied_role: _t.Any) -> tuple[requests.Response, _t.Any]:
        """Remove the rule (neither role is deleted); return ``(response, body)``.

        The pair keystoneclient returned here (the body is None for
        Keystone's 204), so ``resp, body = inference_rules.delete(...)``
        keeps working.
        """
        resp = self._delete(_rule_url(prior_role, implied_role))
        return resp, _jsonutils.response_json(resp)

    def list(self, prior_role: _t.Any) -> InferenceRule:
        """Return one rule listing every role ``prior_role`` implies (``.implies``).

        Kept as keystoneclient has it: despite the name, one InferenceRule.
        """
        if not prior_role:
            raise exceptions.ValidationError("Specify the prior role whose implied roles to list")
        return self._get("/roles/%s/implies" % _quote(prior_role, "prior_role"), self.key)

    def list_inference_roles(self) -> list[InferenceRule]:
        """Return every inference rule in the deployment (``GET /role_inferences``)."""
        return super().list()

    def update(self, **kwargs: _t.Any) -> _t.NoReturn:
        """Not supported: delete the rule and create another."""
        raise exceptions.MethodNotImplemented(
            "Inference rules cannot be updated: delete the rule and create another"
        )

    def find(self, **kwargs: _t.Any) -> _t.NoReturn:
        """Not supported: use :meth:`get` or :meth:`list`."""
        raise exceptions.MethodNotImplemented(
            "Inference rules cannot be searched: use get(prior_role, implied_role) or "
            "list(prior_role)"
        )

    def put(self, **kwargs: _t.Any) -> _t.NoReturn:
        """Not supported: use :meth:`create`."""
        raise exceptions.MethodNotImplemented(
            "Use create(prior_role, implied_role) to add an inference rule"
        )


def _no_extra(kwargs: dict[str, _t.Any]) -> None:
    # keystoneclient accepted and ignored extra keywords here; a typo such as
    # ``projet=`` must not silently grant on the wrong target.
    if kwargs:
        raise exceptions.ValidationError(
            "Unexpected arguments for a role grant: %s" % ", ".join(sorted(kwargs))
        )


def _quote(obj: _t.Any, argument: str) -> str:
    return _ids.path_segment(obj, argument)


def _rule_url(prior_role: _t.Any, implied_role: _t.Any) -> str:
    if not prior_role or not implied_role:
        raise exceptions.ValidationError("Specify both a prior role and an implied role")
    return "/roles/%s/implies/%s" % (
        _quote(prior_role, "prior_role"),
        _quote(implied_role, "implied_role"),
    )


def _grants_base_url(
    user: _t.Any, group: _t.Any, system: _t.Any, domain: _t.Any, project: _t.Any, inherited: bool
) -> str:
    """Return e.g. ``/projects/{p}/users/{u}`` (the prefix of ``/roles[/{r}]``)."""
    if user and group:
        raise exceptions.ValidationError("Specify either a user or a group, not both")
    if not (user or group):
        raise exceptions.ValidationError("Specify a user or a group")
    target = _target_path(system, domain, project)
    if inherited:
        if system:
            raise exceptions.ValidationError(
                "Inherited grants exist on domains and projects only, not on the system"
            )
        target = "/OS-INHERIT" + target
    if user:
        return "%s/users/%s" % (target, _quote(user, "user"))
    return "%s/groups/%s" % (target, _quote(group, "group"))


def _target_path(system: _t.Any, domain: _t.Any, project: _t.Any) -> str:
    given = [
        name
        for name, value in (("system", system), ("domain", domain), ("project", project))
        if value
    ]
    if len(given) > 1:
        raise exceptions.ValidationError(
            "Specify only one of system, domain or project (got %s)" % " and ".join(given)
        )
    if not given:
        raise exceptions.ValidationError("Specify a system, domain or project")
    if project:
        return "/projects/%s" % _quote(project, "project")
    if domain:
        return "/domains/%s" % _quote(domain, "domain")
    if system != _SYSTEM_ALL:
        raise exceptions.ValidationError(
            "Only a system scope of %r is supported, got %r" % (_SYSTEM_ALL, system)
        )
    return "/system"
