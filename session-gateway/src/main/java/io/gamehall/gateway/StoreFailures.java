package io.gamehall.gateway;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.store.StoreError;
import io.gamehall.store.StoreException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * What a client is told when the store failed: a code and a fixed message, never the
 * exception's own text (it names keys and internals, which go to the gateway's log instead).
 */
final class StoreFailures
{
    private StoreFailures()
    {
    }

    /**
     * @return the store's error, or null when the failure was not the store's.
     */
    static StoreError error(final Throwable ex)
    {
        return unwrap(ex) instanceof StoreException se ? se.error() : null;
    }

    /**
     * @param onConflict the code of a CONFLICT (what it means depends on the operation).
     * @return the client's code for a store failure.
     */
    static ClientCode code(final Throwable ex, final ClientCode onConflict)
    {
        final StoreError error = error(ex);
        if (error == null)
        {
            return ClientCode.INTERNAL;
        }
        return switch (error)
        {
            case CONFLICT -> onConflict;
            case INVALID_ARGUMENT -> ClientCode.INVALID_VALUE;
            case TIMEOUT -> ClientCode.TIMEOUT;
            case UNAVAILABLE, OVERLOADED, CLOSED, FULL -> ClientCode.STORE_UNAVAILABLE;
            default -> ClientCode.INTERNAL;
        };
    }

    /**
     * @return the client's message for a store failure (CONFLICT: {@code onConflict}).
     */
    static String message(final Throwable ex, final String onConflict)
    {
        final StoreError error = error(ex);
        if (error == StoreError.CONFLICT)
        {
            return onConflict;
        }
        if (error == StoreError.UNAVAILABLE || error == StoreError.TIMEOUT || error == StoreError.OVERLOADED ||
            error == StoreError.FULL || error == StoreError.CLOSED)
        {
            return "accounts cannot be reached right now; try again soon";
        }
        if (error == StoreError.INVALID_ARGUMENT)
        {
            return "a value was refused";
        }
        return "the gateway failed; try again";
    }

    static Throwable unwrap(final Throwable ex)
    {
        Throwable t = ex;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null)
        {
            t = t.getCause();
        }
        return t;
    }
}
