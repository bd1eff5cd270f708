package io.gamehall.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.util.Iterator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code gamehall bench}: a short load run against the local stack in the test's JVM, a
 * comparison of two reports, and the refusals.
 */
class BenchCommandTest
{
    @TempDir
    File dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args)
    {
        final CommandLine commandLine = Gamehall.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void shouldRunBotsAgainstTheLocalStackAndWriteAReportWithEveryOperationAndNoErrors() throws Exception
    {
        final File reports = new File(dir, "report");
        final int exit = run("bench", "load", "--local", "--clients", "4", "--ramp", "1", "--duration", "8",
            "--drop-percent", "50", "--port", "0", "--master-port", "0", "--data-dir", new File(dir, "data").getPath(),
            "--report-dir", reports.getPath());
        System.out.println(out);

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("bots 4/4 in play", "master ", "commands/s", "report: ");
        for (final String file : new String[]{"index.html", "summary.json", "login.hgrm", "search.hgrm", "create.hgrm",
            "join.hgrm", "move.hgrm", "resume.hgrm", "latency.png", "chart-throughput.png", "chart-server.png"})
        {
            assertThat(new File(reports, file)).as(file).isNotEmpty();
        }
        final JsonNode summary = new ObjectMapper().readTree(new File(reports, "summary.json"));
        assertThat(summary.path("kind").asText()).isEqualTo("load");
        for (final String op : new String[]{"login", "search", "create", "join", "move", "resume", "move-after-ramp"})
        {
            final JsonNode node = summary.path("operations").path(op);
            assertThat(node.path("count").asLong()).as(op + " count").isPositive();
            assertThat(node.path("p50Ms").asDouble()).as(op + " p50").isPositive()
                .isLessThanOrEqualTo(node.path("p99Ms").asDouble());
            assertThat(node.path("maxMs").asDouble()).as(op + " max").isLessThan(10_000);
        }
        assertThat(summary.at("/errors/total").asLong()).as(summary.path("errors").toString()).isZero();
        assertThat(summary.at("/throughput/gamesFinishedPerSecond").asDouble()).isPositive();
        assertThat(summary.at("/throughput/movesPerSecond").asDouble()).isPositive();
        assertThat(summary.at("/counts/resumes").asLong()).isPositive();
        assertThat(summary.at("/load/masterCommandsPerSecond/max").asDouble()).isPositive();
        assertThat(summary.at("/load/gatewaySessions/max").asDouble()).isPositive();
        assertThat(summary.at("/load/heapUsed/max").asDouble()).isPositive();
        assertThat(summary.at("/parameters/clients").asInt()).isEqualTo(4);
        assertThat(new File(reports, "index.html")).content().contains("<img src=\"latency.png\"", "resume.hgrm");
    }

    @Test
    void shouldCompareTwoReportsWithTheRatioOfEachFigure() throws Exception
    {
        final File a = summary("a", 8.0, 600, 20);
        final File b = summary("b", 12.0, 300, 20);

        assertThat(run("bench", "compare", a.getPath(), b.getPath())).as(err.toString()).isZero();

        final JsonNode rows = new ObjectMapper().readTree(new File(b, "compare.json")).path("rows");
        assertThat(ratio(rows, "operations.move.p99Ms")).isEqualTo(1.5);
        assertThat(ratio(rows, "throughput.gamesFinishedPerSecond")).isEqualTo(0.5);
        assertThat(ratio(rows, "counts.moves")).isEqualTo(1.0);
        assertThat(out.toString()).contains("operations.move.p99Ms", "1.500", "0.500", "compare.html");
    }

    @Test
    void shouldRefuseBadArgumentsAndBadReportsWithExitCode2() throws Exception
    {
        assertThat(run("bench", "load", "--clients", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--clients must be 1..100000");
        assertThat(run("bench", "load", "--local", "--gateways", "ws://127.0.0.1:1/ws")).isEqualTo(2);
        assertThat(err.toString()).contains("either --local or --gateways");
        assertThat(run("bench", "load", "--gateways", "http://x")).isEqualTo(2);
        assertThat(run("bench", "load", "--game", "chess")).isEqualTo(2);
        assertThat(err.toString()).contains("connect-four only");
        assertThat(run("bench", "load", "--duration", "soon")).isEqualTo(2);
        assertThat(run("bench", "compare", new File(dir, "missing").getPath(), dir.getPath())).isEqualTo(2);
        assertThat(err.toString()).contains("no report at");
        final File bad = new File(dir, "bad");
        Files.createDirectories(bad.toPath());
        Files.writeString(new File(bad, "summary.json").toPath(), "[1, 2");
        assertThat(run("bench", "compare", summary("ok", 1, 1, 1).getPath(), bad.getPath())).isEqualTo(2);
        assertThat(err.toString()).contains("is not valid JSON");
        assertThat(run("bench", "compare", "only-one")).isEqualTo(2);
    }

    private File summary(final String name, final double p99, final double gamesPerSecond, final long moves)
        throws Exception
    {
        final File folder = new File(dir, name);
        Files.createDirectories(folder.toPath());
        Files.writeString(new File(folder, "summary.json").toPath(), """
            {"format": 1, "kind": "load", "title": "synthetic", "startTime": "2026-01-01T00:00:00Z",
             "durationSeconds": 30, "parameters": {},
             "operations": {"move": {"count": 100, "p99Ms": %s}},
             "throughput": {"gamesFinishedPerSecond": %s}, "counts": {"moves": %d},
             "errors": {"total": 0, "byCode": {}}, "load": {}, "notes": []}
            """.formatted(p99, gamesPerSecond, moves));
        return folder;
    }

    private static double ratio(final JsonNode rows, final String figure)
    {
        for (final Iterator<JsonNode> it = rows.elements(); it.hasNext(); )
        {
            final JsonNode row = it.next();
            if (row.path("figure").asText().equals(figure))
            {
                return row.path("ratio").asDouble();
            }
        }
        throw new AssertionError("no row " + figure + " in " + rows);
    }
}
