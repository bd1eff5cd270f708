package io.gamehall.store;

/**
 * Every kind of failure a store operation reports, one code per kind, so that callers switch on
 * the code rather than on message text. {@link #isTransient()} says whether the same request may
 * succeed later without anything else changing.
 */
public enum StoreError
{
    /** The record does not exist (unknown account, no backup, unknown game). */
    NOT_FOUND(false),
    /**
     * The write lost against another: the name is taken, a newer backup version is stored, the
     * record changed between read and write more often than the store retries, or a record with
     * the same id but different content exists.
     */
    CONFLICT(false),
    /** The request is malformed: bad name, negative id, out-of-range field. Nothing was written. */
    INVALID_ARGUMENT(false),
    /** A value is larger than the configured limit. Nothing was written. */
    TOO_LARGE(false),
    /** An embedded store file reached its configured capacity. Nothing was written. */
    FULL(false),
    /** Stored bytes failed their checksum or do not decode as the expected record. */
    CORRUPT(false),
    /** The store cannot be reached (node down, connection lost, temporary failure). */
    UNAVAILABLE(true),
    /**
     * The operation did not finish within its deadline. For a write the outcome is unknown: it may
     * or may not have been applied. Every write the store offers can be repeated safely.
     */
    TIMEOUT(true),
    /** The operation queue is full: back off and try again. Nothing was written. */
    OVERLOADED(true),
    /** The store is closed or closing. */
    CLOSED(false),
    /** A failure nobody planned for (a bug, or the storage library failing oddly); see the cause. */
    INTERNAL(false);

    private final boolean isTransient;

    StoreError(final boolean isTransient)
    {
        this.isTransient = isTransient;
    }

    /**
     * @return true when the same request may succeed later on its own (after the store recovers
     * or the load falls).
     */
    public boolean isTransient()
    {
        return isTransient;
    }
}
