package io.gamehall.master;

import io.gamehall.master.support.CommandText;
import io.gamehall.master.support.Invariants;
import io.gamehall.master.support.RandomCommands;
import io.gamehall.master.support.RecordingOutput;
import io.gamehall.master.support.SnapshotBytes;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long random runs. After every command: the invariants hold; a second engine fed the same
 * input said the same things; every so often a snapshot restores to an equal state, and the
 * restored engine replaces the second one, so behaviour after a restore is checked too. Retries
 * of remembered requests return the recorded answer and change nothing. The agitated variant
 * also mixes in duplicated, truncated and corrupted commands.
 */
class EnginePropertiesTest
{
    private static final int COMMANDS = 10_000;
    private static final int CLIENTS = 3;
    private static final int WINDOW = 16;
    private static final int MAX_CLIENTS = 8_192;
    /** What every run must reach, so that the generator keeps exercising the interesting paths. */
    private static final List<String> REACHED = List.of(
        "code=OK", "code=USER_IN_INSTANCE", "code=INSTANCE_FULL", "code=NO_CAPACITY", "code=SERVER_DEAD",
        "code=USER_NAME_TAKEN", "code=UNKNOWN_INSTANCE", "code=NOT_INSTANCE_HOST", "code=ILLEGAL_TRANSITION",
        "code=INSTANCE_NOT_JOINABLE", "code=USER_NOT_ON_GATEWAY", "state=RUNNING", "SpawnInstance", "RestoreInstance",
        "InstanceMoved", "KickUser", "PlayerJoined", "PlayerLeft", "PlayerReattached", "TerminateInstance",
        "GatewayListChanged", "DrainOrder", "MatchFound", "code=PLAYER_UNAVAILABLE", "code=WRONG_SERVER_ROLE");

    private static final Set<String> SEEN = ConcurrentHashMap.newKeySet();

    @BeforeProperty
    void forgetWhatWasReached()
    {
        SEEN.clear();
    }

    @AfterProperty
    void everyInterestingPathWasReached()
    {
        assertThat(REACHED).as("outcomes the random runs of this property never produced")
            .allMatch(SEEN::contains);
    }

    @Property(tries = 6)
    void shouldKeepInvariantsDeterminismAndExactlyOnce(@ForAll final long seed)
    {
        new Run(seed, false).go();
    }

    @Property(tries = 4)
    void shouldSurviveDuplicatedTruncatedAndCorruptedCommands(@ForAll final long seed)
    {
        new Run(seed, true).go();
    }

    private static final class Run
    {
        private final Random random;
        private final boolean agitate;
        private final EngineConfig config = new EngineConfig().maxServers(32).maxUsers(64).maxInstances(64)
            .maxPlayersPerInstance(8).serverTimeoutMs(3_000).dedupWindow(WINDOW).maxClients(MAX_CLIENTS);
        private final RecordingOutput outputA = new RecordingOutput();
        private final MasterEngine a = new MasterEngine(config, outputA);
        private RecordingOutput outputB = new RecordingOutput();
        private MasterEngine b = new MasterEngine(config, outputB);
        private final RandomCommands commands;
        private final CommandText commandText = new CommandText();
        private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
        private final long[] nextRequest = new long[CLIENTS + 1];
        private final long[] clientIds = new long[CLIENTS + 1];
        /**
         * Client ids handed out start far from small numbers, so that the ids a corrupted command
         * may carry do not collide with them; eviction is ExactlyOnceTest's subject, so the table is
         * big enough never to evict here (every corruption retires the three clients).
         */
        private long lastClientId = 1L << 40;
        private final Map<Long, List<String>> recent = new HashMap<>();
        private final long[][] slotOwner = new long[CLIENTS + 1][WINDOW];
        private long now = 1_000;
        private int step;

        Run(final long seed, final boolean agitate)
        {
            random = new Random(seed);
            this.agitate = agitate;
            commands = new RandomCommands(random, 40, a);
            retireClients();
        }

        /**
         * Give every logical client a new id, forgetting what was sent under the old ones: after a
         * corrupted command, whose ids may have become anything, nothing sent before can be relied on.
         */
        private void retireClients()
        {
            for (int c = 1; c <= CLIENTS; c++)
            {
                clientIds[c] = ++lastClientId;
                nextRequest[c] = 0;
                java.util.Arrays.fill(slotOwner[c], 0);
            }
            recent.clear();
        }

