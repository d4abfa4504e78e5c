"""Identity commands: projects, users, roles, domains, tokens, the catalog."""

from __future__ import annotations

import argparse

from stackclient.shell._base import Command, Lister, Listing, Record, ShowOne, fields_of, rows_of

_TYPE_CHECKING = False
if _TYPE_CHECKING:  # pragma: no cover
    import typing as _t

__all__ = [
    "CatalogList", "CatalogShow", "DomainList", "DomainShow", "EndpointList", "ProjectCreate",
    "ProjectDelete", "ProjectList", "ProjectSet", "ProjectShow", "RoleAdd", "RoleAssignmentList",
    "RoleCreate", "RoleDelete", "RoleList", "RoleRemove", "ServiceList", "TokenIssue",
    "TokenRevoke", "UserCreate", "UserDelete", "UserList", "UserSet", "UserShow",
]  # fmt: skip


def find(manager: _t.Any, name_or_id: str, what: str, **filters: _t.Any) -> _t.Any:
    """The one item of ``manager`` with this id or name (``filters`` narrow the name search)."""
    from stackclient.apiclient import exceptions

    try:
        return manager.get(name_or_id)
    except exceptions.NotFound:
        pass
    named = [item for item in manager.list(name=name_or_id, **filters) if item.name == name_or_id]
    if len(named) == 1:
        return named[0]
    if not named:
        raise exceptions.NotFound("No %s with name or id %r" % (what, name_or_id))
    raise exceptions.NoUniqueMatch(
        "%d %ss are named %r (ids %s): use the id, or give the domain"
        % (len(named), what, name_or_id, ", ".join(item.id for item in named))
    )


def _domain(ctx: _t.Any, value: str | None) -> _t.Any:
    return find(ctx.conn.identity.domains, value, "domain") if value else None


