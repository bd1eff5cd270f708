package io.gamehall.master;

import io.gamehall.master.support.CommandText;
import io.gamehall.master.support.EngineDriver;
import io.gamehall.master.support.SnapshotBytes;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ListUsers} and {@code ListInstances}: pages in slot order, resumed with the cursor,
 * every entity once, refused when malformed, never remembered and never changing state. That
 * slot order is the same after a snapshot restore is checked here and by the random runs of
 * {@link EnginePropertiesTest}.
 */
class ListingCommandsTest
{
    private static final Pattern USER_ID = Pattern.compile("\\(userId=(\\d+) ");
    private static final Pattern INSTANCE_ID = Pattern.compile("\\(instanceId=(\\d+) ");

    private final EngineDriver driver = new EngineDriver(
        new EngineConfig().maxServers(64).maxUsers(1024).maxInstances(512).maxClients(64));
    private long gateway;
    private long host;

    @BeforeEach
    void servers()
    {
        gateway = driver.registerGateway("gw-a");
        host = driver.registerHost("host-a", 500, "1,2");
    }

    @AfterEach
    void indexesStayInStep()
    {
        assertThat(driver.verifyIndexes()).isNull();
    }

    @Test
    void shouldListEveryUserOnceAcrossPages()
    {
        final TreeSet<Long> expected = new TreeSet<>();
        for (int i = 0; i < 300; i++)
        {
            final long userId = 1 + (i * 7919L) % 100_000;
            EngineDriver.expectOk(driver.checkIn(gateway, userId, "u" + userId));
            expected.add(userId);
        }

        final List<Long> listed = listAll("ListUsers", USER_ID, 64);

        assertThat(listed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void shouldListInSlotOrderWithFreedSlotsReusedLowestFirst()
    {
        for (final long userId : new long[]{50, 10, 40, 20})
        {
            driver.checkIn(gateway, userId, "u" + userId);
        }
        EngineDriver.expectOk(driver.send("CheckOutUser gatewayId=" + gateway + " userId=10"));
        EngineDriver.expectOk(driver.send("CheckOutUser gatewayId=" + gateway + " userId=50"));
        driver.checkIn(gateway, 30, "u30");

        assertThat(listAll("ListUsers", USER_ID, 64)).as("30 took slot 0, the lowest free").containsExactly(30L, 40L, 20L);
    }

    @Test
    void shouldDescribeEachUser()
    {
        driver.at(5_000);
        driver.checkIn(gateway, 42, "alice");
        driver.checkIn(gateway, 7, "bob");
        final long instanceId = EngineDriver.expectOk(driver.create(42, 1, 2)).subjectId();

        assertThat(driver.query("ListUsers cursor=0 maxResults=10")).isEqualTo(
            "UserList clientId=1 requestId=" + driver.lastRequestId() + " code=OK nextCursor=0 users=[" +
            "(userId=42 state=IN_INSTANCE gatewayId=" + gateway + " instanceId=" + instanceId +
            " checkInTime=5000 userName=alice)," +
            "(userId=7 state=ONLINE gatewayId=" + gateway + " instanceId=0 checkInTime=5000 userName=bob)]");
    }

    @Test
    void shouldListEveryInstanceOnceAcrossPagesWithEndedOnesGone()
    {
        final TreeSet<Long> expected = new TreeSet<>();
        for (int i = 1; i <= 200; i++)
        {
            driver.checkIn(gateway, i, "u" + i);
            expected.add(EngineDriver.expectOk(driver.create(i, 1 + i % 2, 4)).subjectId());
        }
        for (long instanceId = 3; instanceId <= 200; instanceId += 3)
        {
            EngineDriver.expectOk(driver.send("DestroyInstance requesterId=0 instanceId=" + instanceId));
            expected.remove(instanceId);
        }

        assertThat(listAll("ListInstances", INSTANCE_ID, 64)).doesNotHaveDuplicates()
            .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(listAll("ListInstances", INSTANCE_ID, 1)).isEqualTo(listAll("ListInstances", INSTANCE_ID, 64));
    }

    @Test
    void shouldDescribeEachInstance()
    {
        driver.at(9_000);
        driver.checkIn(gateway, 1, "alice");
        driver.checkIn(gateway, 2, "bob");
        final long instanceId = EngineDriver.expectOk(driver.send(
            "CreateInstance ownerId=1 gameType=2 maxPlayers=4 region=3 mode=5 ratingBand=7")).subjectId();
        driver.ready(host, instanceId);
        driver.join(2, instanceId);

        assertThat(driver.query("ListInstances cursor=0 maxResults=64")).isEqualTo(
            "InstanceList clientId=1 requestId=" + driver.lastRequestId() + " code=OK nextCursor=0 instances=[" +
            "(instanceId=" + instanceId + " gameType=2 state=OPEN hostId=" + host + " ownerId=1 maxPlayers=4 " +
            "playerCount=2 region=3 mode=5 ratingBand=7 createdTime=9000)]");
    }

    @Test
    void shouldResumeWhenTheUserAtTheCursorLeft()
    {
        for (final long userId : new long[]{10, 20, 30, 40})
        {
            driver.checkIn(gateway, userId, "u" + userId);
        }
        final String first = driver.query("ListUsers cursor=0 maxResults=2");
        assertThat(first).contains("nextCursor=3").contains("users=[(userId=10 ").contains("userId=20 ")
            .doesNotContain("userId=30 ");

        EngineDriver.expectOk(driver.send("CheckOutUser gatewayId=" + gateway + " userId=30"));

        final String next = driver.query("ListUsers cursor=3 maxResults=2");
        assertThat(next).contains("nextCursor=0").contains("users=[(userId=40 ");
        assertThat(driver.query("ListUsers cursor=1024 maxResults=2")).endsWith("code=OK nextCursor=0 users=[]");
    }

    @Test
    void shouldPageAlikeAfterASnapshotRestore()
    {
        for (int i = 1; i <= 40; i++)
        {
            driver.checkIn(gateway, 1000 - i, "u" + i);
            if (i % 4 == 0)
            {
                EngineDriver.expectOk(driver.create(1000 - i, 1, 4));
            }
        }
        for (int i = 3; i <= 40; i += 5)
        {
            EngineDriver.expectOk(driver.send("CheckOutUser gatewayId=" + gateway + " userId=" + (1000 - i)));
        }
        final EngineDriver restored = new EngineDriver(
            new EngineConfig().maxServers(64).maxUsers(1024).maxInstances(512).maxClients(64));
        SnapshotBytes.load(SnapshotBytes.write(driver.engine(), driver.now()), restored.engine());

        for (final EngineDriver engine : new EngineDriver[]{driver, restored})
        {
            engine.raw("CheckInUser clientId=7 requestId=1 gatewayId=" + gateway + " userId=5 userName=late");
        }
        assertThat(listAll(restored, "ListUsers", USER_ID, 7)).isEqualTo(listAll(driver, "ListUsers", USER_ID, 7));
        assertThat(listAll(restored, "ListInstances", INSTANCE_ID, 3))
            .isEqualTo(listAll(driver, "ListInstances", INSTANCE_ID, 3));
    }

    @Test
    void shouldAnswerEmptyListings()
    {
        assertThat(driver.query("ListUsers cursor=0 maxResults=64")).endsWith("code=OK nextCursor=0 users=[]");
        assertThat(driver.query("ListInstances cursor=0 maxResults=64"))
            .endsWith("code=OK nextCursor=0 instances=[]");
    }

    @Test
    void shouldRejectBadMaxResultsAndCursor()
    {
        driver.checkIn(gateway, 1, "alice");
        for (final String listing : new String[]{"ListUsers", "ListInstances"})
        {
            assertThat(driver.query(listing + " cursor=0 maxResults=0")).contains("code=INVALID_VALUE nextCursor=0");
            assertThat(driver.query(listing + " cursor=0 maxResults=65")).contains("code=INVALID_VALUE");
            assertThat(driver.query(listing + " cursor=-1 maxResults=10")).contains("code=INVALID_VALUE");
            assertThat(driver.query(listing + " cursor=100000 maxResults=10")).contains("code=INVALID_VALUE");
            assertThat(driver.query(listing + " cursor=0 maxResults=64")).contains("code=OK");
        }
    }

    @Test
    void shouldNeitherChangeStateNorRememberTheAnswer()
    {
        driver.checkIn(gateway, 1, "alice");
        final long hash = driver.engine().stateHash();
        final String listUsers = "ListUsers clientId=9 requestId=1 cursor=0 maxResults=10";

        final List<String> first = driver.raw(listUsers);
        driver.raw("ListInstances clientId=9 requestId=2 cursor=0 maxResults=10");
        assertThat(driver.engine().stateHash()).isEqualTo(hash);

        driver.checkIn(gateway, 2, "bob");
        final List<String> again = driver.raw(listUsers);

        assertThat(first).hasSize(1);
        assertThat(again).as("a query with an old request id is evaluated again").hasSize(1)
            .allMatch(line -> line.contains("userName=bob"));
    }

    @Test
    void shouldListWithoutAllocating()
    {
        final MasterEngine engine = new MasterEngine(
            new EngineConfig().maxServers(8).maxUsers(256).maxInstances(64).maxClients(8), new EngineOutput()
            {
                public void onResponse(final long clientId, final DirectBuffer buffer, final int offset, final int length)
                {
                }

                public void onEvent(final long serverId, final DirectBuffer buffer, final int offset, final int length)
                {
                }

                public void onScheduleTimer(final long correlationId, final long deadline)
                {
                }
            });
        final CommandText text = new CommandText();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
        int length = text.encode("RegisterServer clientId=1 requestId=1 role=GATEWAY capacity=1000 name=gw " +
            "endpoint=ws://gw softwareVersion=1", buffer, 0);
        engine.apply(buffer, 0, length, 1);
        for (int i = 1; i <= 100; i++)
        {
            length = text.encode("CheckInUser clientId=1 requestId=" + (i + 1) + " gatewayId=1 userId=" + i +
                " userName=u" + i, buffer, 0);
            engine.apply(buffer, 0, length, 1);
        }
        final ExpandableArrayBuffer users = new ExpandableArrayBuffer(64);
        final int usersLength = text.encode("ListUsers clientId=2 requestId=1 cursor=0 maxResults=64", users, 0);
        final ExpandableArrayBuffer instances = new ExpandableArrayBuffer(64);
        final int instancesLength = text.encode("ListInstances clientId=2 requestId=1 cursor=0 maxResults=64",
            instances, 0);
        for (int i = 0; i < 20_000; i++)
        {
            engine.apply(users, 0, usersLength, 2);
            engine.apply(instances, 0, instancesLength, 2);
        }

        final long before = allocatedBytes();
        for (int i = 0; i < 20_000; i++)
        {
            engine.apply(users, 0, usersLength, 2);
            engine.apply(instances, 0, instancesLength, 2);
        }
        final long allocated = allocatedBytes() - before;

        // One object per listing would be at least 640 KB; the slack is for the JIT's own doings
        // on this thread (a loaded machine once showed 7 KB).
        assertThat(allocated).as("bytes allocated by 40,000 listings").isLessThan(64 * 1024);
    }

    private List<Long> listAll(final String listing, final Pattern idPattern, final int maxResults)
    {
        return listAll(driver, listing, idPattern, maxResults);
    }

    private static List<Long> listAll(
        final EngineDriver driver, final String listing, final Pattern idPattern, final int maxResults)
    {
        final List<Long> ids = new ArrayList<>();
        long cursor = 0;
        do
        {
            final String page = driver.query(listing + " cursor=" + cursor + " maxResults=" + maxResults);
            assertThat(page).contains("code=OK");
            final Matcher matcher = idPattern.matcher(page);
            int count = 0;
            while (matcher.find())
            {
                ids.add(Long.parseLong(matcher.group(1)));
                count++;
            }
            cursor = Long.parseLong(page.replaceAll(".* nextCursor=(\\d+) .*", "$1"));
            assertThat(count).isBetween(cursor == 0 ? 0 : maxResults, maxResults);
        }
        while (cursor != 0);
        return ids;
    }

    private static long allocatedBytes()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
