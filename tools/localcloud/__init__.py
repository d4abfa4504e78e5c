"""The local cloud: real OpenStack services on 127.0.0.1 for tests and demos.

Standard library only (any python3 >= 3.9 runs it); it never imports the
project.  ``tools/cloud.py`` is its command line (``ensure``, ``start``,
``stop``, ``status``).

Modules:

``base``            the service interface (:class:`~localcloud.base.Service`),
                    the :class:`~localcloud.base.Context` services run in,
                    :class:`~localcloud.base.CloudError`, config helpers
``registry``        the one list of services (name -> module:Class)
``orchestrator``    ensure / start (parallel prepare, dependency waves) /
                    stop / status, cloud.json
``credentials``     clouds.yaml and openrc for the running cloud
``procs``           bounded commands, spawned servers, recorded PIDs, log tails
``net``             loopback ports, bounded readiness waits
``venvs``           the ``openstack`` and ``swift`` virtualenvs from constraints
``debs``            Debian packages, installed with daemons kept from starting
``keystone_admin``  a small Keystone admin client (users, roles, catalog)
``services/``       one module per service
``runtime/``        modules put on service processes' PYTHONPATH (WSGI
                    wrapper, drivers); they run inside the service venvs
"""

__all__: list[str] = []
