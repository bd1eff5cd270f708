package io.gamehall.master;

import io.gamehall.master.directory.Instance;
import io.gamehall.master.directory.Server;
import io.gamehall.master.directory.User;
import io.gamehall.master.support.EngineDriver;
import io.gamehall.master.support.RecordingOutput;
import io.gamehall.master.support.SnapshotBytes;
import io.gamehall.sbe.snapshot.MessageHeaderDecoder;
import io.gamehall.sbe.snapshot.SnapshotEndDecoder;
import io.gamehall.sbe.snapshot.SnapshotEndEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two state hash versions: version 1 must never change (journals and snapshots recorded
 * it); version 2 must be equal for equal states however the entities sit in memory, and
 * differ when any field of the state differs.
 */
class StateHashTest
{
    /**
     * {@link #play} hashed by version 1 as the code before version 2 computed it (commit
     * 91170d4, {@code MasterEngine.stateHash()}); a change to version 1 breaks this.
     */
    private static final long VERSION_1_OF_FIXED_SEQUENCE = 0x6433ba414b42008bL;

    private final EngineConfig config = new EngineConfig()
        .maxServers(16).maxUsers(64).maxInstances(64).dedupWindow(8).maxClients(8);

    @Test
    void shouldKeepVersion1Unchanged()
    {
        final EngineDriver driver = play(new EngineDriver(config));

        assertThat(driver.engine().stateHash(1)).isEqualTo(VERSION_1_OF_FIXED_SEQUENCE);
    }

