package io.gamehall.gateway;

import java.util.concurrent.CompletableFuture;

/**
 * What keeping this gateway in the master's directory asks of the master: the port
 * {@link MasterRelay} implements, and tests fake.
 */
interface MasterRegistry
{
    /**
     * @return the outcome; its subject id is the gateway's id when OK.
     */
    CompletableFuture<MasterRequests.Outcome> registerGateway(String name, String url, int capacity, String version);

    /**
     * @param load the sessions held.
     */
    CompletableFuture<MasterRequests.Outcome> heartbeat(long serverId, int load);
}
