package io.gamehall.perf.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two reports side by side: every figure of their summaries with A, B and the ratio B / A, so a
 * change (B) can be judged against the last run (A). Below 1 is less: for latencies and errors
 * better, for throughput worse.
 */
public final class ReportComparison
{
    /**
     * One figure of both reports.
     *
     * @param figure dotted path in {@code summary.json}, e.g. {@code operations.move.p99Ms}.
     * @param a      its value in A, NaN when A does not have it.
     * @param b      its value in B, NaN when B does not have it.
     * @param ratio  b / a; 1 when both are 0; NaN when either is missing or only A is 0.
     */
    public record Row(String figure, double a, double b, double ratio)
    {
    }

    private final String nameA;
    private final String nameB;
    private final List<Row> rows;

    private ReportComparison(final String nameA, final String nameB, final List<Row> rows)
    {
        this.nameA = nameA;
        this.nameB = nameB;
        this.rows = rows;
    }

    /**
     * @param a the reference report (folder or summary.json).
     * @param b the report judged against it.
     * @return the comparison.
     * @throws ReportException when either is missing or invalid, or they are of different kinds.
     */
    public static ReportComparison of(final File a, final File b)
    {
        return of(a.getPath(), SummaryJson.read(a), b.getPath(), SummaryJson.read(b));
    }

    /**
     * @return the comparison of two summaries' trees.
     */
    public static ReportComparison of(final String nameA, final JsonNode a, final String nameB, final JsonNode b)
    {
        final String kindA = a.path("kind").asText();
        final String kindB = b.path("kind").asText();
        if (!kindA.equals(kindB))
        {
            throw new ReportException("cannot compare a '" + kindA + "' report with a '" + kindB + "' report");
        }
        final Map<String, Double> figuresA = SummaryJson.figures(a);
        final Map<String, Double> figuresB = SummaryJson.figures(b);
        final Set<String> names = new LinkedHashSet<>(figuresA.keySet());
        names.addAll(figuresB.keySet());
        final List<Row> rows = new ArrayList<>();
        for (final String name : names)
        {
            final double va = figuresA.getOrDefault(name, Double.NaN);
            final double vb = figuresB.getOrDefault(name, Double.NaN);
            rows.add(new Row(name, va, vb, ratio(va, vb)));
        }
        return new ReportComparison(nameA, nameB, List.copyOf(rows));
    }

    static double ratio(final double a, final double b)
    {
        if (Double.isNaN(a) || Double.isNaN(b))
        {
            return Double.NaN;
        }
        if (a == 0)
        {
            return b == 0 ? 1.0 : Double.NaN;
        }
        return b / a;
    }

    public List<Row> rows()
    {
        return rows;
    }

    /**
     * @param figure a dotted path.
     * @return its row.
     * @throws IllegalArgumentException when neither report has it.
     */
    public Row row(final String figure)
    {
        return rows.stream().filter(r -> r.figure.equals(figure)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no figure " + figure));
    }

    /**
     * @return the table as text, one figure a line.
     */
    public String table()
    {
        int width = "figure".length();
        for (final Row row : rows)
        {
            width = Math.max(width, row.figure.length());
        }
        final StringBuilder t = new StringBuilder();
        t.append("A = ").append(nameA).append('\n').append("B = ").append(nameB).append('\n');
        t.append(String.format("%-" + width + "s %14s %14s %8s%n", "figure", "A", "B", "B/A"));
        for (final Row row : rows)
        {
            t.append(String.format("%-" + width + "s %14s %14s %8s%n", row.figure, num(row.a), num(row.b), ratioText(row.ratio)));
        }
        return t.toString();
    }

    /**
     * Write {@code compare.json} and {@code compare.html} into a folder.
     *
     * @param dir made when missing.
     * @throws ReportException when it cannot be written.
     */
    public void write(final File dir)
    {
        final ObjectNode root = SummaryJson.MAPPER.createObjectNode();
        root.put("a", nameA);
        root.put("b", nameB);
        final ArrayNode array = root.putArray("rows");
        for (final Row row : rows)
        {
            final ObjectNode node = array.addObject();
            node.put("figure", row.figure);
            putNumber(node, "a", row.a);
            putNumber(node, "b", row.b);
            putNumber(node, "ratio", row.ratio);
        }
        final StringBuilder h = new StringBuilder(8_192);
        h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>gamehall bench compare</title>\n" +
            "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;" +
            "padding:3px 8px;text-align:right}th{background:#eee}td:first-child{text-align:left}</style></head><body>\n")
            .append("<h1>gamehall bench compare</h1>\n<p>A = ").append(ReportWriter.esc(nameA)).append("<br>B = ")
            .append(ReportWriter.esc(nameB)).append("</p>\n<p>B/A below 1 is less: for latencies and errors better, " +
                "for throughput worse.</p>\n<table><tr><th>figure</th><th>A</th><th>B</th><th>B/A</th></tr>\n");
        for (final Row row : rows)
        {
            h.append("<tr><td>").append(ReportWriter.esc(row.figure)).append("</td><td>").append(num(row.a))
                .append("</td><td>").append(num(row.b)).append("</td><td>").append(ratioText(row.ratio)).append("</td></tr>\n");
        }
        h.append("</table>\n</body></html>\n");
        try
        {
            Files.createDirectories(dir.toPath());
            Files.writeString(new File(dir, "compare.json").toPath(), SummaryJson.MAPPER.writeValueAsString(root));
            Files.writeString(new File(dir, "compare.html").toPath(), h.toString());
        }
        catch (final IOException ex)
        {
            throw new ReportException("cannot write the comparison to " + dir + ": " + ex.getMessage());
        }
    }

    private static void putNumber(final ObjectNode node, final String field, final double value)
    {
        if (Double.isNaN(value))
        {
            node.putNull(field);
        }
        else
        {
            node.put(field, value);
        }
    }

    private static String num(final double value)
    {
        return Double.isNaN(value) ? "-" : value == Math.rint(value) && Math.abs(value) < 1e15 ?
            String.format("%,d", (long)value) : String.format("%,.3f", value);
    }

    private static String ratioText(final double ratio)
    {
        return Double.isNaN(ratio) ? "-" : String.format("%.3f", ratio);
    }
}
