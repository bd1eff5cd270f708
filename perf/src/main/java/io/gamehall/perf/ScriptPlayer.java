package io.gamehall.perf;

import io.gamehall.sbe.master.InstanceEndedEncoder;
import io.gamehall.sbe.master.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Plays a {@link CommandScript} into an {@link EngineHarness}, one command per {@link #step()},
 * wrapping around at the end. The measured path: it allocates nothing and decodes nothing;
 * after a CreateInstance it copies the new instance's id and host from the response into
 * the InstanceEnded entry that will end it, and makes that host's session its sender.
 */
final class ScriptPlayer
{
    private static final ByteOrder ORDER = MessageHeaderEncoder.BYTE_ORDER;
    private static final int HOST_ID_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH + InstanceEndedEncoder.hostIdEncodingOffset();
    private static final int INSTANCE_ID_OFFSET =
        MessageHeaderEncoder.ENCODED_LENGTH + InstanceEndedEncoder.instanceIdEncodingOffset();

    private final EngineHarness harness;
    private final BenchmarkOutput output;
    private final CommandScript script;
    private final UnsafeBuffer buffer;
    private final int size;
    private int cursor;

    ScriptPlayer(final EngineHarness harness, final CommandScript script)
    {
        this.harness = harness;
        this.script = script;
        output = harness.output();
        buffer = script.buffer();
        size = script.size();
    }

    /**
     * @return index of the entry the next step applies; 0 at the start of a cycle.
     */
    int cursor()
    {
        return cursor;
    }

    /**
     * Apply the next command of the script.
     */
    void step()
    {
        final int entry = cursor;
        harness.apply(buffer, script.offset(entry), script.length(entry), script.client(entry));
        final int ended = script.endedBy(entry);
        if (ended != CommandScript.NONE)
        {
            wireInstanceEnded(ended);
        }
        cursor = entry + 1 == size ? 0 : entry + 1;
    }

    private void wireInstanceEnded(final int ended)
    {
        final long hostId = output.lastDetailId();
        final int hostClient = harness.clientOfServer(hostId);
        final int offset = script.offset(ended);
        buffer.putLong(offset + EngineHarness.CLIENT_ID_OFFSET, EngineHarness.clientId(hostClient), ORDER);
        buffer.putLong(offset + HOST_ID_OFFSET, hostId, ORDER);
        buffer.putLong(offset + INSTANCE_ID_OFFSET, output.lastSubjectId(), ORDER);
        script.client(ended, hostClient);
    }
}
