package io.gamehall.master;

import io.gamehall.master.directory.User;
import io.gamehall.master.support.EngineDriver;
import io.gamehall.sbe.master.UserState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UserCommandsTest
{
    private final EngineDriver driver = new EngineDriver();
    private long gwA;
    private long gwB;
    private long host;

    @BeforeEach
    void servers()
    {
        gwA = driver.registerGateway("gw-a");
        gwB = driver.registerGateway("gw-b");
        host = driver.registerHost("host-a", 10, "1");
    }

    @AfterEach
    void indexesStayInStep()
    {
        assertThat(driver.verifyIndexes()).isNull();
    }

    @Test
    void shouldCheckInUserOnline()
    {
        final EngineDriver.Result result = driver.checkIn(gwA, 100, "alice");

        assertThat(result).isEqualTo(new EngineDriver.Result("OK", 100, 0));
        final User user = driver.engine().users().get(100);
        assertThat(user.state()).isEqualTo(UserState.ONLINE);
        assertThat(user.gatewayId()).isEqualTo(gwA);
        assertThat(user.name()).isEqualTo("alice");
        assertThat(user.checkInTime()).isEqualTo(driver.now());
    }

    @Test
    void shouldKickOlderSessionOnSecondCheckIn()
    {
        driver.checkIn(gwA, 100, "alice");
        final int mark = driver.output().mark();

        assertThat(driver.checkIn(gwB, 100, "alice").ok()).isTrue();

        assertThat(driver.output().since(mark)).contains(
            "event(to=" + gwA + ") KickUser gatewayId=" + gwA + " userId=100 newGatewayId=" + gwB +
            " reason=LOGGED_IN_ELSEWHERE");
        assertThat(driver.engine().users().get(100).gatewayId()).isEqualTo(gwB);
        assertThat(driver.engine().users().anyOnGateway(gwA)).isFalse();
    }

    @Test
    void shouldNotKickWhenCheckingInAgainOnTheSameGateway()
    {
        driver.checkIn(gwA, 100, "alice");
        final int mark = driver.output().mark();

        assertThat(driver.checkIn(gwA, 100, "alice").ok()).isTrue();

        assertThat(driver.output().since(mark)).noneMatch(line -> line.contains("KickUser"));
    }

    @Test
    void shouldKeepSeatAndTellHostWhenSeatedUserMovesGateway()
    {
        driver.checkIn(gwA, 100, "alice");
        final long instance = driver.create(100, 1, 2).subjectId();
        final int mark = driver.output().mark();

        final EngineDriver.Result result = driver.checkIn(gwB, 100, "alice");

        assertThat(result.detailId()).as("the instance to resume").isEqualTo(instance);
        assertThat(driver.output().since(mark)).contains("event(to=" + host + ") PlayerReattached hostId=" + host +
            " instanceId=" + instance + " userId=100 gatewayId=" + gwB);
        assertThat(driver.engine().users().get(100).state()).isEqualTo(UserState.IN_INSTANCE);
    }

    @Test
    void shouldRejectNameTakenByAnotherUser()
    {
        driver.checkIn(gwA, 100, "alice");
        assertThat(driver.checkIn(gwA, 101, "alice")).isEqualTo(new EngineDriver.Result("USER_NAME_TAKEN", 100, 0));
        assertThat(driver.checkIn(gwA, 100, "alicia").code()).isEqualTo("USER_ID_MISMATCH");
    }

    @Test
    void shouldRejectCheckInThroughUnknownOrNonGatewayServer()
    {
        assertThat(driver.checkIn(99, 100, "alice").code()).isEqualTo("UNKNOWN_SERVER");
        assertThat(driver.checkIn(host, 100, "alice").code()).isEqualTo("WRONG_SERVER_ROLE");
        assertThat(driver.checkIn(gwA, 0, "alice").code()).isEqualTo("INVALID_VALUE");
        assertThat(driver.checkIn(gwA, 100, "al!ce").code()).isEqualTo("INVALID_NAME");
        assertThat(driver.engine().users().size()).isZero();
    }

    @Test
    void shouldCheckOutUserAndFreeItsName()
    {
        driver.checkIn(gwA, 100, "alice");

        assertThat(driver.send("CheckOutUser gatewayId=" + gwA + " userId=100").ok()).isTrue();

        assertThat(driver.engine().users().get(100)).isNull();
        assertThat(driver.checkIn(gwA, 101, "alice").ok()).isTrue();
    }

    @Test
    void shouldIgnoreStaleCheckOutFromOldGateway()
    {
        driver.checkIn(gwA, 100, "alice");
        driver.checkIn(gwB, 100, "alice");

        final EngineDriver.Result result = driver.send("CheckOutUser gatewayId=" + gwA + " userId=100");

        assertThat(result.code()).isEqualTo("USER_NOT_ON_GATEWAY");
        assertThat(driver.engine().users().get(100).gatewayId()).isEqualTo(gwB);
    }

    @Test
    void shouldFreeSeatAndTellHostWhenSeatedUserChecksOut()
    {
        driver.checkIn(gwA, 100, "alice");
        driver.checkIn(gwA, 101, "bob");
        final long instance = driver.create(100, 1, 3).subjectId();
        driver.join(101, instance);
        final int mark = driver.output().mark();

        driver.send("CheckOutUser gatewayId=" + gwA + " userId=101");

        assertThat(driver.output().since(mark)).contains("event(to=" + host + ") PlayerLeft hostId=" + host +
            " instanceId=" + instance + " userId=101 reason=CHECKED_OUT");
        assertThat(driver.engine().instances().get(instance).hasPlayer(101)).isFalse();
    }

    @Test
    void shouldCheckOutLobbyUsersAndDetachSeatedUsersWhenGatewayDies()
    {
        driver.checkIn(gwA, 100, "alice");
        driver.checkIn(gwA, 101, "bob");
        driver.checkIn(gwB, 102, "carol");
        final long instance = driver.create(100, 1, 2).subjectId();
        driver.advance(4_000).heartbeat(gwB, 1).ok();
        driver.heartbeat(host, 1);
        driver.advance(1_000);

        final List<String> lines = driver.fireTimer();

        assertThat(driver.engine().users().get(101)).as("lobby user of the dead gateway").isNull();
        final User alice = driver.engine().users().get(100);
        assertThat(alice.gatewayId()).as("detached").isZero();
        assertThat(alice.instanceId()).isEqualTo(instance);
        assertThat(driver.engine().users().get(102).gatewayId()).isEqualTo(gwB);
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("event(to=-1) GatewayListChanged")
            .doesNotContain("serverId=" + gwA + " "));

        assertThat(driver.checkIn(gwB, 100, "alice")).isEqualTo(new EngineDriver.Result("OK", 100, instance));
        assertThat(driver.engine().users().get(100).gatewayId()).isEqualTo(gwB);
    }

    @Test
    void shouldLookUsersUpByIdAndName()
    {
        driver.checkIn(gwA, 100, "alice");

        assertThat(driver.query("GetUser userId=100")).contains("code=OK").contains("userName=alice")
            .contains("gatewayId=" + gwA);
        assertThat(driver.query("GetUser userName=alice")).contains("userId=100");
        assertThat(driver.query("GetUser userId=5")).contains("code=UNKNOWN_USER");
    }
}
