package io.gamehall.master;

import io.gamehall.master.directory.Instance;
import io.gamehall.master.support.EngineDriver;
import io.gamehall.master.support.RecordingOutput;
import io.gamehall.master.support.SnapshotBytes;
import io.gamehall.sbe.master.InstanceState;
import io.gamehall.sbe.master.ServerRole;
import io.gamehall.sbe.master.UserState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MatchCommandsTest
{
    private final EngineDriver driver = new EngineDriver();
    private long gwA;
    private long gwB;
    private long host;
    private long matchmaker;

    @BeforeEach
    void servers()
    {
        gwA = driver.registerGateway("gw-a");
        gwB = driver.registerGateway("gw-b");
        host = driver.registerHost("host", 4, "1,2");
        matchmaker = driver.registerMatchmaker("mm");
        for (int user = 1; user <= 40; user++)
        {
            driver.checkIn(user % 2 == 1 ? gwA : gwB, user, "user" + user);
        }
    }

    @AfterEach
    void indexesStayInStep()
    {
        assertThat(driver.verifyIndexes()).isNull();
    }

    @Test
    void shouldSeatEveryPlayerAndTellEachGateway()
    {
        final int mark = driver.output().mark();
        final EngineDriver.Result result = driver.match(matchmaker, 77, 1, 3, 6);

        assertThat(result.ok()).isTrue();
        assertThat(result.detailId()).isEqualTo(host);
        final Instance instance = driver.engine().instances().get(result.subjectId());
        assertThat(instance.ownerId()).isEqualTo(3);
        assertThat(instance.maxPlayers()).isEqualTo(2);
        assertThat(instance.playerCount()).isEqualTo(2);
        assertThat(instance.player(0)).isEqualTo(3);
        assertThat(instance.player(1)).isEqualTo(6);
        assertThat(driver.engine().users().get(3).state()).isEqualTo(UserState.IN_INSTANCE);
        assertThat(driver.engine().users().get(6).instanceId()).isEqualTo(instance.id());
        assertThat(driver.engine().servers().get(host).assigned()).isEqualTo(1);

        final long id = instance.id();
        final List<String> said = driver.output().since(mark);
        assertThat(said).contains(
            "event(to=" + host + ") SpawnInstance hostId=" + host + " instanceId=" + id +
                " gameType=1 ownerId=3 maxPlayers=2 region=0 mode=0 ratingBand=0 ownerGatewayId=" + gwA,
            "event(to=" + host + ") PlayerJoined hostId=" + host + " instanceId=" + id + " userId=6 gatewayId=" + gwB,
            "event(to=" + gwA + ") MatchFound gatewayId=" + gwA + " userId=3 matchId=77 instanceId=" + id +
                " hostId=" + host + " gameType=1 seat=0 players=2",
            "event(to=" + gwB + ") MatchFound gatewayId=" + gwB + " userId=6 matchId=77 instanceId=" + id +
                " hostId=" + host + " gameType=1 seat=1 players=2");

        assertThat(driver.ready(host, id).ok()).isTrue();
        assertThat(driver.engine().instances().get(id).state()).as("a match is full from the start")
            .isEqualTo(InstanceState.RUNNING);
    }

    @Test
    void shouldSeatNobodyAndNameEveryUnavailablePlayer()
    {
        final long table = driver.create(2, 1, 2).subjectId();
        final long nextInstanceBefore = driver.engine().nextInstanceId;
        final int instancesBefore = driver.engine().instances().size();
        final int mark = driver.output().mark();

        final EngineDriver.Result result = driver.match(matchmaker, 5, 1, 1, 2, 3, 99);

        assertThat(result.code()).isEqualTo("PLAYER_UNAVAILABLE");
        assertThat(result.subjectId()).as("the first unavailable player").isEqualTo(2);
        assertThat(result.detailId()).as("positions 1 (in an instance) and 3 (not checked in)").isEqualTo(0b1010);
        assertThat(driver.output().since(mark)).as("nothing but the answer").hasSize(1);
        assertThat(driver.engine().instances().size()).isEqualTo(instancesBefore);
        assertThat(driver.engine().nextInstanceId).isEqualTo(nextInstanceBefore);
        assertThat(driver.engine().users().get(1).state()).isEqualTo(UserState.ONLINE);
        assertThat(driver.engine().users().get(3).state()).isEqualTo(UserState.ONLINE);
        assertThat(driver.engine().users().get(2).instanceId()).isEqualTo(table);
    }

    @Test
    void shouldRefuseBadMatchesAndChangeNothing()
    {
        final long hashBefore = directoriesHash();

        assertThat(driver.match(999, 1, 1, 1, 2).code()).isEqualTo("UNKNOWN_SERVER");
        assertThat(driver.match(gwA, 1, 1, 1, 2).code()).as("only a matchmaker forms matches").isEqualTo("WRONG_SERVER_ROLE");
        assertThat(driver.match(matchmaker, 1, 1, 1).code()).as("one player").isEqualTo("INVALID_VALUE");
        assertThat(driver.match(matchmaker, 1, 1).code()).as("no player").isEqualTo("INVALID_VALUE");
        assertThat(driver.match(matchmaker, 1, 1, 1, 1).code()).as("a player twice").isEqualTo("INVALID_VALUE");
        assertThat(driver.match(matchmaker, 1, 1, 1, 0).code()).as("user id 0").isEqualTo("INVALID_VALUE");
        assertThat(driver.match(matchmaker, 0, 1, 1, 2).code()).as("match id 0").isEqualTo("INVALID_VALUE");
        assertThat(driver.match(matchmaker, 1, 0, 1, 2).code()).as("game type 0").isEqualTo("INVALID_VALUE");
        final long[] tooMany = new long[MatchCommands.MAX_PLAYERS + 1];
        for (int i = 0; i < tooMany.length; i++)
        {
            tooMany[i] = i + 1;
        }
        assertThat(driver.match(matchmaker, 1, 1, tooMany).code()).as("33 players").isEqualTo("INVALID_VALUE");
        assertThat(driver.match(matchmaker, 1, 9, 1, 2).code()).as("no host runs type 9").isEqualTo("NO_CAPACITY");

        assertThat(directoriesHash()).isEqualTo(hashBefore);
    }

    @Test
    void shouldSeatTheMostPlayersOneBitEachCanName()
    {
        final long[] players = new long[MatchCommands.MAX_PLAYERS];
        for (int i = 0; i < players.length; i++)
        {
            players[i] = i + 1;
        }
        final EngineDriver.Result result = driver.match(matchmaker, 1, 2, players);

        assertThat(result.ok()).isTrue();
        assertThat(driver.engine().instances().get(result.subjectId()).playerCount()).isEqualTo(MatchCommands.MAX_PLAYERS);
    }

    @Test
    void shouldRefuseFromADrainingMatchmaker()
    {
        driver.send("DrainServer serverId=" + matchmaker);

        assertThat(driver.match(matchmaker, 1, 1, 1, 2).code()).isEqualTo("SERVER_NOT_ACTIVE");
    }

    @Test
    void shouldAnswerARetryAsTheFirstTimeAndSeatOnce()
    {
        final List<String> first = driver.raw("CreateMatch clientId=7 requestId=1 matchmakerId=" + matchmaker +
            " matchId=3 gameType=1 players=1,2");
        final int instances = driver.engine().instances().size();

        final List<String> again = driver.raw("CreateMatch clientId=7 requestId=1 matchmakerId=" + matchmaker +
            " matchId=3 gameType=1 players=1,2");

        assertThat(again).containsExactly(first.get(first.size() - 1));
        assertThat(driver.engine().instances().size()).isEqualTo(instances);
    }

    @Test
    void shouldForgetAMatchmakerThatDiesWithoutTouchingUsers()
    {
        final int users = driver.engine().users().size();
        driver.send("DeregisterServer serverId=" + matchmaker);

        assertThat(driver.engine().servers().get(matchmaker)).isNull();
        assertThat(driver.engine().users().size()).isEqualTo(users);
        assertThat(driver.match(matchmaker, 1, 1, 1, 2).code()).isEqualTo("UNKNOWN_SERVER");
    }

    @Test
    void shouldRoundTripMatchesThroughASnapshot()
    {
        driver.match(matchmaker, 1, 1, 1, 2);
        driver.match(matchmaker, 2, 2, 3, 4, 5, 6);

        final MasterEngine restored = SnapshotBytes.load(
            SnapshotBytes.write(driver.engine(), driver.now()), new MasterEngine(driver.engine().config(), new RecordingOutput()));

        assertThat(restored.stateHash()).isEqualTo(driver.engine().stateHash());
        assertThat(restored.servers().get(matchmaker).role()).isEqualTo(ServerRole.MATCHMAKER);
    }

    private long directoriesHash()
    {
        long hash = driver.engine().nextInstanceId * 31 + driver.engine().instances().size();
        for (long user = 1; user <= 40; user++)
        {
            hash = hash * 31 + driver.engine().users().get(user).state().value() * 7 + driver.engine().users().get(user).instanceId();
        }
        return hash;
    }
}