def _enabled(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--enable", dest="enabled", action="store_true", default=None)
    group.add_argument("--disable", dest="enabled", action="store_false")


# -- projects -------------------------------------------------------------------


class ProjectList(Lister):
    columns = ("id", "name")
    long_columns = ("domain_id", "description", "enabled")

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--domain", help="only projects of this domain (name or id)")
        parser.add_argument("--user", help="only projects this user has a role on (name or id)")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Listing:
        identity = ctx.conn.identity
        user = find(identity.users, args.user, "user") if args.user else None
        items = identity.projects.list(domain=_domain(ctx, args.domain), user=user)
        return rows_of(items, self.columns_for(args))


class ProjectShow(ShowOne):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("project", help="name or id")
        parser.add_argument("--domain", help="domain of the project (name or id)")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Record:
        domain = _domain(ctx, args.domain)
        return fields_of(find(ctx.conn.identity.projects, args.project, "project", domain=domain))


class ProjectCreate(ShowOne):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--domain", default="default", help="owning domain (default: default)")
        parser.add_argument("--description")
        parser.add_argument("--parent", help="parent project (name or id)")
        _enabled(parser)

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Record:
        identity = ctx.conn.identity
        parent = find(identity.projects, args.parent, "project") if args.parent else None
        project = identity.projects.create(
            name=args.name,
            domain=_domain(ctx, args.domain),
            description=args.description,
            enabled=args.enabled is not False,
            parent=parent,
        )
        return fields_of(project)


class ProjectSet(Command):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("project", help="name or id")
        parser.add_argument("--name", help="new name")
        parser.add_argument("--description")
        _enabled(parser)

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> None:
        projects = ctx.conn.identity.projects
        project = find(projects, args.project, "project")
        projects.update(
            project, name=args.name, description=args.description, enabled=args.enabled
        )


class ProjectDelete(Command):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("projects", nargs="+", metavar="project", help="names or ids")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> None:
        projects = ctx.conn.identity.projects
        for value in args.projects:
            projects.delete(find(projects, value, "project"))


# -- users ----------------------------------------------------------------------


class UserList(Lister):
    columns = ("id", "name")
    long_columns = ("domain_id", "default_project_id", "email", "enabled")

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--domain", help="only users of this domain (name or id)")
        parser.add_argument("--group", help="only members of this group (name or id)")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Listing:
        identity = ctx.conn.identity
        group = find(identity.groups, args.group, "group") if args.group else None
        users = identity.users.list(domain=_domain(ctx, args.domain), group=group)
        return rows_of(users, self.columns_for(args))


class UserShow(ShowOne):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("user", help="name or id")
        parser.add_argument("--domain", help="domain of the user (name or id)")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Record:
        domain = _domain(ctx, args.domain)
        return fields_of(find(ctx.conn.identity.users, args.user, "user", domain=domain))


def _password(args: argparse.Namespace) -> str | None:
    if not getattr(args, "password_prompt", False):
        return args.password
    import getpass

    first = getpass.getpass("User password: ")
    if first != getpass.getpass("Repeat user password: "):
        from stackclient.apiclient import exceptions

        raise exceptions.CommandError("The passwords entered differ")
    return first


class UserCreate(ShowOne):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--domain", default="default", help="owning domain (default: default)")
        secret = parser.add_mutually_exclusive_group()
        secret.add_argument(
            "--password", help="the new user's password (visible in process lists)"
        )
        secret.add_argument("--password-prompt", action="store_true", help="ask for the password")
        parser.add_argument("--email")
        parser.add_argument("--description")
        parser.add_argument("--project", help="default project (name or id)")
        _enabled(parser)

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Record:
        identity = ctx.conn.identity
        project = find(identity.projects, args.project, "project") if args.project else None
        user = identity.users.create(
            name=args.name,
            domain=_domain(ctx, args.domain),
            password=_password(args),
            email=args.email,
            description=args.description,
            enabled=args.enabled is not False,
            default_project=project,
        )
        return fields_of(user)


class UserSet(Command):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("user", help="name or id")
        parser.add_argument("--name", help="new name")
        secret = parser.add_mutually_exclusive_group()
        secret.add_argument("--password")
        secret.add_argument("--password-prompt", action="store_true")
        parser.add_argument("--email")
        parser.add_argument("--description")
        _enabled(parser)

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> None:
        users = ctx.conn.identity.users
        user = find(users, args.user, "user")
        users.update(user, name=args.name, password=_password(args), email=args.email,
                     description=args.description, enabled=args.enabled)  # fmt: skip


class UserDelete(Command):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("users", nargs="+", metavar="user", help="names or ids")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> None:
        users = ctx.conn.identity.users
        for value in args.users:
            users.delete(find(users, value, "user"))


# -- roles ----------------------------------------------------------------------


class RoleList(Lister):
    columns = ("id", "name")
    long_columns = ("domain_id", "description")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Listing:
        return rows_of(ctx.conn.identity.roles.list(), self.columns_for(args))


class RoleCreate(ShowOne):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--description")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Record:
        extra = {"description": args.description} if args.description else {}
        return fields_of(ctx.conn.identity.roles.create(name=args.name, **extra))


class RoleDelete(Command):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("roles", nargs="+", metavar="role", help="names or ids")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> None:
        roles = ctx.conn.identity.roles
        for value in args.roles:
            roles.delete(find(roles, value, "role"))


def _assignment_arguments(parser: argparse.ArgumentParser, role_required: bool) -> None:
    if role_required:
        parser.add_argument("role", help="role name or id")
    actor = parser.add_mutually_exclusive_group(required=role_required)
    actor.add_argument("--user", help="user name or id")
    actor.add_argument("--group", help="group name or id")
    scope = parser.add_mutually_exclusive_group(required=role_required)
    scope.add_argument("--project", help="project name or id")
    scope.add_argument("--domain", help="domain name or id")
    scope.add_argument("--system", choices=("all",), help="the whole deployment")
    parser.add_argument("--inherited", action="store_true", help="inherited to sub-projects")


def _assignment(ctx: _t.Any, args: argparse.Namespace) -> dict[str, _t.Any]:
    identity = ctx.conn.identity
    return {
        "user": find(identity.users, args.user, "user") if args.user else None,
        "group": find(identity.groups, args.group, "group") if args.group else None,
        "project": find(identity.projects, args.project, "project") if args.project else None,
        "domain": _domain(ctx, args.domain),
        "system": args.system,
        "os_inherit_extension_inherited": args.inherited,
    }


class RoleAdd(Command):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        _assignment_arguments(parser, role_required=True)

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> None:
        roles = ctx.conn.identity.roles
        roles.grant(find(roles, args.role, "role"), **_assignment(ctx, args))


class RoleRemove(Command):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        _assignment_arguments(parser, role_required=True)

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> None:
        roles = ctx.conn.identity.roles
        roles.revoke(find(roles, args.role, "role"), **_assignment(ctx, args))


class RoleAssignmentList(Lister):
    columns = ("role", "user", "group", "project", "domain", "system", "inherited")

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        _assignment_arguments(parser, role_required=False)
        parser.add_argument("--role", help="role name or id")
        parser.add_argument(
            "--effective", action="store_true", help="expand groups and inheritance"
        )

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Listing:
        identity = ctx.conn.identity
        wanted = _assignment(ctx, args)
        inherited = wanted.pop("os_inherit_extension_inherited")
        role = find(identity.roles, args.role, "role") if args.role else None
        found = identity.role_assignments.list(
            role=role, effective=args.effective, include_names=True,
            os_inherit_extension_inherited_to="projects" if inherited else None, **wanted
        )  # fmt: skip
        return Listing(list(self.columns), (_assignment_row(a) for a in found))


def _assignment_row(assignment: _t.Any) -> list[_t.Any]:
    data = assignment.to_dict()
    scope = data.get("scope") or {}

    def named(entry: _t.Any) -> _t.Any:
        if not isinstance(entry, dict):
            return entry
        return entry.get("name") or entry.get("id")

    return [
        named(data.get("role")),
        named(data.get("user")),
        named(data.get("group")),
        named(scope.get("project")),
        named(scope.get("domain")),
        "all" if scope.get("system") else None,
        bool(scope.get("OS-INHERIT:inherited_to")),
    ]


# -- domains, tokens, catalog, endpoints, services -----------------------------------


class DomainList(Lister):
    columns = ("id", "name", "enabled")
    long_columns = ("description",)

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Listing:
        return rows_of(ctx.conn.identity.domains.list(), self.columns_for(args))


class DomainShow(ShowOne):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("domain", help="name or id")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Record:
        return fields_of(find(ctx.conn.identity.domains, args.domain, "domain"))


class TokenIssue(ShowOne):
    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Record:
        ref = ctx.conn.identity.auth_ref
        expires = ref.expires.isoformat() if ref.expires else None
        return Record({"expires": expires, "id": ref.auth_token, "project_id": ref.project_id,
                       "user_id": ref.user_id})  # fmt: skip


class TokenRevoke(Command):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("token", help="the token to revoke")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> None:
        ctx.conn.identity.tokens.revoke_token(args.token)


def _catalog(ctx: _t.Any) -> list[dict[str, _t.Any]]:
    ref = ctx.conn.identity.auth_ref
    catalog = ref.service_catalog if ref is not None else None
    return list(catalog.get_data() if catalog is not None else [])


def _endpoint_lines(service: dict[str, _t.Any]) -> str:
    lines = []
    for endpoint in service.get("endpoints") or ():
        region = endpoint.get("region_id") or endpoint.get("region") or ""
        lines.append(
            "%s %s: %s" % (region, endpoint.get("interface", ""), endpoint.get("url", ""))
        )
    return "\n".join(lines)


class CatalogList(Lister):
    columns = ("name", "type", "endpoints")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Listing:
        rows = [[s.get("name"), s.get("type"), _endpoint_lines(s)] for s in _catalog(ctx)]
        return Listing(list(self.columns), rows)


class CatalogShow(ShowOne):
    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        parser.add_argument("service", help="service type or name")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Record:
        for service in _catalog(ctx):
            if args.service in (service.get("type"), service.get("name")):
                return Record({"endpoints": _endpoint_lines(service), "id": service.get("id"),
                               "name": service.get("name"), "type": service.get("type")})  # fmt: skip
        from stackclient.apiclient import exceptions

        raise exceptions.NotFound("No service %r in the catalog" % args.service)


class EndpointList(Lister):
    columns = ("id", "region", "service_name", "service_type", "interface", "url", "enabled")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Listing:
        identity = ctx.conn.identity
        services = {s.id: s for s in identity.services.list()}
        rows = []
        for ep in identity.endpoints.list():
            service = services.get(ep.service_id)
            rows.append([ep.id, getattr(ep, "region_id", None) or getattr(ep, "region", None),
                         getattr(service, "name", None), getattr(service, "type", None),
                         ep.interface, ep.url, getattr(ep, "enabled", None)])  # fmt: skip
        return Listing(list(self.columns), rows)


class ServiceList(Lister):
    columns = ("id", "name", "type")
    long_columns = ("description", "enabled")

    def take_action(self, ctx: _t.Any, args: argparse.Namespace) -> Listing:
        return rows_of(ctx.conn.identity.services.list(), self.columns_for(args))
