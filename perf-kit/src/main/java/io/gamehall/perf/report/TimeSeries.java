package io.gamehall.perf.report;

import java.util.Arrays;

/**
 * One figure sampled over a run (seconds since the start → value), drawn on the chart it names.
 * Grows by doubling; a run samples once a second, so it stays small.
 */
public final class TimeSeries
{
    private final String name;
    private final String unit;
    private final String chart;
    private double[] seconds = new double[64];
    private double[] values = new double[64];
    private int size;

    /**
     * @param name  what is sampled, e.g. {@code moves/s}.
     * @param unit  its unit, for the chart's axis and the summary.
     * @param chart the chart it belongs to (series with the same chart are drawn together).
     */
    public TimeSeries(final String name, final String unit, final String chart)
    {
        this.name = name;
        this.unit = unit;
        this.chart = chart;
    }

    /**
     * @param atSeconds seconds since the start of the run.
     * @param value     the figure then; NaN is skipped.
     */
    public void add(final double atSeconds, final double value)
    {
        if (Double.isNaN(value))
        {
            return;
        }
        if (size == seconds.length)
        {
            seconds = Arrays.copyOf(seconds, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        seconds[size] = atSeconds;
        values[size] = value;
        size++;
    }

    public String name()
    {
        return name;
    }

    public String unit()
    {
        return unit;
    }

    public String chart()
    {
        return chart;
    }

    public int size()
    {
        return size;
    }

    /** @return the sample times, a copy. */
    public double[] seconds()
    {
        return Arrays.copyOf(seconds, size);
    }

    /** @return the values, a copy. */
    public double[] values()
    {
        return Arrays.copyOf(values, size);
    }

    /** @return mean of the values, NaN when empty. */
    public double average()
    {
        if (size == 0)
        {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < size; i++)
        {
            sum += values[i];
        }
        return sum / size;
    }

    /** @return largest value, NaN when empty. */
    public double max()
    {
        double max = Double.NaN;
        for (int i = 0; i < size; i++)
        {
            max = Double.isNaN(max) ? values[i] : Math.max(max, values[i]);
        }
        return max;
    }
}
