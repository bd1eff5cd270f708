package io.gamehall.gateway;

import io.gamehall.sbe.master.ResultCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.IntSupplier;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Keeps this gateway in the master's directory: each run sends a heartbeat with the sessions
 * held; when the master answers that it declared the gateway dead (or does not know it), the
 * gateway registers again and everything that speaks as the gateway moves to the new id.
 */
final class GatewayHeartbeat implements Runnable
{
    private static final Logger LOG = LoggerFactory.getLogger(GatewayHeartbeat.class);

    private final MasterRegistry master;
    private final String name;
    private final String url;
    private final int capacity;
    private final String version;
    private final LongSupplier gatewayId;
    private final IntSupplier load;
    private final LongConsumer registeredAgain;

    /**
     * @param gatewayId       the id the gateway has now.
     * @param load            the sessions it holds now.
     * @param registeredAgain given the new id after a registration again.
     */
    GatewayHeartbeat(
        final MasterRegistry master,
        final String name,
        final String url,
        final int capacity,
        final String version,
        final LongSupplier gatewayId,
        final IntSupplier load,
        final LongConsumer registeredAgain)
    {
        this.master = master;
        this.name = name;
        this.url = url;
        this.capacity = capacity;
        this.version = version;
        this.gatewayId = gatewayId;
        this.load = load;
        this.registeredAgain = registeredAgain;
    }

    @Override
    public void run()
    {
        master.heartbeat(gatewayId.getAsLong(), load.getAsInt()).whenComplete((outcome, ex) ->
        {
            if (ex == null && (outcome.code() == ResultCode.SERVER_DEAD || outcome.code() == ResultCode.UNKNOWN_SERVER))
            {
                LOG.warn("the master answered {} to a heartbeat; registering again", outcome.code());
                master.registerGateway(name, url, capacity, version).thenAccept(again ->
                {
                    if (again.ok())
                    {
                        registeredAgain.accept(again.subjectId());
                    }
                });
            }
        });
    }
}
