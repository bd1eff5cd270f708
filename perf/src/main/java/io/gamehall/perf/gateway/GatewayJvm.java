package io.gamehall.perf.gateway;

import io.gamehall.gateway.SessionGateway;
import io.gamehall.store.Store;
import io.gamehall.store.StoreConfig;
import io.gamehall.store.chronicle.ChronicleBackend;
import io.gamehall.store.kv.KeyValueBackend;
import io.gamehall.store.kv.Keyspace;
import io.gamehall.store.open.Stores;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One more session gateway for {@link GatewayBenchmark}, in a JVM of its own: a process may
 * hold only {@code ulimit -n} sockets, so a machine holds more sessions than that only with
 * more gateway processes, which is how gateways are deployed anyway. It uses the benchmark's
 * media driver (an Aeron client of it) and master, and a Chronicle store of its own (one
 * process owns a store directory; the accounts its clients register live there). Account ids
 * are the master's user ids, so each gateway's store starts its account sequence at
 * {@code index × 1,000,000,000} (a benchmark's partition, not a deployment: gateways that
 * share accounts share one store, Couchbase when distributed).
 * <p>
 * Prints {@code URL <ws url>} once it serves; then for every {@code REPORT} line on its input,
 * {@code SESSIONS <held> HEAP <bytes used after a collection> BASE <bytes used before any session>};
 * ends when its input closes.
 * Arguments: masterEndpoints aeronDirectory storeDirectory accounts index sameDriverIpc.
 */
public final class GatewayJvm
{
    private GatewayJvm()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final String masterEndpoints = args[0];
        final String aeronDirectory = args[1];
        final File storeDir = new File(args[2]);
        final long accounts = Long.parseLong(args[3]);
        final long index = Long.parseLong(args[4]);
        final boolean sameDriverIpc = Boolean.parseBoolean(args[5]);
        final StoreConfig config = new StoreConfig()
            .chronicleDir(storeDir)
            .chronicleEntries(Keyspace.ACCOUNT, accounts)
            .chronicleEntries(Keyspace.NAME, accounts)
            .chronicleEntries(Keyspace.PROFILE, accounts);
        startAccountIds(config, index * 1_000_000_000L);
        try (Store store = Stores.open(config);
            SessionGateway gateway = SessionGateway.launch(GatewayBenchmark.gatewayContext(masterEndpoints, store,
                aeronDirectory, sameDriverIpc)))
        {
            final long base = GatewayBenchmark.usedHeap();
            System.out.println("URL " + gateway.url());
            System.out.flush();
            final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null)
            {
                if (line.equals("REPORT"))
                {
                    final long heap = GatewayBenchmark.usedHeap();
                    System.out.println("SESSIONS " + gateway.sessions() + " HEAP " + heap + " BASE " + base);
                    System.out.flush();
                }
            }
        }
    }

    /**
     * The store's account counter (key "account" of the sequence keyspace, a little-endian
     * long, as {@code RecordStore} and {@code ChronicleBackend} keep it) set to {@code start}.
     */
    private static void startAccountIds(final StoreConfig config, final long start)
    {
        config.conclude();
        try (ChronicleBackend backend = ChronicleBackend.open(config))
        {
            final byte[] value = new byte[8];
            ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).putLong(0, start);
            if (backend.insert(Keyspace.SEQUENCE, "account", value) == KeyValueBackend.EXISTS)
            {
                throw new IllegalStateException("the store in " + config.chronicleDir() + " is not new");
            }
        }
    }
}
