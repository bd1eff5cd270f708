package io.gamehall.master;

import io.gamehall.master.support.EngineDriver;
import io.gamehall.master.support.RecordingOutput;
import io.gamehall.master.support.SnapshotBytes;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotTest
{
    private final EngineConfig config = new EngineConfig().maxServers(16).maxUsers(64).maxInstances(64).maxClients(8);
    private final EngineDriver driver = new EngineDriver(config);

    @BeforeEach
    void busyState()
    {
        final long gw = driver.registerGateway("gw");
        final long host = driver.registerHost("host-a", 10, "1,2");
        driver.registerHost("host-b", 10, "2");
        for (int user = 1; user <= 10; user++)
        {
            driver.checkIn(gw, user, "user" + user);
        }
        final long open = driver.send("CreateInstance ownerId=1 gameType=1 maxPlayers=4 region=3").subjectId();
        driver.ready(host, open);
        driver.join(2, open);
        final long running = driver.create(3, 2, 2).subjectId();
        driver.join(4, running);
        driver.asClient(2).heartbeat(host, 3);
        driver.send("DrainServer serverId=3");
    }

    @Test
    void shouldRestoreEqualStateFromSnapshot()
    {
        final List<byte[]> messages = snapshot(driver.engine());

        final MasterEngine restored = load(messages);

        assertThat(restored.stateHash()).isEqualTo(driver.engine().stateHash());
        assertThat(restored.users().size()).isEqualTo(10);
        assertThat(restored.instances().size()).isEqualTo(2);
        assertThat(restored.livenessTimerDeadline()).isEqualTo(driver.engine().livenessTimerDeadline());
        assertThat(restored.servers().verifyIndexes()).isNull();
        assertThat(restored.users().verifyIndexes()).isNull();
        assertThat(restored.instances().verifyIndexes()).isNull();
    }

    @Test
    void shouldWriteByteIdenticalSnapshotAfterRestore()
    {
        final List<byte[]> first = snapshot(driver.engine());
        final List<byte[]> second = snapshot(load(first));

        assertThat(concat(second)).isEqualTo(concat(first));
    }

    @Test
    void shouldBehaveIdenticallyAfterRestore()
    {
        final RecordingOutput restoredOutput = new RecordingOutput();
        final MasterEngine restored = new MasterEngine(config, restoredOutput);
        final SnapshotLoader loader = new SnapshotLoader(restored);
        for (final byte[] message : snapshot(driver.engine()))
        {
            loader.onMessage(new UnsafeBuffer(message), 0, message.length);
        }
        loader.finish();

        final String[] commands = {
            "CheckInUser clientId=1 requestId=100 gatewayId=1 userId=20 userName=late",
            "CreateInstance clientId=1 requestId=101 ownerId=5 gameType=2 maxPlayers=2",
            "JoinInstance clientId=1 requestId=102 userId=6 instanceId=1",
            "CreateInstance clientId=1 requestId=3 ownerId=5 gameType=2 maxPlayers=2",
        };
        final int mark = driver.output().mark();
        for (final String command : commands)
        {
            driver.raw(command);
            final org.agrona.ExpandableArrayBuffer buffer = new org.agrona.ExpandableArrayBuffer();
            final int length = new io.gamehall.master.support.CommandText().encode(command, buffer, 0);
            restored.apply(buffer, 0, length, driver.now());
        }
        driver.advance(10_000).fireTimer();
        restored.onTimer(MasterEngine.LIVENESS_TIMER_ID, driver.now());

        assertThat(restoredOutput.lines()).isEqualTo(driver.output().since(mark));
        assertThat(restored.stateHash()).isEqualTo(driver.engine().stateHash());
    }

    @Test
    void shouldRestoreAVersion1SnapshotWithoutSlots()
    {
        final List<byte[]> version1 = new ArrayList<>();
        for (final byte[] message : snapshot(driver.engine()))
        {
            version1.add(withoutSlot(message));
        }
        assertThat(version1).as("user and instance records were rewritten").hasSize(snapshot(driver.engine()).size());

        final MasterEngine restored = load(version1);

        assertThat(restored.stateHash()).isEqualTo(driver.engine().stateHash());
        assertThat(restored.users().verifyIndexes()).isNull();
        assertThat(restored.instances().verifyIndexes()).isNull();
    }

    @Test
    void shouldRefuseASlotBeyondThisEnginesLimit()
    {
        final EngineConfig smaller = new EngineConfig().maxServers(16).maxUsers(8).maxInstances(64).maxClients(8);
        final EngineDriver big = new EngineDriver(config);
        final long gw = big.registerGateway("gw");
        for (int user = 1; user <= 12; user++)
        {
            big.checkIn(gw, user, "user" + user);
        }
        for (int user = 1; user <= 6; user++)
        {
            big.send("CheckOutUser gatewayId=" + gw + " userId=" + user);
        }
        final MasterEngine engine = new MasterEngine(smaller, new RecordingOutput());
        final SnapshotLoader loader = new SnapshotLoader(engine);

        assertThatThrownBy(() -> snapshot(big.engine()).forEach(
            (message) -> loader.onMessage(new UnsafeBuffer(message), 0, message.length)))
            .isInstanceOf(SnapshotLoader.SnapshotException.class)
            .hasMessageContaining("user 9 sits in slot 8, beyond this engine's 8 slots")
            .hasMessageContaining("(at least 9)");
    }

    @Test
    void shouldRefuseSnapshotWithoutEndMarker()
    {
        final List<byte[]> messages = snapshot(driver.engine());
        messages.remove(messages.size() - 1);

        final MasterEngine engine = new MasterEngine(config, new RecordingOutput());
        final SnapshotLoader loader = new SnapshotLoader(engine);
        for (final byte[] message : messages)
        {
            loader.onMessage(new UnsafeBuffer(message), 0, message.length);
        }

        assertThat(loader.isComplete()).isFalse();
        assertThatThrownBy(loader::finish).isInstanceOf(SnapshotLoader.SnapshotException.class)
            .hasMessageContaining("no end marker");
    }

    @Test
    void shouldRefuseSnapshotThatDoesNotStartWithBeginMarker()
    {
        final List<byte[]> messages = snapshot(driver.engine());
        messages.remove(0);
        assertThatThrownBy(() -> load(messages)).hasMessageContaining("begin marker");
    }

    @Test
    void shouldRefuseSnapshotWithAMissingRecord()
    {
        final List<byte[]> messages = snapshot(driver.engine());
        messages.remove(4);
        assertThatThrownBy(() -> load(messages)).isInstanceOf(SnapshotLoader.SnapshotException.class)
            .hasMessageContaining("disagree");
    }

    @Test
    void shouldRefuseSnapshotWithCorruptedField()
    {
        final List<byte[]> messages = snapshot(driver.engine());
        final byte[] user = messages.get(6);
        user[8 + 30] ^= 0x01;
        assertThatThrownBy(() -> load(messages)).isInstanceOf(SnapshotLoader.SnapshotException.class)
            .hasMessageContaining("state hash");
    }

    @Test
    void shouldRefuseTruncatedRecord()
    {
        final List<byte[]> messages = snapshot(driver.engine());
        final byte[] server = messages.get(2);
        messages.set(2, java.util.Arrays.copyOf(server, server.length - 3));
        assertThatThrownBy(() -> load(messages)).isInstanceOf(SnapshotLoader.SnapshotException.class)
            .hasMessageContaining("truncated");
    }

    @Test
    void shouldRefuseToLoadIntoABusyEngine()
    {
        assertThatThrownBy(() -> new SnapshotLoader(driver.engine())).isInstanceOf(IllegalArgumentException.class);
    }

    private List<byte[]> snapshot(final MasterEngine engine)
    {
        return SnapshotBytes.write(engine, 123);
    }

    private MasterEngine load(final List<byte[]> messages)
    {
        return SnapshotBytes.load(messages, new MasterEngine(config, new RecordingOutput()));
    }

    /**
     * Rewrite a version 2 user or instance record as version 1 wrote it: the same block without
     * its last field, the slot. Other records are returned as they are.
     */
    private static byte[] withoutSlot(final byte[] message)
    {
        final UnsafeBuffer in = new UnsafeBuffer(message);
        final io.gamehall.sbe.snapshot.MessageHeaderDecoder header = new io.gamehall.sbe.snapshot.MessageHeaderDecoder();
        header.wrap(in, 0);
        final int template = header.templateId();
        if (template != io.gamehall.sbe.snapshot.UserRecordDecoder.TEMPLATE_ID &&
            template != io.gamehall.sbe.snapshot.InstanceRecordDecoder.TEMPLATE_ID)
        {
            return message;
        }
        final int headerLength = io.gamehall.sbe.snapshot.MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final byte[] out = new byte[message.length - Integer.BYTES];
        System.arraycopy(message, 0, out, 0, headerLength + blockLength - Integer.BYTES);
        System.arraycopy(message, headerLength + blockLength, out, headerLength + blockLength - Integer.BYTES,
            message.length - headerLength - blockLength);
        new io.gamehall.sbe.snapshot.MessageHeaderEncoder().wrap(new UnsafeBuffer(out), 0)
            .blockLength(blockLength - Integer.BYTES).version(1);
        return out;
    }

    private static byte[] concat(final List<byte[]> messages)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        messages.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
