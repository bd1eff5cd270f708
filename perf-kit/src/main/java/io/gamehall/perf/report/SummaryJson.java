package io.gamehall.perf.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.File;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The machine-readable side of a report, {@code summary.json}: written from a {@link BenchReport}
 * and read back as flat figures ({@code operations.move.p99Ms}, {@code throughput.gamesFinishedPerSecond},
 * {@code errors.total}, {@code load.processCpuPercent.avg} ...) for {@link ReportComparison}.
 * <pre>
 * { "format": 1, "kind": "load", "title": ..., "startTime": ISO-8601, "durationSeconds": ...,
 *   "parameters": {...},
 *   "operations": { "move": { "count", "meanMs", "p50Ms", "p90Ms", "p99Ms", "p999Ms", "maxMs" }, ... },
 *   "throughput": { "movesPerSecond": ..., ... }, "counts": {...},
 *   "errors": { "total": n, "byCode": { CODE: n } },
 *   "load": { "processCpuPercent": { "unit", "avg", "max", "samples" }, ... }, "notes": [...] }
 * </pre>
 */
public final class SummaryJson
{
    /** File name inside a report folder. */
    public static final String FILE_NAME = "summary.json";
    /** Layout version; a reader refuses others. */
    public static final int FORMAT = 1;

    static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SummaryJson()
    {
    }

    /**
     * @param report what a run measured.
     * @return its summary.
     */
    public static ObjectNode of(final BenchReport report)
    {
        final ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("kind", report.kind());
        root.put("title", report.title());
        root.put("startTime", report.startTime().toString());
        root.put("durationSeconds", round(report.durationSeconds()));
        final ObjectNode parameters = root.putObject("parameters");
        report.parameters().forEach((name, value) -> parameters.putPOJO(name, value));
        final ObjectNode operations = root.putObject("operations");
        report.operations().forEach((name, op) ->
        {
            final ObjectNode node = operations.putObject(name);
            node.put("count", op.histogram().getTotalCount());
            node.put("meanMs", round(op.histogram().getTotalCount() == 0 ? 0 : op.histogram().getMean() / op.unitsPerMs()));
            node.put("p50Ms", round(op.millisAt(50)));
            node.put("p90Ms", round(op.millisAt(90)));
            node.put("p99Ms", round(op.millisAt(99)));
            node.put("p999Ms", round(op.millisAt(99.9)));
            node.put("maxMs", round(op.histogram().getMaxValue() / op.unitsPerMs()));
        });
        final ObjectNode throughput = root.putObject("throughput");
        report.throughput().forEach((name, value) -> throughput.put(name, round(value)));
        final ObjectNode counts = root.putObject("counts");
        report.counts().forEach(counts::put);
        final ObjectNode errors = root.putObject("errors");
        errors.put("total", report.errorCount());
        final ObjectNode byCode = errors.putObject("byCode");
        report.errors().forEach(byCode::put);
        final ObjectNode load = root.putObject("load");
        for (final TimeSeries series : report.series())
        {
            final ObjectNode node = load.putObject(key(series.name()));
            node.put("unit", series.unit());
            node.put("avg", round(series.average()));
            node.put("max", round(series.max()));
            node.put("samples", series.size());
        }
        final var notes = root.putArray("notes");
        report.notes().forEach(notes::add);
        return root;
    }

    /**
     * Read a summary: the file itself, or the {@code summary.json} in a report folder.
     *
     * @param fileOrFolder where it is.
     * @return its tree.
     * @throws ReportException when it is missing, not JSON or not a summary of this format.
     */
    public static JsonNode read(final File fileOrFolder)
    {
        final File file = fileOrFolder.isDirectory() ? new File(fileOrFolder, FILE_NAME) : fileOrFolder;
        if (!file.isFile())
        {
            throw new ReportException("no report at " + fileOrFolder + " (expected a report folder with " + FILE_NAME +
                " or the file itself)");
        }
        final JsonNode root;
        try
        {
            root = MAPPER.readTree(file);
        }
        catch (final IOException ex)
        {
            throw new ReportException(file + " is not valid JSON: " + ex.getMessage());
        }
        if (root == null || !root.isObject() || root.path("format").asInt(-1) != FORMAT || !root.path("kind").isTextual() ||
            !root.path("operations").isObject())
        {
            throw new ReportException(file + " is not a gamehall bench summary (format " + FORMAT +
                " with kind and operations)");
        }
        return root;
    }

    /**
     * @param summary a summary's tree.
     * @return every numeric figure by its dotted path, in document order (parameters and notes left out).
     */
    public static Map<String, Double> figures(final JsonNode summary)
    {
        final Map<String, Double> figures = new LinkedHashMap<>();
        if (summary.path("durationSeconds").isNumber())
        {
            figures.put("durationSeconds", summary.get("durationSeconds").asDouble());
        }
        for (final String section : new String[]{"operations", "throughput", "counts", "errors", "load"})
        {
            flatten(section, summary.path(section), figures);
        }
        return figures;
    }

    private static void flatten(final String path, final JsonNode node, final Map<String, Double> figures)
    {
        if (node.isNumber())
        {
            figures.put(path, node.asDouble());
            return;
        }
        if (node.isObject())
        {
            for (final Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); )
            {
                final Map.Entry<String, JsonNode> field = it.next();
                if (!field.getKey().equals("samples"))
                {
                    flatten(path + "." + field.getKey(), field.getValue(), figures);
                }
            }
        }
    }

    /**
     * @param name a series name such as {@code moves/s} or {@code process CPU}.
     * @return a JSON key such as {@code movesPerSecond} or {@code processCpu}.
     */
    static String key(final String name)
    {
        final String[] words = name.replace("/s", " per second").replace("%", " percent").split("[^A-Za-z0-9]+");
        final StringBuilder key = new StringBuilder();
        for (final String word : words)
        {
            if (word.isEmpty())
            {
                continue;
            }
            key.append(key.length() == 0 ? Character.toLowerCase(word.charAt(0)) : Character.toUpperCase(word.charAt(0)))
                .append(word, 1, word.length());
        }
        return key.toString();
    }

    private static double round(final double value)
    {
        return Double.isFinite(value) ? Math.round(value * 1000.0) / 1000.0 : 0;
    }
}
