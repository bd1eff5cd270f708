package io.gamehall.store.support;

import io.gamehall.store.kv.KeyValueBackend;
import io.gamehall.store.kv.Keyspace;
import io.gamehall.store.kv.VersionedValue;

/**
 * A backend shared by a second store in the same test: closing it does not close the real one,
 * so two stores (two executors) can write the same records at the same time, as two game hosts
 * on one Couchbase bucket would.
 */
public final class SharedBackend implements KeyValueBackend
{
    private final KeyValueBackend delegate;

    public SharedBackend(final KeyValueBackend delegate)
    {
        this.delegate = delegate;
    }

    public VersionedValue get(final Keyspace keyspace, final String key)
    {
        return delegate.get(keyspace, key);
    }

    public long insert(final Keyspace keyspace, final String key, final byte[] value)
    {
        return delegate.insert(keyspace, key, value);
    }

    public long replace(final Keyspace keyspace, final String key, final byte[] value, final long cas)
    {
        return delegate.replace(keyspace, key, value, cas);
    }

    public long upsert(final Keyspace keyspace, final String key, final byte[] value)
    {
        return delegate.upsert(keyspace, key, value);
    }

    public long remove(final Keyspace keyspace, final String key, final long cas)
    {
        return delegate.remove(keyspace, key, cas);
    }

    public long increment(final Keyspace keyspace, final String key)
    {
        return delegate.increment(keyspace, key);
    }

    public String describe()
    {
        return "shared " + delegate.describe();
    }

    public void close()
    {
    }
}
