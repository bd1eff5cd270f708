package io.gamehall.replay;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Runs {@code gamehall replay} in this JVM and keeps what it printed.
 */
final class ReplayRun
{
    private ReplayRun()
    {
    }

    /**
     * @param outAndErr receives its standard output at 0 and its error output at 1.
     * @return its exit code.
     */
    static int run(final String[] outAndErr, final String... args)
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final int exit = new CommandLine(new ReplayCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
            .execute(args);
        outAndErr[0] = out.toString();
        outAndErr[1] = err.toString();
        return exit;
    }
}
