package io.gamehall.perf.gateway;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What this JVM spent over a stretch of time: bytes allocated and CPU time used by each family
 * of threads (the name without its trailing number), collections and their time per collector,
 * and the CPU time of the process.
 * Taken before and after a benchmark's measured window, so allocation per relayed message can
 * be read off without a profiler.
 */
final class JvmUsage
{
    /**
     * One reading.
     *
     * @param nanoTime         when it was taken ({@link System#nanoTime()}).
     * @param allocatedByFamily bytes allocated so far by the live threads of each family.
     * @param cpuNsByFamily    CPU time so far of the live threads of each family.
     * @param collections      collections so far per collector.
     * @param collectionMillis time in collections so far per collector.
     * @param cpuNs            CPU time of the process so far, -1 when unknown.
     */
    record Snapshot(long nanoTime, Map<String, Long> allocatedByFamily, Map<String, Long> cpuNsByFamily,
        Map<String, Long> collections, Map<String, Long> collectionMillis, long cpuNs)
    {
    }

    private static final Map<Long, String> NAMES = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, String> FAMILIES = new java.util.concurrent.ConcurrentHashMap<>();

    private JvmUsage()
    {
    }

    /**
     * @return a reading now.
     */
    static Snapshot take()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long[] ids = threads.getAllThreadIds();
        final long[] bytes = threads.getThreadAllocatedBytes(ids);
        final long[] cpu = threads.getThreadCpuTime(ids);
        final String[] names = names(threads, ids);
        final Map<String, Long> byFamily = new TreeMap<>();
        final Map<String, Long> cpuByFamily = new TreeMap<>();
        for (int i = 0; i < ids.length; i++)
        {
            if (names[i] != null && bytes[i] >= 0)
            {
                byFamily.merge(FAMILIES.computeIfAbsent(names[i], JvmUsage::family), bytes[i], Long::sum);
            }
            if (names[i] != null && cpu[i] >= 0)
            {
                cpuByFamily.merge(FAMILIES.computeIfAbsent(names[i], JvmUsage::family), cpu[i], Long::sum);
            }
        }
        final Map<String, Long> counts = new TreeMap<>();
        final Map<String, Long> millis = new TreeMap<>();
        for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
        {
            counts.put(gc.getName(), Math.max(0, gc.getCollectionCount()));
            millis.put(gc.getName(), Math.max(0, gc.getCollectionTime()));
        }
        final long processCpu = ManagementFactory.getOperatingSystemMXBean() instanceof
            com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
        return new Snapshot(System.nanoTime(), byFamily, cpuByFamily, counts, millis, processCpu);
    }

    /**
     * Thread names by id, looked up once per thread: {@code getThreadInfo} stops the JVM at a
     * safepoint (every thread of the system being measured waits for it), the other readings
     * do not.
     */
    private static String[] names(final ThreadMXBean threads, final long[] ids)
    {
        final String[] names = new String[ids.length];
        int unknown = 0;
        for (int i = 0; i < ids.length; i++)
        {
            names[i] = NAMES.get(ids[i]);
            unknown += names[i] == null ? 1 : 0;
        }
        if (unknown > 0)
        {
            final long[] lookUp = new long[unknown];
            for (int i = 0, k = 0; i < ids.length; i++)
            {
                if (names[i] == null)
                {
                    lookUp[k++] = ids[i];
                }
            }
            for (final java.lang.management.ThreadInfo info : threads.getThreadInfo(lookUp))
            {
                if (info != null)
                {
                    NAMES.put(info.getThreadId(), info.getThreadName());
                }
            }
            for (int i = 0; i < ids.length; i++)
            {
                names[i] = names[i] == null ? NAMES.get(ids[i]) : names[i];
            }
        }
        return names;
    }

    /**
     * A thread's family: its name without trailing {@code -<number>}s (pool threads), media
     * driver threads by whose driver they are and their agents.
     */
    static String family(final String threadName)
    {
        final int bracket = threadName.indexOf(" [");
        if (bracket >= 0)
        {
            // an Aeron media driver's agents, named after its directory: the master's, or host and gateway's
            return (threadName.contains("master") ? "master's media driver" : "media driver") +
                threadName.substring(bracket);
        }
        return threadName.replaceFirst("(-\\d+)+$", "");
    }

    /**
     * Lines that describe the stretch between two readings.
     *
     * @param messages messages handled in the stretch, for the per-message figures.
     * @param top      how many thread families to name (the largest allocators, the busiest).
     */
    static List<String> describe(final Snapshot from, final Snapshot to, final long messages, final int top)
    {
        final List<String> lines = new ArrayList<>();
        final double seconds = (to.nanoTime() - from.nanoTime()) / 1e9;
        final Map<String, Long> allocated = new TreeMap<>();
        long total = 0;
        for (final Map.Entry<String, Long> e : to.allocatedByFamily().entrySet())
        {
            final long delta = e.getValue() - from.allocatedByFamily().getOrDefault(e.getKey(), 0L);
            if (delta > 0)
            {
                allocated.put(e.getKey(), delta);
                total += delta;
            }
        }
        final long perMessageDivisor = Math.max(1, messages);
        lines.add(String.format("allocated %,d bytes in %.1f s: %,.1f bytes per message (%,d messages)", total,
            seconds, (double)total / perMessageDivisor, messages));
        allocated.entrySet().stream()
            .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
            .limit(top)
            .forEach(e -> lines.add(String.format("  %-40s %,14d bytes %,10.1f per message", e.getKey(), e.getValue(),
                (double)e.getValue() / perMessageDivisor)));
        final long windowNs = Math.max(1, to.nanoTime() - from.nanoTime());
        lines.add("CPU by thread family (% of one core):");
        to.cpuNsByFamily().entrySet().stream()
            .map(e -> Map.entry(e.getKey(), e.getValue() - from.cpuNsByFamily().getOrDefault(e.getKey(), 0L)))
            .filter(e -> e.getValue() > 0)
            .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
            .limit(top)
            .forEach(e -> lines.add(String.format("  %-40s %5.1f%%  %,8.1f us per message", e.getKey(),
                100.0 * e.getValue() / windowNs, e.getValue() / 1e3 / perMessageDivisor)));
        final StringBuilder gc = new StringBuilder("collections:");
        for (final Map.Entry<String, Long> e : to.collections().entrySet())
        {
            final long count = e.getValue() - from.collections().getOrDefault(e.getKey(), 0L);
            final long ms = to.collectionMillis().getOrDefault(e.getKey(), 0L) -
                from.collectionMillis().getOrDefault(e.getKey(), 0L);
            gc.append(String.format(" %s %d (%d ms)", e.getKey(), count, ms));
        }
        if (to.cpuNs() >= 0 && from.cpuNs() >= 0)
        {
            gc.append(String.format("; CPU %.0f%% of one core", 100.0 * (to.cpuNs() - from.cpuNs()) / windowNs));
        }
        lines.add(gc.toString());
        return lines;
    }
}
