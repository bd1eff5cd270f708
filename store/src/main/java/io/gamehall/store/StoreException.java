package io.gamehall.store;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The one exception type the store reports: a {@link StoreError} code for programs and a message
 * for people. Futures returned by {@link Store} complete exceptionally with it.
 */
public final class StoreException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final StoreError error;

    /**
     * @param error   what kind of failure.
     * @param message what happened, naming the record and the limit or setting involved.
     */
    public StoreException(final StoreError error, final String message)
    {
        super(error + ": " + message);
        this.error = error;
    }

    /**
     * @param error   what kind of failure.
     * @param message what happened.
     * @param cause   the underlying failure (driver or file system exception).
     */
    public StoreException(final StoreError error, final String message, final Throwable cause)
    {
        super(error + ": " + message, cause);
        this.error = error;
    }

    public StoreError error()
    {
        return error;
    }

    /**
     * The store exception behind a failure seen through a future ({@link CompletionException},
     * {@link ExecutionException}).
     *
     * @param throwable what a future failed with.
     * @return the store exception, or null when the failure is not one.
     */
    public static StoreException unwrap(final Throwable throwable)
    {
        Throwable cause = throwable;
        for (int i = 0; i < 8 && cause != null; i++)
        {
            if (cause instanceof StoreException)
            {
                return (StoreException)cause;
            }
            if (!(cause instanceof CompletionException) && !(cause instanceof ExecutionException))
            {
                return null;
            }
            cause = cause.getCause();
        }
        return null;
    }
}
