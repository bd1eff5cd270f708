package io.gamehall.replay;

import io.gamehall.master.EngineOutput;
import io.gamehall.master.MasterEngine;
import io.gamehall.master.directory.Instance;
import io.gamehall.master.directory.Server;
import io.gamehall.master.directory.User;
import io.gamehall.master.text.MessageText;
import io.gamehall.sbe.master.InstanceState;
import io.gamehall.sbe.master.MessageHeaderEncoder;
import io.gamehall.sbe.master.SearchInstancesEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code gamehall replay state}: the directories as they were at a point of the journal.
 */
@Command(name = "state", mixinStandardHelpOptions = true,
    description = {"Rebuild the directories at a time or log position (from the newest snapshot before a position",
        "when the journal holds one) and print a summary, a user, an instance or a search."})
public final class StateCommand implements Callable<Integer>
{
    @Mixin
    JournalOptions journal;

    @Option(names = "--at", description = "An ISO-8601 cluster time (2026-11-21T14:02:00Z) or a log position (a number); " +
        "default: the end of the journal.")
    String at;

    @Option(names = "--user", description = "Show this user (id or name).")
    String user;

    @Option(names = "--instance", description = "Show this instance.")
    Long instance;

    @Option(names = "--search", description = "Run a search, e.g. \"gameType=1 state=OPEN region=2 maxResults=10\".")
    String search;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);

    public Integer call()
    {
        long atPosition = Long.MAX_VALUE;
        long atTime = Long.MAX_VALUE;
        if (at != null)
        {
            try
            {
                atTime = Instant.parse(at).toEpochMilli();
            }
            catch (final DateTimeParseException ex)
            {
                try
                {
                    atPosition = Long.parseLong(at);
                }
                catch (final NumberFormatException notANumber)
                {
                    throw new CommandLine.ParameterException(spec.commandLine(),
                        "--at must be an ISO-8601 time or a log position: '" + at + "'");
                }
            }
        }
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        final Progress progress = new Progress(err, journal.quiet);
        final String[] lastResponse = {null};
        final boolean[] capture = {false};
        final EngineOutput output = new EngineOutput()
        {
            public void onResponse(final long clientId, final DirectBuffer b, final int offset, final int length)
            {
                if (capture[0])
                {
                    lastResponse[0] = MessageText.render(b, offset, length);
                }
            }

            public void onEvent(final long serverId, final DirectBuffer b, final int offset, final int length)
            {
            }

            public void onScheduleTimer(final long correlationId, final long deadline)
            {
            }
        };
        final JournalRebuild rebuild = new JournalRebuild()
            .run(journal.directory(), journal.skipCorrupt, atPosition, atTime, output, progress);
        progress.done();
        rebuild.report(err);
        final MasterEngine engine = rebuild.replay.engine();
        if (engine == null)
        {
            err.println("error: the journal has no node start; nothing to rebuild");
            return 1;
        }

        out.printf("state at log position %d, cluster time %s%s%n", rebuild.replay.position(),
            Instant.ofEpochMilli(rebuild.replay.lastTimestamp()),
            rebuild.startedFromSnapshot >= 0 ? " (from the snapshot at " + rebuild.startedFromSnapshot + ")" : "");
        out.printf("servers %d, users %d, instances %d, state hash %s (version %d)%n", engine.servers().size(),
            engine.users().size(), engine.instances().size(), Long.toHexString(engine.stateHash()),
            MasterEngine.STATE_HASH_VERSION);
        for (Server s = engine.servers().first(); s != null; s = engine.servers().next(s))
        {
            out.printf("  server %d %s %s %s load=%d assigned=%d/%d last heartbeat %s%n", s.id(), s.name(), s.role(),
                s.state(), s.load(), s.assigned(), s.capacity(), Instant.ofEpochMilli(s.lastHeartbeatTime()));
        }
        if (user != null)
        {
            showUser(out, engine);
        }
        if (instance != null)
        {
            showInstance(out, engine.instances().get(instance));
        }
        if (search != null)
        {
            capture[0] = true;
            final int length = encodeSearch(search);
            engine.apply(buffer, 0, length, rebuild.replay.lastTimestamp());
            out.println(lastResponse[0]);
        }
        return rebuild.divergences.isEmpty() ? 0 : 1;
    }

    private void showUser(final PrintWriter out, final MasterEngine engine)
    {
        User found;
        try
        {
            found = engine.users().get(Long.parseLong(user));
        }
        catch (final NumberFormatException ex)
        {
            final byte[] name = user.getBytes(StandardCharsets.US_ASCII);
            found = engine.users().findByName(name, name.length);
        }
        if (found == null)
        {
            out.println("user " + user + ": not checked in at that point");
            return;
        }
        out.printf("user %d %s: %s, gateway %d, instance %d, checked in %s%n", found.id(), found.name(), found.state(),
            found.gatewayId(), found.instanceId(), Instant.ofEpochMilli(found.checkInTime()));
        if (found.instanceId() != 0)
        {
            showInstance(out, engine.instances().get(found.instanceId()));
        }
    }

    private static void showInstance(final PrintWriter out, final Instance i)
    {
        if (i == null)
        {
            out.println("instance: not live at that point");
            return;
        }
        final StringBuilder players = new StringBuilder();
        for (int seat = 0; seat < i.playerCount(); seat++)
        {
            players.append(seat == 0 ? "" : ",").append(i.player(seat));
        }
        out.printf("instance %d: game type %d, %s, host %d, owner %d, players [%s] of %d, region %d, mode %d, " +
            "rating band %d, created %s%n", i.id(), i.gameType(), i.state(), i.hostId(), i.ownerId(), players,
            i.maxPlayers(), i.region(), i.mode(), i.ratingBand(), Instant.ofEpochMilli(i.createdTime()));
    }

    private int encodeSearch(final String query)
    {
        final Map<String, String> q = CommandRecord.parseFields(query);
        final SearchInstancesEncoder encoder = new SearchInstancesEncoder()
            .wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
            .clientId(1)
            .requestId(1)
            .gameType(Integer.parseInt(q.getOrDefault("gameType", "1")))
            .state(InstanceState.valueOf(q.getOrDefault("state", "OPEN")))
            .region(Integer.parseInt(q.getOrDefault("region", "0")))
            .mode(Integer.parseInt(q.getOrDefault("mode", "0")))
            .ratingBand(Integer.parseInt(q.getOrDefault("ratingBand", "0")))
            .minOpenSeats(Integer.parseInt(q.getOrDefault("minOpenSeats", "0")))
            .maxResults(Integer.parseInt(q.getOrDefault("maxResults", "20")))
            .cursor(Long.parseLong(q.getOrDefault("cursor", "0")));
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }
}
