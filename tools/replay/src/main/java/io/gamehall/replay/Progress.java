package io.gamehall.replay;

import java.io.PrintWriter;

/**
 * Progress of a long run on stderr: a line rewritten in place on a terminal, a line every
 * five seconds otherwise; nothing when quiet.
 */
final class Progress
{
    private final PrintWriter err;
    private final boolean quiet;
    private final boolean terminal = System.console() != null;
    private final long startNs = System.nanoTime();
    private long lastReportNs = startNs;
    private boolean printed;

    Progress(final PrintWriter err, final boolean quiet)
    {
        this.err = err;
        this.quiet = quiet;
    }

    void update(final long records)
    {
        final long now = System.nanoTime();
        if (quiet || now - lastReportNs < (terminal ? 500_000_000L : 5_000_000_000L))
        {
            return;
        }
        lastReportNs = now;
        final String line = String.format("  %,d records read (%,.0f/s)", records, records / seconds(now));
        err.print(terminal ? "\r" + line : line + System.lineSeparator());
        err.flush();
        printed = true;
    }

    void done()
    {
        if (printed && terminal)
        {
            err.println();
        }
    }

    double elapsedSeconds()
    {
        return seconds(System.nanoTime());
    }

    private double seconds(final long now)
    {
        return Math.max(1e-9, (now - startNs) / 1e9);
    }
}
