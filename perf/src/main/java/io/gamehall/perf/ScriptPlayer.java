package io.gamehall.perf;

import io.gamehall.sbe.master.InstanceEndedEncoder;
import io.gamehall.sbe.master.MessageHeaderEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * Plays a {@link CommandScript} into an {@link EngineHarness}, one command per {@link #step()},
 * wrapping around at the end. The measured path: it allocates nothing and decodes nothing,
 * and reads the script as one stream, entry header then command. After a CreateInstance it
 * keeps the new instance's id and host, under the pair number it shares with the
 * InstanceEnded entry that will end that instance; that entry gets them, and the host's
 * session as its sender, just before it is applied.
 */
final class ScriptPlayer
{
    private static final ByteOrder ORDER = MessageHeaderEncoder.BYTE_ORDER;
    private static final int HOST_ID_OFFSET = MessageHeaderEncoder.ENCODED_LENGTH + InstanceEndedEncoder.hostIdEncodingOffset();
    private static final int INSTANCE_ID_OFFSET =
        MessageHeaderEncoder.ENCODED_LENGTH + InstanceEndedEncoder.instanceIdEncodingOffset();

    private final EngineHarness harness;
    private final BenchmarkOutput output;
    private final UnsafeBuffer buffer;
    private final int end;
    private final long[] createdHost = new long[Mix.BLOCK];
    private final long[] createdInstance = new long[Mix.BLOCK];
    private int position;
    private int cursor;

    ScriptPlayer(final EngineHarness harness, final CommandScript script)
    {
        this.harness = harness;
        output = harness.output();
        buffer = script.buffer();
        end = buffer.capacity();
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
        final int entry = position;
        final int length = buffer.getInt(entry + CommandScript.LENGTH_OFFSET);
        final int info = buffer.getInt(entry + CommandScript.INFO_OFFSET);
        final int command = entry + CommandScript.ENTRY_HEADER;
        final int client = (info & CommandScript.ENDS) != 0 ?
            wireInstanceEnded(command, info >>> CommandScript.PAIR_SHIFT) : info & CommandScript.CLIENT_MASK;
        harness.apply(buffer, command, length, client);
        if ((info & CommandScript.CREATES) != 0)
        {
            final int pair = info >>> CommandScript.PAIR_SHIFT;
            createdHost[pair] = output.lastDetailId();
            createdInstance[pair] = output.lastSubjectId();
        }
        final int next = CommandScript.nextEntry(entry, length);
        if (next == end)
        {
            position = 0;
            cursor = 0;
        }
        else
        {
            position = next;
            cursor++;
        }
    }

    /**
     * Give an InstanceEnded entry the host and instance of its pair's CreateInstance.
     *
     * @return the client session of that host, which sends it.
     */
    private int wireInstanceEnded(final int command, final int pair)
    {
        final long hostId = createdHost[pair];
        final int hostClient = harness.clientOfServer(hostId);
        buffer.putLong(command + EngineHarness.CLIENT_ID_OFFSET, EngineHarness.clientId(hostClient), ORDER);
        buffer.putLong(command + HOST_ID_OFFSET, hostId, ORDER);
        buffer.putLong(command + INSTANCE_ID_OFFSET, createdInstance[pair], ORDER);
        return hostClient;
    }
}
