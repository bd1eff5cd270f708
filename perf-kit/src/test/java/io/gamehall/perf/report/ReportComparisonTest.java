package io.gamehall.perf.report;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Reports written and read back, and two of them compared figure by figure.
 */
class ReportComparisonTest
{
    @TempDir
    File dir;

    private static String summary(final double p99, final double movesPerSecond, final long errors)
    {
        return """
            {"format": 1, "kind": "load", "title": "t", "startTime": "2026-01-01T00:00:00Z", "durationSeconds": 30,
             "parameters": {"clients": 20},
             "operations": {"move": {"count": 1000, "p50Ms": 1.0, "p99Ms": %s}},
             "throughput": {"movesPerSecond": %s},
             "counts": {"gamesFinished": 0},
             "errors": {"total": %d, "byCode": {}},
             "load": {"processCpuPercent": {"unit": "%%", "avg": 80, "max": 100, "samples": 30}},
             "notes": []}
            """.formatted(p99, movesPerSecond, errors);
    }

    private File write(final String name, final String json) throws Exception
    {
        final File folder = new File(dir, name);
        Files.createDirectories(folder.toPath());
        Files.writeString(new File(folder, SummaryJson.FILE_NAME).toPath(), json);
        return folder;
    }

    @Test
    void shouldComputeTheRatioOfEveryFigureBOverA() throws Exception
    {
        final File a = write("a", summary(10.0, 700, 0));
        final File b = write("b", summary(15.0, 350, 0));

        final ReportComparison comparison = ReportComparison.of(a, b);

        assertThat(comparison.row("operations.move.p99Ms").ratio()).isCloseTo(1.5, within(1e-9));
        assertThat(comparison.row("operations.move.p50Ms").ratio()).isCloseTo(1.0, within(1e-9));
        assertThat(comparison.row("throughput.movesPerSecond").ratio()).isCloseTo(0.5, within(1e-9));
        assertThat(comparison.row("throughput.movesPerSecond").a()).isEqualTo(700);
        assertThat(comparison.row("throughput.movesPerSecond").b()).isEqualTo(350);
        assertThat(comparison.row("errors.total").ratio()).as("0 and 0").isEqualTo(1.0);
        assertThat(comparison.row("counts.gamesFinished").ratio()).isEqualTo(1.0);
        assertThat(comparison.row("load.processCpuPercent.max").ratio()).isEqualTo(1.0);
        assertThat(comparison.rows()).noneMatch(r -> r.figure().contains("samples") || r.figure().contains("clients"));
        assertThat(comparison.table()).contains("operations.move.p99Ms", "1.500", "0.500");

        comparison.write(b);
        final JsonNode written = SummaryJson.MAPPER.readTree(new File(b, "compare.json"));
        assertThat(written.get("rows").get(0).get("figure").asText()).isEqualTo("durationSeconds");
        assertThat(new File(b, "compare.html")).content().contains("operations.move.p99Ms");
    }

    @Test
    void shouldLeaveRatiosUndefinedWhenAIsZeroOrAFigureIsMissing() throws Exception
    {
        final File a = write("a", summary(10.0, 700, 0));
        final File b = write("b", summary(10.0, 700, 3).replace("\"p50Ms\": 1.0, ", ""));

        final ReportComparison comparison = ReportComparison.of(a, b);

        assertThat(comparison.row("errors.total").ratio()).isNaN();
        assertThat(comparison.row("operations.move.p50Ms").b()).isNaN();
        assertThat(comparison.row("operations.move.p50Ms").ratio()).isNaN();
    }

    @Test
    void shouldRefuseMissingInvalidAndMismatchedReports() throws Exception
    {
        final File good = write("good", summary(1, 1, 0));
        final File notJson = write("bad", "{ not json");
        final File notSummary = write("other", "{\"hello\": 1}");
        final File master = write("master", summary(1, 1, 0).replace("\"kind\": \"load\"", "\"kind\": \"master\""));

        assertThatThrownBy(() -> ReportComparison.of(new File(dir, "nowhere"), good))
            .isInstanceOf(ReportException.class).hasMessageContaining("no report at");
        assertThatThrownBy(() -> ReportComparison.of(good, notJson))
            .isInstanceOf(ReportException.class).hasMessageContaining("is not valid JSON");
        assertThatThrownBy(() -> ReportComparison.of(notSummary, good))
            .isInstanceOf(ReportException.class).hasMessageContaining("is not a gamehall bench summary");
        assertThatThrownBy(() -> ReportComparison.of(good, master))
            .isInstanceOf(ReportException.class).hasMessageContaining("cannot compare a 'load' report with a 'master'");
    }

    @Test
    void shouldWriteAReportFolderThatReadsBackAsTheSameFigures()
    {
        final Histogram moves = new Histogram(3);
        for (int i = 1; i <= 100; i++)
        {
            moves.recordValue(i * 1_000L); // 1..100 ms in µs
        }
        final TimeSeries rate = new TimeSeries("moves/s", "per s", "throughput");
        rate.add(1, 10);
        rate.add(2, 30);
        final BenchReport report = new BenchReport("load", "test <run>", Instant.parse("2026-01-01T00:00:00Z"))
            .durationSeconds(2)
            .parameter("clients", 4)
            .operation("move", moves, 1_000.0)
            .throughput("movesPerSecond", 20)
            .errors("NO_ANSWER", 2)
            .errors("ZERO", 0)
            .series(rate);

        ReportWriter.write(report, dir);

        assertThat(new File(dir, "index.html")).content().contains("test &lt;run&gt;", "move.hgrm", "latency.png",
            "chart-throughput.png", "NO_ANSWER").doesNotContain("ZERO", "http");
        assertThat(new File(dir, "move.hgrm")).content().contains("Value     Percentile");
        assertThat(new File(dir, "latency.png")).isNotEmpty();
        assertThat(new File(dir, "chart-throughput.png")).isNotEmpty();
        final JsonNode summary = SummaryJson.read(dir);
        assertThat(SummaryJson.figures(summary))
            .containsEntry("operations.move.count", 100.0)
            .containsEntry("throughput.movesPerSecond", 20.0)
            .containsEntry("errors.total", 2.0)
            .containsEntry("errors.byCode.NO_ANSWER", 2.0)
            .containsEntry("load.movesPerSecond.avg", 20.0)
            .containsEntry("load.movesPerSecond.max", 30.0);
        assertThat(summary.at("/operations/move/p50Ms").asDouble()).isCloseTo(50.0, within(0.1));
        assertThat(summary.at("/operations/move/maxMs").asDouble()).isCloseTo(100.0, within(0.1));
        assertThat(summary.at("/parameters/clients").asInt()).isEqualTo(4);
    }
}
