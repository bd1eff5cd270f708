package io.gamehall.store.open;

import io.gamehall.store.RecordStore;
import io.gamehall.store.Store;
import io.gamehall.store.StoreConfig;
import io.gamehall.store.StoreException;
import io.gamehall.store.chronicle.ChronicleBackend;
import io.gamehall.store.couchbase.CouchbaseBackend;
import io.gamehall.store.kv.KeyValueBackend;

/**
 * Opens a {@link Store}: the backend the configuration names (Chronicle Map files or a Couchbase
 * bucket) under a {@link RecordStore}. It lives above the store's API and its backends, which
 * depend on the API and not on each other.
 */
public final class Stores
{
    private Stores()
    {
    }

    /**
     * Open the store the configuration names.
     *
     * @param config the configuration; concluded here.
     * @return the open store.
     * @throws StoreException UNAVAILABLE when the storage cannot be opened or reached.
     */
    public static Store open(final StoreConfig config)
    {
        config.conclude();
        final KeyValueBackend backend = switch (config.type())
        {
            case CHRONICLE -> ChronicleBackend.open(config);
            case COUCHBASE -> CouchbaseBackend.connect(config);
        };
        return new RecordStore(config, backend);
    }
}
