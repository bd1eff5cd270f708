package io.gamehall.perf.report;

/**
 * A report that cannot be read or written, with a message for the person who asked.
 */
public final class ReportException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public ReportException(final String message)
    {
        super(message);
    }
}
