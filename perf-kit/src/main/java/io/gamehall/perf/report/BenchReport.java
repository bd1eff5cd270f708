package io.gamehall.perf.report;

import org.HdrHistogram.Histogram;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one benchmark run measured, ready for {@link ReportWriter}: its parameters, a latency
 * distribution per operation, throughput figures, counts, errors by code, figures sampled over
 * time and notes for the reader (what could not be measured, and why).
 */
public final class BenchReport
{
    /**
     * Round trips of one operation.
     *
     * @param histogram  the distribution, in the histogram's own unit.
     * @param unitsPerMs how many of that unit make a millisecond (1,000 for µs, 1,000,000 for ns).
     */
    public record Operation(Histogram histogram, double unitsPerMs)
    {
        /**
         * @param percentile 0..100.
         * @return the value at it, in ms.
         */
        public double millisAt(final double percentile)
        {
            return histogram.getValueAtPercentile(percentile) / unitsPerMs;
        }
    }

    private final String kind;
    private final String title;
    private final Instant startTime;
    private double durationSeconds;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, Operation> operations = new LinkedHashMap<>();
    private final Map<String, Double> throughput = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final Map<String, Long> errors = new TreeMap<>();
    private final List<TimeSeries> series = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * @param kind      what ran, e.g. {@code load} or {@code master}: {@code bench compare} compares like with like.
     * @param title     heading of the report.
     * @param startTime when the run started.
     */
    public BenchReport(final String kind, final String title, final Instant startTime)
    {
        this.kind = kind;
        this.title = title;
        this.startTime = startTime;
    }

    /** @param seconds how long the measured part of the run took. */
    public BenchReport durationSeconds(final double seconds)
    {
        this.durationSeconds = seconds;
        return this;
    }

    /** A run parameter (option), shown as given. */
    public BenchReport parameter(final String name, final Object value)
    {
        parameters.put(name, value);
        return this;
    }

    /** The round trips of an operation; names are file names too, so {@code [a-z0-9-]}. */
    public BenchReport operation(final String name, final Histogram histogram, final double unitsPerMs)
    {
        if (!name.matches("[a-z0-9-]+"))
        {
            throw new IllegalArgumentException("operation names are [a-z0-9-]+: " + name);
        }
        operations.put(name, new Operation(histogram, unitsPerMs));
        return this;
    }

    /** A rate over the run, per second. */
    public BenchReport throughput(final String name, final double perSecond)
    {
        throughput.put(name, perSecond);
        return this;
    }

    /** A count over the run. */
    public BenchReport count(final String name, final long value)
    {
        counts.put(name, value);
        return this;
    }

    /** Errors of one code (added to what the code has already); a count of 0 is left out. */
    public BenchReport errors(final String code, final long n)
    {
        if (n > 0)
        {
            errors.merge(code, n, Long::sum);
        }
        return this;
    }

    /** A figure sampled over the run. */
    public BenchReport series(final TimeSeries timeSeries)
    {
        series.add(timeSeries);
        return this;
    }

    /** A sentence for the reader. */
    public BenchReport note(final String note)
    {
        notes.add(note);
        return this;
    }

    public String kind()
    {
        return kind;
    }

    public String title()
    {
        return title;
    }

    public Instant startTime()
    {
        return startTime;
    }

    public double durationSeconds()
    {
        return durationSeconds;
    }

    public Map<String, Object> parameters()
    {
        return parameters;
    }

    public Map<String, Operation> operations()
    {
        return operations;
    }

    public Map<String, Double> throughput()
    {
        return throughput;
    }

    public Map<String, Long> counts()
    {
        return counts;
    }

    public Map<String, Long> errors()
    {
        return errors;
    }

    /** @return all errors together. */
    public long errorCount()
    {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    public List<TimeSeries> series()
    {
        return series;
    }

    public List<String> notes()
    {
        return notes;
    }
}