        void go()
        {
            for (step = 0; step < COMMANDS; step++)
            {
                now += random.nextInt(100);
                if (a.livenessTimerDeadline() != -1 && a.livenessTimerDeadline() <= now)
                {
                    final int markA = outputA.mark();
                    final int markB = outputB.mark();
                    a.onTimer(MasterEngine.LIVENESS_TIMER_ID, now);
                    b.onTimer(MasterEngine.LIVENESS_TIMER_ID, now);
                    assertThat(outputB.since(markB)).as(where()).isEqualTo(outputA.since(markA));
                }

                final int roll = random.nextInt(100);
                if (roll < 5 && !recent.isEmpty())
                {
                    retry();
                }
                else if (agitate && roll < 15)
                {
                    agitated();
                }
                else
                {
                    fresh();
                }

                final String problem = Invariants.check(a);
                assertThat(problem).as(where()).isNull();

                if (step % 2_000 == 1_999)
                {
                    restoreIntoB();
                }
            }
            assertThat(b.stateHash()).isEqualTo(a.stateHash());
            for (final String line : outputA.lines())
            {
                REACHED.stream().filter(line::contains).forEach(SEEN::add);
            }
        }

        private void fresh()
        {
            final int client = 1 + random.nextInt(CLIENTS);
            final long requestId = ++nextRequest[client];
            final String command = commands.next() + " clientId=" + clientIds[client] + " requestId=" + requestId;
            final List<String> said = applyBoth(command);
            assertThat(said).as(where() + " " + command).isNotEmpty();
            if (RandomCommands.isStateChanging(command))
            {
                recent.put(key(client, requestId), List.of(command, said.get(said.size() - 1)));
                slotOwner[client][(int)(requestId & (WINDOW - 1))] = requestId;
            }
        }

        private void retry()
        {
            final List<Long> keys = new ArrayList<>(recent.keySet());
            keys.sort(null);
            final long key = keys.get(random.nextInt(keys.size()));
            final int client = (int)(key >>> 32);
            final long requestId = key & 0xFFFF_FFFFL;
            final List<String> recorded = recent.get(key);
            final long hash = a.stateHash();

            final List<String> said = applyBoth(recorded.get(0));

            assertThat(said).as(where() + " retry of " + recorded.get(0)).hasSize(1);
            if (slotOwner[client][(int)(requestId & (WINDOW - 1))] == requestId)
            {
                assertThat(said.get(0)).as(where() + " retry").isEqualTo(recorded.get(1));
            }
            else
            {
                assertThat(said.get(0)).as(where() + " old retry").contains("code=REQUEST_TOO_OLD");
                recent.remove(key);
            }
            assertThat(a.stateHash()).as(where() + " a retry changes nothing").isEqualTo(hash);
        }

        private void agitated()
        {
            final int client = 1 + random.nextInt(CLIENTS);
            final long requestId = ++nextRequest[client];
            final String command = commands.next() + " clientId=" + clientIds[client] + " requestId=" + requestId;
            final int length = commandText.encode(command, buffer, 0);
            final int kind = random.nextInt(3);
            if (kind == 0)
            {
                final long hash = a.stateHash();
                final List<String> said = applyBytes(random.nextInt(length));
                assertThat(said).as(where() + " truncated " + command).hasSize(1);
                assertThat(a.stateHash()).as(where() + " truncated input changes nothing").isEqualTo(hash);
            }
            else if (kind == 1)
            {
                final int flips = 1 + random.nextInt(3);
                for (int i = 0; i < flips; i++)
                {
                    buffer.putByte(random.nextInt(length), (byte)random.nextInt(256));
                }
                applyBytes(length);
                retireClients();
            }
            else
            {
                applyBytes(length);
                if (RandomCommands.isStateChanging(command))
                {
                    slotOwner[client][(int)(requestId & (WINDOW - 1))] = requestId;
                }
                final long hash = a.stateHash();
                final List<String> again = applyBytes(length);
                assertThat(again).as(where() + " duplicate of " + command).hasSize(1);
                assertThat(a.stateHash()).as(where() + " a duplicate changes nothing").isEqualTo(hash);
            }
        }

        private List<String> applyBoth(final String command)
        {
            final int length = commandText.encode(command, buffer, 0);
            return applyBytes(length);
        }

        private List<String> applyBytes(final int length)
        {
            final int markA = outputA.mark();
            final int markB = outputB.mark();
            a.apply(buffer, 0, length, now);
            b.apply(buffer, 0, length, now);
            final List<String> saidA = outputA.since(markA);
            assertThat(outputB.since(markB)).as(where() + " engines disagree").isEqualTo(saidA);
            return saidA;
        }

        private void restoreIntoB()
        {
            outputB = new RecordingOutput();
            b = SnapshotBytes.load(SnapshotBytes.write(a, now), new MasterEngine(config, outputB));
            assertThat(b.stateHash()).as(where() + " snapshot restore").isEqualTo(a.stateHash());
            assertThat(Invariants.check(b)).isNull();
        }

        private static long key(final int client, final long requestId)
        {
            return ((long)client << 32) | requestId;
        }

        private String where()
        {
            return "step " + step + " at " + now;
        }
    }
}