    @Test
    void shouldUseVersion2ByDefault()
    {
        final EngineDriver driver = play(new EngineDriver(config));

        assertThat(MasterEngine.STATE_HASH_VERSION).isEqualTo(2);
        assertThat(driver.engine().stateHash()).isEqualTo(driver.engine().stateHash(2))
            .isNotEqualTo(driver.engine().stateHash(1));
        assertThatThrownBy(() -> driver.engine().stateHash(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldHashEqualEnginesThatAppliedTheSameCommandsEqually()
    {
        final MasterEngine a = play(new EngineDriver(config)).engine();
        final MasterEngine b = play(new EngineDriver(config)).engine();

        assertThat(b.stateHash(2)).isEqualTo(a.stateHash(2));
        assertThat(b.stateHash(1)).isEqualTo(a.stateHash(1));
        assertThat(a.stateHash(2)).isNotEqualTo(new EngineDriver(config).engine().stateHash(2));
    }

    @Test
    void shouldHashEquallyAfterRestoringAVersion2Snapshot()
    {
        final MasterEngine live = play(new EngineDriver(config)).engine();

        final MasterEngine restored = load(snapshot(live));

        assertThat(restored.stateHash(2)).isEqualTo(live.stateHash(2));
        assertThat(restored.stateHash(1)).isEqualTo(live.stateHash(1));
    }

    @Test
    void shouldHashEquallyAfterRestoringAVersion1SnapshotIntoOtherSlots()
    {
        final MasterEngine live = play(new EngineDriver(config)).engine();
        final List<byte[]> version1 = new ArrayList<>();
        for (final byte[] message : snapshot(live))
        {
            version1.add(asVersion1(message, live.stateHash(1)));
        }

        final MasterEngine restored = load(version1);

        assertThat(slotsOf(restored)).as("users sit in other slots than on the live engine")
            .isNotEqualTo(slotsOf(live));
        assertThat(restored.stateHash(2)).isEqualTo(live.stateHash(2));
        assertThat(restored.stateHash(1)).isEqualTo(live.stateHash(1));
    }

    @Test
    void shouldRefuseASnapshotWhoseVersion1HashDisagrees()
    {
        final MasterEngine live = play(new EngineDriver(config)).engine();
        final List<byte[]> version1 = new ArrayList<>();
        for (final byte[] message : snapshot(live))
        {
            version1.add(asVersion1(message, live.stateHash(2)));
        }

        assertThatThrownBy(() -> load(version1)).isInstanceOf(SnapshotLoader.SnapshotException.class)
            .hasMessageContaining("(version 1)");
    }

    @Test
    void shouldChangeVersion2WhenAnyFieldDiffers() throws Exception
    {
        final MasterEngine engine = play(new EngineDriver(config)).engine();
        final long original = engine.stateHash(2);
        assertThat(StateHash.version2Walked(engine)).isEqualTo(original);

        for (final String name : List.of("nextServerId", "nextInstanceId", "livenessDeadline"))
        {
            assertChanges(engine, original, engine, MasterEngine.class.getDeclaredField(name));
        }

        final Server server = engine.servers().get(2);
        assertThat(server.gameTypeCount()).isEqualTo(2);
        for (final String name : List.of("id", "role", "state", "capacity", "load", "assigned", "registeredTime",
            "lastHeartbeatTime", "gameTypes", "gameTypeCount", "name", "nameLength", "endpoint", "endpointLength",
            "softwareVersion", "softwareVersionLength"))
        {
            assertChanges(engine, original, server, field(Server.class, name));
        }

        final User user = engine.users().get(5);
        for (final String name : List.of("id", "state", "gatewayId", "instanceId", "checkInTime", "name", "nameLength"))
        {
            assertChanges(engine, original, user, field(User.class, name));
        }

        final Instance instance = engine.instances().atOrAfterSlot(0);
        assertThat(instance.playerCount()).isGreaterThan(1);
        for (final String name : List.of("id", "gameType", "state", "resumeState", "hostId", "ownerId", "maxPlayers",
            "region", "mode", "ratingBand", "createdTime", "players", "playerCount"))
        {
            assertChanges(engine, original, instance, field(Instance.class, name));
        }

        final ClientTable.Client client = engine.clients.oldest();
        for (final String name : List.of("clientId", "highestRequestId", "lastUse", "requestIds", "commands", "codes",
            "subjectIds", "detailIds"))
        {
            assertChanges(engine, original, client, ClientTable.Client.class.getDeclaredField(name));
        }
        assertChanges(engine, original, engine.clients, ClientTable.class.getDeclaredField("useSequence"));
    }

    @Test
    void shouldChangeVersion2WhenTwoEntitiesSwapAField()
    {
        final EngineDriver a = play(new EngineDriver(config));
        final EngineDriver b = play(new EngineDriver(config));
        a.heartbeat(1, 3);
        a.heartbeat(2, 4);
        b.heartbeat(1, 4);
        b.heartbeat(2, 3);

        assertThat(b.engine().stateHash(2)).isNotEqualTo(a.engine().stateHash(2));
    }

    /**
     * Registers servers, checks users in and out (leaving holes in the user slots), creates,
     * readies and joins instances, retries a request, drains a host and lets the liveness timer
     * lose it (the gateway and the other host stay).
     */
    static EngineDriver play(final EngineDriver driver)
    {
        final long gw = driver.registerGateway("gw");
        final long host = driver.registerHost("host-a", 10, "1,2");
        driver.registerHost("host-b", 10, "2");
        for (int user = 1; user <= 12; user++)
        {
            driver.checkIn(gw, user, "user-with-a-longer-name-" + user);
        }
        for (int user = 1; user <= 4; user++)
        {
            driver.send("CheckOutUser gatewayId=" + gw + " userId=" + user);
        }
        final long open = driver.send("CreateInstance ownerId=5 gameType=1 maxPlayers=4 region=3").subjectId();
        driver.ready(host, open);
        driver.join(6, open);
        driver.join(7, open);
        final long running = driver.create(8, 2, 2).subjectId();
        driver.join(9, running);
        driver.raw("CheckInUser clientId=7 requestId=1 gatewayId=" + gw + " userId=20 userName=late");
        driver.raw("CheckInUser clientId=7 requestId=1 gatewayId=" + gw + " userId=20 userName=late");
        driver.raw("ServerHeartbeat clientId=8 requestId=3 serverId=" + host + " load=2");
        driver.advance(4_000).heartbeat(host, 3);
        driver.heartbeat(gw, 0);
        driver.send("DrainServer serverId=3");
        driver.advance(2_000).fireTimer();
        return driver;
    }

    private static void assertChanges(
        final MasterEngine engine, final long original, final Object owner, final Field field) throws Exception
    {
        field.setAccessible(true);
        final Object saved = copy(field.get(owner));
        set(owner, field);
        // a field set behind the directory's back: only a walk over the entities sees it
        assertThat(StateHash.version2Walked(engine)).as(owner.getClass().getSimpleName() + "." + field.getName())
            .isNotEqualTo(original);
        if (!(owner instanceof User) && !(owner instanceof Instance))
        {
            assertThat(engine.stateHash(2)).as(owner.getClass().getSimpleName() + "." + field.getName())
                .isNotEqualTo(original);
        }
        field.set(owner, saved);
        if (saved != null && saved.getClass().isArray())
        {
            restoreArray(field.get(owner), saved);
        }
        assertThat(StateHash.version2Walked(engine)).as("restored " + field.getName()).isEqualTo(original);
        assertThat(engine.stateHash(2)).as("restored " + field.getName()).isEqualTo(original);
    }

    private static void set(final Object owner, final Field field) throws Exception
    {
        final Class<?> type = field.getType();
        if (type == long.class)
        {
            field.setLong(owner, field.getLong(owner) + 1);
        }
        else if (type == int.class)
        {
            field.setInt(owner, field.getInt(owner) + 1);
        }
        else if (type.isEnum())
        {
            final Object[] constants = type.getEnumConstants();
            final Object value = field.get(owner);
            field.set(owner, constants[(Arrays.asList(constants).indexOf(value) + 1) % constants.length]);
        }
        else if (type == byte[].class)
        {
            ((byte[])field.get(owner))[0] ^= 1;
        }
        else if (type == int[].class)
        {
            final int[] values = (int[])field.get(owner);
            values[firstUsed(owner)] += 1;
        }
        else if (type == long[].class)
        {
            final long[] values = (long[])field.get(owner);
            values[firstUsed(owner)] += 1;
        }
        else
        {
            throw new IllegalArgumentException("no way to change " + field);
        }
    }

    /**
     * @return index of an element that counts: a client's first recorded result, else 0.
     */
    private static int firstUsed(final Object owner)
    {
        if (owner instanceof ClientTable.Client client)
        {
            for (int k = 0; k < client.requestIds.length; k++)
            {
                if (client.requestIds[k] != 0)
                {
                    return k;
                }
            }
        }
        return 0;
    }

    private static Object copy(final Object value)
    {
        if (value instanceof byte[] bytes)
        {
            return bytes.clone();
        }
        if (value instanceof int[] ints)
        {
            return ints.clone();
        }
        if (value instanceof long[] longs)
        {
            return longs.clone();
        }
        return value;
    }

    private static void restoreArray(final Object target, final Object saved)
    {
        System.arraycopy(saved, 0, target, 0, java.lang.reflect.Array.getLength(saved));
    }

    private static Field field(final Class<?> type, final String name) throws NoSuchFieldException
    {
        Class<?> at = type;
        while (at != null)
        {
            try
            {
                return at.getDeclaredField(name);
            }
            catch (final NoSuchFieldException ex)
            {
                at = at.getSuperclass();
            }
        }
        throw new NoSuchFieldException(type + "." + name);
    }

    private static List<Integer> slotsOf(final MasterEngine engine)
    {
        final List<Integer> slots = new ArrayList<>();
        for (final long id : engine.users().sortedIds())
        {
            slots.add(engine.users().get(id).slot());
        }
        return slots;
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
     * Rewrite a message as schema version 1 wrote it: user and instance records without their
     * slot (the last field of the block), the end marker without its hash version and with the
     * given (version 1) hash. Other messages are returned as they are.
     */
    private static byte[] asVersion1(final byte[] message, final long version1Hash)
    {
        final UnsafeBuffer in = new UnsafeBuffer(message);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(in, 0);
        final int template = header.templateId();
        final int trimmed;
        if (template == io.gamehall.sbe.snapshot.UserRecordDecoder.TEMPLATE_ID ||
            template == io.gamehall.sbe.snapshot.InstanceRecordDecoder.TEMPLATE_ID)
        {
            trimmed = Integer.BYTES;
        }
        else if (template == SnapshotEndDecoder.TEMPLATE_ID)
        {
            new SnapshotEndEncoder().wrap(in, MessageHeaderDecoder.ENCODED_LENGTH).stateHash(version1Hash);
            trimmed = SnapshotEndDecoder.hashVersionEncodingLength();
        }
        else
        {
            return message;
        }
        return io.gamehall.master.support.OlderSchemaBytes.withoutBlockTail(message, trimmed, 1);
    }
}
