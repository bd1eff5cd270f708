package io.gamehall.launcher;

import io.gamehall.perf.report.ReportComparison;
import io.gamehall.perf.report.ReportException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.File;
import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code gamehall bench compare A B}: every figure of two reports' {@code summary.json} with
 * A, B and B/A, printed and written as {@code compare.json} and {@code compare.html} (into B's
 * folder, or {@code --out}). Exit code 2 when a report is missing or invalid.
 */
@Command(
    name = "compare",
    mixinStandardHelpOptions = true,
    description = {
        "Put two reports side by side: each figure of their summary.json with A,",
        "B and B/A (below 1 is less: better for latencies and errors, worse for",
        "throughput). Writes compare.json and compare.html into B's folder or",
        "--out. Exit code 2 when a report is missing or invalid."})
public final class BenchCompareCommand implements Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "A", description = "The reference report: its folder or its summary.json.")
    File a;

    @Parameters(index = "1", paramLabel = "B", description = "The report judged against A.")
    File b;

    @Option(names = "--out", description = "Folder for compare.json and compare.html (default B's folder).")
    File out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
    {
        final PrintWriter stdout = spec.commandLine().getOut();
        final PrintWriter stderr = spec.commandLine().getErr();
        try
        {
            final ReportComparison comparison = ReportComparison.of(a, b);
            final File dir = out != null ? out : b.isDirectory() ? b : b.getAbsoluteFile().getParentFile();
            comparison.write(dir);
            stdout.print(comparison.table());
            stdout.println("written: " + new File(dir, "compare.html").getPath() + ", " +
                new File(dir, "compare.json").getPath());
            stdout.flush();
            return 0;
        }
        catch (final ReportException ex)
        {
            stderr.println("error: " + ex.getMessage());
            stderr.flush();
            return 2;
        }
    }
}
