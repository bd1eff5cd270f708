package io.gamehall.store;

/**
 * Operation counts of a store since it opened, for monitoring.
 *
 * @param queued    operations waiting for a worker now.
 * @param submitted operations ever submitted (refused ones included).
 * @param succeeded operations that completed with a result.
 * @param failed    operations that completed with an error (NOT_FOUND and CONFLICT included).
 * @param rejected  operations refused at once because a queue was full (OVERLOADED).
 * @param timedOut  operations whose deadline passed.
 * @param retries   retries after UNAVAILABLE or TIMEOUT from the storage.
 */
public record StoreCounters(
    long queued,
    long submitted,
    long succeeded,
    long failed,
    long rejected,
    long timedOut,
    long retries)
{
}
