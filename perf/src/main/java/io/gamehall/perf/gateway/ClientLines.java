package io.gamehall.perf.gateway;

/**
 * Benchmark clients somewhere, read by the lines they report.
 */
interface ClientLines extends AutoCloseable
{
    /**
     * @return the next line, or null when they ended or nothing came before the deadline.
     */
    String nextLine(long deadlineMs) throws InterruptedException;

    /**
     * End them (bounded).
     */
    @Override
    void close() throws InterruptedException;
}
