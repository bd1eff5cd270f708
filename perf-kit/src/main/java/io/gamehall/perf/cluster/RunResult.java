package io.gamehall.perf.cluster;

import org.HdrHistogram.Histogram;

import java.util.List;

/**
 * What one configuration measured, or why it failed.
 *
 * @param kind           the service the nodes hosted.
 * @param nodes          how many nodes.
 * @param latency        round trips from each request's intended send time (ns).
 * @param uncorrected    round trips from the moment each request was handed to the client (ns).
 * @param sendLag        how late requests were handed to the client (ns).
 * @param senderCpu      share of a core the fixed-rate sender used while measuring, 0..1.
 * @param throughput     responses per second, pipelined; NaN when not measured.
 * @param requests       requests sent in all phases.
 * @param badResponses   responses that were not OK (master) or not the echo (echo).
 * @param badCodes       the master's non-OK result codes with counts, or "".
 * @param timeouts       requests the client gave up on.
 * @param events         events the client received.
 * @param errors         errors of the nodes, the client and its driver.
 * @param failure        why the configuration could not be measured, or null.
 */
record RunResult(
    ServiceKind kind,
    int nodes,
    Histogram latency,
    Histogram uncorrected,
    Histogram sendLag,
    double senderCpu,
    double throughput,
    long requests,
    long badResponses,
    String badCodes,
    long timeouts,
    long events,
    long errors,
    String failure)
{
    /**
     * Merge rounds of one configuration: histograms and counts added up, throughput and
     * sender CPU averaged, the first failure kept.
     *
     * @param rounds at least one, all of the same kind and node count.
     * @return the configuration over all rounds.
     */
    static RunResult combine(final List<RunResult> rounds)
    {
        final RunResult first = rounds.get(0);
        final Histogram latency = new Histogram(3);
        final Histogram uncorrected = new Histogram(3);
        final Histogram sendLag = new Histogram(3);
        double senderCpu = 0;
        double throughput = 0;
        long requests = 0;
        long badResponses = 0;
        final StringBuilder badCodes = new StringBuilder();
        long timeouts = 0;
        long events = 0;
        long errors = 0;
        String failure = null;
        for (final RunResult r : rounds)
        {
            latency.add(r.latency);
            uncorrected.add(r.uncorrected);
            sendLag.add(r.sendLag);
            senderCpu += r.senderCpu / rounds.size();
            throughput += r.throughput / rounds.size();
            requests += r.requests;
            badResponses += r.badResponses;
            if (!r.badCodes.isEmpty())
            {
                badCodes.append(badCodes.length() == 0 ? "" : "; ").append(r.badCodes);
            }
            timeouts += r.timeouts;
            events += r.events;
            errors += r.errors;
            failure = failure != null ? failure : r.failure;
        }
        return new RunResult(first.kind, first.nodes, latency, uncorrected, sendLag, senderCpu, throughput, requests,
            badResponses, badCodes.toString(), timeouts, events, errors, failure);
    }

    /**
     * @return e.g. {@code master-3-nodes}: file names and table rows.
     */
    String name()
    {
        return kind.label() + "-" + nodes + (nodes == 1 ? "-node" : "-nodes");
    }

    /**
     * @return true when the configuration ran to the end and every response was good.
     */
    boolean passed()
    {
        return failure == null && badResponses == 0 && timeouts == 0 && errors == 0;
    }
}
