package io.gamehall.perf.gateway;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Lines that benchmark clients report, queued by the thread that reads them for the benchmark's
 * thread, with an end mark once no more will come.
 */
final class LineQueue
{
    private static final String END = "\u0000end";

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    /**
     * Queue a line.
     */
    void add(final String line)
    {
        lines.add(line);
    }

    /**
     * No more lines will come.
     */
    void end()
    {
        lines.add(END);
    }

    /**
     * @return the next line, or null when they ended or nothing came before the deadline.
     */
    String next(final long deadlineMs) throws InterruptedException
    {
        final String line = lines.poll(Math.max(0, deadlineMs - System.currentTimeMillis()), TimeUnit.MILLISECONDS);
        if (line == END)
        {
            lines.add(END); // every later read ends too
            return null;
        }
        return line;
    }
}
