package io.gamehall.host.runtime;

import io.gamehall.aeron.IdleSettings;
import io.gamehall.host.api.GameCatalog;
import io.gamehall.replication.ClientRole;
import io.gamehall.store.Store;
import io.gamehall.store.StoreConfig;

import java.util.List;

/**
 * What the runtime reads of a host's configuration, concluded (checked, defaults filled) before
 * the runtime starts: {@code GameHost.Context} implements it, so the runtime depends on these
 * values only and not on the host's public face. Each value is documented where it is set.
 */
public interface HostSettings
{
    /** @return unique host name, or null for {@code host-<port>}. */
    String name();

    /** @return the master nodes' ingress endpoints. */
    String masterEndpoints();

    /** @return this machine's address the masters answer to. */
    String masterEgressHost();

    /** @return the host secret of the master. */
    String secret();

    /** @return the secret gateways sign their hellos with. */
    String linkSecret();

    /** @return the most gateways linked at once. */
    int maxGatewayLinks();

    /** @return the client id the host connects to the master with (0: random). */
    long clientId();

    /** @return the address gateways' traffic arrives on. */
    String bindAddress();

    /** @return whether gateways on the same media driver may talk over IPC. */
    boolean sameDriverIpc();

    /** @return how the host's threads wait when they find no work. */
    IdleSettings idle();

    /** @return the UDP port gateways publish to (0: a free one). */
    int port();

    /** @return the most instances the host runs at once. */
    int capacity();

    /** @return runner threads. */
    int runners();

    /** @return the games the host can run. */
    GameCatalog games();

    /** @return the game types offered to the master. */
    List<Integer> gameTypes();

    /** @return a store to use (not closed by the host), or null to open one from {@link #storeConfig()}. */
    Store store();

    /** @return how to open the store when {@link #store()} is null. */
    StoreConfig storeConfig();

    /** @return interval of heartbeats to the master. */
    long heartbeatIntervalMs();

    /** @return how long to wait for the master to answer the registration. */
    long registerTimeoutMs();

    /** @return the largest player message. */
    int maxPayloadBytes();

    /** @return bytes of each runner's inbox. */
    int inboxBytes();

    /** @return an external media driver's directory, or null to run one. */
    String aeronDirectoryName();

    /** @return the software version reported to the master. */
    String softwareVersion();

    /** @return the role the host connects to the master with. */
    ClientRole role();
}
