package io.gamehall.perf.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link BenchReport} as a report folder: {@code index.html} (tables and the charts, no
 * script and nothing fetched from elsewhere), {@code summary.json} ({@link SummaryJson}), one
 * {@code <operation>.hgrm} per operation (HdrHistogram's percentile distribution, in ms) and the
 * charts as PNG drawn with XChart: {@code latency.png} (percentiles per operation) and one
 * {@code chart-<name>.png} per group of time series.
 */
public final class ReportWriter
{
    /** Percentiles of the latency chart and the tables. */
    private static final double[] PERCENTILES = {50, 90, 99, 99.9};
    private static final String[] PERCENTILE_LABELS = {"p50", "p90", "p99", "p99.9"};
    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;

    private ReportWriter()
    {
    }

    /**
     * @param report what a run measured.
     * @param dir    the report folder; made when missing, files in it replaced.
     * @return the index page.
     * @throws ReportException when the folder cannot be written.
     */
    public static File write(final BenchReport report, final File dir)
    {
        System.setProperty("java.awt.headless", "true"); // charts are drawn off screen, on any machine
        try
        {
            Files.createDirectories(dir.toPath());
            for (final Map.Entry<String, BenchReport.Operation> op : report.operations().entrySet())
            {
                try (PrintStream out = new PrintStream(new FileOutputStream(new File(dir, op.getKey() + ".hgrm")), false,
                    StandardCharsets.UTF_8))
                {
                    op.getValue().histogram().outputPercentileDistribution(out, op.getValue().unitsPerMs());
                }
            }
            Files.writeString(new File(dir, SummaryJson.FILE_NAME).toPath(),
                SummaryJson.MAPPER.writeValueAsString(SummaryJson.of(report)));
            final List<String> charts = new ArrayList<>();
            if (!report.operations().isEmpty())
            {
                BitmapEncoder.saveBitmap(latencyChart(report), new File(dir, "latency").getPath(),
                    BitmapEncoder.BitmapFormat.PNG);
                charts.add("latency.png");
            }
            for (final Map.Entry<String, List<TimeSeries>> group : groups(report).entrySet())
            {
                final String name = "chart-" + slug(group.getKey());
                BitmapEncoder.saveBitmap(timeChart(group.getKey(), group.getValue()), new File(dir, name).getPath(),
                    BitmapEncoder.BitmapFormat.PNG);
                charts.add(name + ".png");
            }
            final File index = new File(dir, "index.html");
            Files.writeString(index.toPath(), html(report, charts));
            return index;
        }
        catch (final IOException ex)
        {
            throw new ReportException("cannot write the report to " + dir + ": " + ex.getMessage());
        }
    }

    private static Map<String, List<TimeSeries>> groups(final BenchReport report)
    {
        final Map<String, List<TimeSeries>> groups = new LinkedHashMap<>();
        for (final TimeSeries series : report.series())
        {
            if (series.size() > 0)
            {
                groups.computeIfAbsent(series.chart(), c -> new ArrayList<>()).add(series);
            }
        }
        return groups;
    }

    private static CategoryChart latencyChart(final BenchReport report)
    {
        final CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
            .title("Round trip percentiles per operation").xAxisTitle("operation").yAxisTitle("ms").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        final List<String> names = new ArrayList<>(report.operations().keySet());
        for (int p = 0; p < PERCENTILES.length; p++)
        {
            final List<Double> values = new ArrayList<>();
            for (final String name : names)
            {
                values.add(report.operations().get(name).millisAt(PERCENTILES[p]));
            }
            chart.addSeries(PERCENTILE_LABELS[p], names, values);
        }
        return chart;
    }

    private static XYChart timeChart(final String title, final List<TimeSeries> group)
    {
        final XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
            .xAxisTitle("seconds since the start").yAxisTitle(unitsOf(group)).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        for (final TimeSeries series : group)
        {
            chart.addSeries(series.name(), series.seconds(), series.values()).setMarker(SeriesMarkers.NONE);
        }
        return chart;
    }

    private static String unitsOf(final List<TimeSeries> group)
    {
        final List<String> units = new ArrayList<>();
        for (final TimeSeries series : group)
        {
            if (!units.contains(series.unit()))
            {
                units.add(series.unit());
            }
        }
        return String.join(", ", units);
    }

    private static String html(final BenchReport report, final List<String> charts)
    {
        final StringBuilder h = new StringBuilder(8_192);
        h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(esc(report.title()))
            .append("</title>\n<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;" +
                "margin-bottom:1.5em}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}" +
                "th{background:#eee}td:first-child,th:first-child{text-align:left}</style></head><body>\n");
        h.append("<h1>").append(esc(report.title())).append("</h1>\n<p>kind <b>").append(esc(report.kind()))
            .append("</b>, started ").append(esc(report.startTime().toString())).append(", measured ")
            .append(String.format("%.1f", report.durationSeconds())).append(" s, errors <b>")
            .append(report.errorCount()).append("</b>. Machine-readable: <a href=\"summary.json\">summary.json</a>.</p>\n");
        if (!report.notes().isEmpty())
        {
            h.append("<ul>\n");
            report.notes().forEach(n -> h.append("<li>").append(esc(n)).append("</li>\n"));
            h.append("</ul>\n");
        }

        h.append("<h2>Latency per operation (ms)</h2>\n<table><tr><th>operation</th><th>count</th><th>mean</th>");
        for (final String label : PERCENTILE_LABELS)
        {
            h.append("<th>").append(label).append("</th>");
        }
        h.append("<th>max</th><th>distribution</th></tr>\n");
        report.operations().forEach((name, op) ->
        {
            h.append("<tr><td>").append(esc(name)).append("</td><td>").append(op.histogram().getTotalCount())
                .append("</td><td>").append(ms(op.histogram().getTotalCount() == 0 ? 0 : op.histogram().getMean() / op.unitsPerMs()))
                .append("</td>");
            for (final double p : PERCENTILES)
            {
                h.append("<td>").append(ms(op.millisAt(p))).append("</td>");
            }
            h.append("<td>").append(ms(op.histogram().getMaxValue() / op.unitsPerMs())).append("</td><td><a href=\"")
                .append(esc(name)).append(".hgrm\">").append(esc(name)).append(".hgrm</a></td></tr>\n");
        });
        h.append("</table>\n");

        h.append("<h2>Throughput and counts</h2>\n<table><tr><th>figure</th><th>value</th></tr>\n");
        report.throughput().forEach((name, value) ->
            h.append("<tr><td>").append(esc(name)).append("</td><td>").append(String.format("%,.1f", value)).append("</td></tr>\n"));
        report.counts().forEach((name, value) ->
            h.append("<tr><td>").append(esc(name)).append("</td><td>").append(String.format("%,d", value)).append("</td></tr>\n"));
        h.append("</table>\n");

        h.append("<h2>Errors by code</h2>\n");
        if (report.errors().isEmpty())
        {
            h.append("<p>none</p>\n");
        }
        else
        {
            h.append("<table><tr><th>code</th><th>count</th></tr>\n");
            report.errors().forEach((code, n) ->
                h.append("<tr><td>").append(esc(code)).append("</td><td>").append(n).append("</td></tr>\n"));
            h.append("</table>\n");
        }

        if (!report.series().isEmpty())
        {
            h.append("<h2>Load over the run</h2>\n<table><tr><th>figure</th><th>unit</th><th>average</th><th>max</th>" +
                "<th>samples</th></tr>\n");
            for (final TimeSeries s : report.series())
            {
                h.append("<tr><td>").append(esc(s.name())).append("</td><td>").append(esc(s.unit())).append("</td><td>")
                    .append(num(s.average())).append("</td><td>").append(num(s.max())).append("</td><td>").append(s.size())
                    .append("</td></tr>\n");
            }
            h.append("</table>\n");
        }

        h.append("<h2>Charts</h2>\n");
        for (final String chart : charts)
        {
            h.append("<p><img src=\"").append(esc(chart)).append("\" alt=\"").append(esc(chart)).append("\"></p>\n");
        }

        h.append("<h2>Parameters</h2>\n<table><tr><th>parameter</th><th>value</th></tr>\n");
        report.parameters().forEach((name, value) -> h.append("<tr><td>").append(esc(name)).append("</td><td>")
            .append(esc(String.valueOf(value))).append("</td></tr>\n"));
        h.append("</table>\n</body></html>\n");
        return h.toString();
    }

    static String esc(final String text)
    {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String ms(final double value)
    {
        return String.format("%.3f", value);
    }

    private static String num(final double value)
    {
        return Double.isNaN(value) ? "-" : String.format("%,.2f", value);
    }

    static String slug(final String name)
    {
        final String slug = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "series" : slug;
    }
}
