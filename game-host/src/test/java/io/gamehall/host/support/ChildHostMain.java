package io.gamehall.host.support;

import io.gamehall.host.GameHost;
import io.gamehall.host.api.GameCatalog;
import io.gamehall.store.StoreConfig;
import io.gamehall.store.StoreType;

/**
 * A game host in a JVM of its own for crash tests: runs {@link SumGame} against a Couchbase
 * store, prints {@code READY <serverId> <endpoint>} and runs until killed.
 * Arguments: name masterEndpoints secret capacity couchbaseConnectionString bucket user password.
 */
public final class ChildHostMain
{
    private ChildHostMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final GameHost host = GameHost.launch(new GameHost.Context()
            .name(args[0])
            .masterEndpoints(args[1])
            .secret(args[2])
            .linkSecret(TestGateway.LINK_SECRET)
            .capacity(Integer.parseInt(args[3]))
            .games(new GameCatalog().register(SumGame.TYPE, "sum", SumGame::new))
            .storeConfig(new StoreConfig()
                .type(StoreType.COUCHBASE)
                .couchbaseConnectionString(args[4])
                .couchbaseBucket(args[5])
                .couchbaseUsername(args[6])
                .couchbasePassword(args[7])
                .couchbaseDnsSrv(false))
            .runners(1)
            .heartbeatIntervalMs(200));
        System.out.println("READY " + host.serverId() + " " + host.endpoint());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
