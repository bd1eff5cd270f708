package io.gamehall.gateway.support;

import io.gamehall.gateway.SessionGateway;
import io.gamehall.store.StoreConfig;
import io.gamehall.store.StoreType;

/**
 * A gateway in a JVM of its own for crash tests, against a Couchbase store. Prints
 * {@code READY <gatewayId> <url>} and runs until killed.
 * Arguments: name masterEndpoints gatewaySecret tokenSecret couchbaseConnectionString bucket user password.
 */
public final class ChildGatewayMain
{
    private ChildGatewayMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final SessionGateway gateway = SessionGateway.launch(new SessionGateway.Context()
            .name(args[0])
            .masterEndpoints(args[1])
            .gatewaySecret(args[2])
            .tokenSecret(args[3])
            .linkSecret(Hall.LINK_SECRET)
            .port(0)
            .passwordIterations(1_000)
            .heartbeatIntervalMs(200)
            .storeConfig(new StoreConfig()
                .type(StoreType.COUCHBASE)
                .couchbaseConnectionString(args[4])
                .couchbaseBucket(args[5])
                .couchbaseUsername(args[6])
                .couchbasePassword(args[7])
                .couchbaseDnsSrv(false)));
        System.out.println("READY " + gateway.gatewayId() + " " + gateway.url());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
