"""An ML2 mechanism driver that binds every port, for a Neutron without agents.

The stock drivers bind a port only where an agent reports in.  The local
cloud runs no agents (Nova's compute uses the fake virt driver), so this
driver binds any port on the first segment offered, as an OVS port that
is ACTIVE at once.  Registered as ``localcloud_bind_all`` in the
``neutron.ml2.mechanism_drivers`` entry point group by a small
``*.dist-info`` directory the local cloud writes into Neutron's state
directory.
"""

from neutron_lib import constants
from neutron_lib.api.definitions import portbindings
from neutron_lib.plugins.ml2 import api

__all__ = ["BindAllMechanismDriver"]


class BindAllMechanismDriver(api.MechanismDriver):
    """Bind every port, whatever host asks, as an active OVS port."""

    def initialize(self):
        """Nothing to set up: there is no agent and no back end."""

    @property
    def connectivity(self):
        return portbindings.CONNECTIVITY_L2

    def bind_port(self, context):
        """Bind the first segment offered, as a port with filtering."""
        vif_details = {portbindings.CAP_PORT_FILTER: True, portbindings.OVS_HYBRID_PLUG: False}
        for segment in context.segments_to_bind:
            context.set_binding(
                segment[api.ID],
                portbindings.VIF_TYPE_OVS,
                vif_details,
                status=constants.PORT_STATUS_ACTIVE,
            )
            return
