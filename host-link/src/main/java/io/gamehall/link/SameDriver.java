package io.gamehall.link;

import io.aeron.Aeron;
import io.aeron.Counter;
import org.agrona.concurrent.status.CountersReader;

/**
 * How a gateway and a game host that are clients of the same media driver find each other
 * and talk over {@code aeron:ipc} instead of UDP: the host allocates a counter in the driver,
 * labelled with the endpoint it registered with the master and holding the IPC stream id it
 * also listens on; a gateway that is about to publish to that endpoint looks for the counter
 * in its own driver and, when it is there, publishes to the IPC stream instead. The counter
 * lives as long as the host's Aeron client, so a host that is gone (or on another machine,
 * where the counter cannot be seen) is reached over UDP as before. Stream ids are
 * {@link #STREAM_BASE} plus the counter's id, unique within a driver.
 * <p>
 * Over IPC a message is written once into a shared log buffer and read from it: no UDP
 * sends, receives or status messages for the driver's thread to do.
 */
public final class SameDriver
{
    /** Type of a host's counter (Aeron's own types are below 1,000). */
    public static final int HOST_COUNTER_TYPE_ID = 7_105_001;
    /** Type of the counter that reserves a gateway's IPC reply stream. */
    public static final int GATEWAY_COUNTER_TYPE_ID = 7_105_002;
    /** IPC stream ids start here. */
    public static final int STREAM_BASE = 0x4000_0000;

    /** The channel of IPC streams. */
    public static final String IPC_CHANNEL = "aeron:ipc";

    private static final String HOST_LABEL = "gamehall host ipc: ";

    private SameDriver()
    {
    }

    /**
     * Tell gateways on this driver that the host of {@code endpoint} also listens on the
     * returned counter's stream (its value, {@link #STREAM_BASE} + its id).
     *
     * @return the counter: close it (or the client) to stop advertising.
     */
    public static Counter advertiseHost(final Aeron aeron, final String endpoint)
    {
        final Counter counter = aeron.addCounter(HOST_COUNTER_TYPE_ID, HOST_LABEL + endpoint);
        counter.setRelease(STREAM_BASE + counter.id());
        return counter;
    }

    /**
     * Reserve an IPC stream id for a gateway's replies.
     *
     * @return the counter whose value is the stream id.
     */
    public static Counter reserveGatewayStream(final Aeron aeron, final long gatewayId)
    {
        final Counter counter = aeron.addCounter(GATEWAY_COUNTER_TYPE_ID, "gamehall gateway ipc: " + gatewayId);
        counter.setRelease(STREAM_BASE + counter.id());
        return counter;
    }

    /**
     * @return the IPC stream the host of {@code endpoint} listens on when it is a client of this
     *     driver, or 0.
     */
    public static int hostStream(final CountersReader counters, final String endpoint)
    {
        final String label = HOST_LABEL + endpoint;
        final int max = counters.maxCounterId();
        for (int id = 0; id <= max; id++)
        {
            final int state = counters.getCounterState(id);
            if (state == CountersReader.RECORD_UNUSED)
            {
                break; // counters are allocated from the lowest id up
            }
            if (state == CountersReader.RECORD_ALLOCATED && counters.getCounterTypeId(id) == HOST_COUNTER_TYPE_ID &&
                label.equals(counters.getCounterLabel(id)))
            {
                return (int)counters.getCounterValue(id);
            }
        }
        return 0;
    }
}
