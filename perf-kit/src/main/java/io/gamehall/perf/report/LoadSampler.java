package io.gamehall.perf.report;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Samples figures into {@link TimeSeries} each time {@link #sample(double)} is called (once a
 * second by the benchmarks): gauges as read, counters as a rate per second since the previous
 * sample. {@link #jvm()} adds this JVM's CPU, heap and GC pauses from its MXBeans.
 * One sampling thread; the suppliers must be cheap and safe to call from it.
 */
public final class LoadSampler
{
    private interface Probe
    {
        void sample(double atSeconds);
    }

    private final List<Probe> probes = new ArrayList<>();
    private final List<TimeSeries> series = new ArrayList<>();

    /**
     * A figure read as it is.
     *
     * @return this.
     */
    public LoadSampler gauge(final String name, final String unit, final String chart, final DoubleSupplier value)
    {
        final TimeSeries s = add(name, unit, chart);
        probes.add(at -> s.add(at, value.getAsDouble()));
        return this;
    }

    /**
     * A counter drawn as its rate per second between samples (the first sample sets the base).
     *
     * @return this.
     */
    public LoadSampler rate(final String name, final String unit, final String chart, final LongSupplier counter)
    {
        final TimeSeries s = add(name, unit, chart);
        probes.add(new Probe()
        {
            private long last = counter.getAsLong();
            private double lastAt;

            public void sample(final double atSeconds)
            {
                final long now = counter.getAsLong();
                if (atSeconds > lastAt)
                {
                    s.add(atSeconds, (now - last) / (atSeconds - lastAt));
                }
                last = now;
                lastAt = atSeconds;
            }
        });
        return this;
    }

    /**
     * This JVM's process CPU (% of one core × cores, i.e. 0..100 of the machine), the machine's CPU,
     * heap used and GC pause time per second, from its MXBeans.
     *
     * @return this.
     */
    public LoadSampler jvm()
    {
        final java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun)
        {
            gauge("process CPU %", "% of all cores", "CPU", () -> percent(sun.getProcessCpuLoad()));
            gauge("machine CPU %", "% of all cores", "CPU", () -> percent(sun.getCpuLoad()));
        }
        final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        gauge("heap used", "MB", "heap", () -> memory.getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0));
        final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        rate("GC pause ms/s", "ms per s", "GC", () ->
        {
            long sum = 0;
            for (final GarbageCollectorMXBean gc : collectors)
            {
                sum += Math.max(0, gc.getCollectionTime());
            }
            return sum;
        });
        return this;
    }

    private static double percent(final double load)
    {
        return load < 0 ? Double.NaN : load * 100.0;
    }

    private TimeSeries add(final String name, final String unit, final String chart)
    {
        final TimeSeries s = new TimeSeries(name, unit, chart);
        series.add(s);
        return s;
    }

    /**
     * Take one sample of every figure.
     *
     * @param atSeconds seconds since the start of the run.
     */
    public void sample(final double atSeconds)
    {
        for (final Probe probe : probes)
        {
            probe.sample(atSeconds);
        }
    }

    /**
     * @return the series, in the order they were added.
     */
    public List<TimeSeries> series()
    {
        return List.copyOf(series);
    }

    /**
     * @param name a series' name.
     * @return it, or null.
     */
    public TimeSeries series(final String name)
    {
        for (final TimeSeries s : series)
        {
            if (s.name().equals(name))
            {
                return s;
            }
        }
        return null;
    }
}
