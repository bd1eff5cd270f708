package io.gamehall.master;

import io.gamehall.master.support.CommandText;
import io.gamehall.master.support.EngineDriver;
import io.gamehall.sbe.master.CheckInUserEncoder;
import io.gamehall.sbe.master.GetUserEncoder;
import io.gamehall.sbe.master.MessageHeaderEncoder;
import io.gamehall.sbe.master.RegisterServerEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link CommandAdapter} refuses, field by field, with which code, and whether the refusal
 * is remembered: a state-changing command passes the exactly-once check on its fixed fields,
 * so a variable-length field that is too long is an outcome remembered like any other, while
 * bytes that are not there are {@code MALFORMED_MESSAGE} and forgotten.
 */
class CommandAdapterTest
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;
    /** Offset of RegisterServer's game type group header. */
    private static final int GAME_TYPES = HEADER + RegisterServerEncoder.BLOCK_LENGTH;
    /** Offset of RegisterServer's name length when the command lists one game type. */
    private static final int NAME_AFTER_ONE_TYPE = GAME_TYPES + 4 + 2;

    private final EngineDriver driver = new EngineDriver();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);
    private long gw;

    @BeforeEach
    void setUp()
    {
        gw = driver.registerGateway("gw");
        driver.registerHost("host", 10, "1");
        driver.checkIn(gw, 1, "alice");
    }

    @Test
    void shouldRememberTooManyGameTypesAsInvalidValueBeforeReadingThem()
    {
        encode(registerHost(70, 1, "h2"));
        buffer.putShort(GAME_TYPES + 2, (short)17);

        assertThat(apply(NAME_AFTER_ONE_TYPE - 2)).containsExactly(result(70, 1, 1, "INVALID_VALUE", 0, 0));
        assertRememberedAs(70, registerHost(70, 1, "h2"), result(70, 1, 1, "INVALID_VALUE", 0, 0));
    }

    @Test
    void shouldRefuseGameTypesThatAreNotThereAsMalformedAndForgetIt()
    {
        encode(registerHost(71, 1, "h2"));
        buffer.putShort(GAME_TYPES + 2, (short)3);

        assertForgotten(
            71, NAME_AFTER_ONE_TYPE + 2, "CommandResult clientId=71 requestId=1 command=1 code=MALFORMED_MESSAGE");
    }

    @Test
    void shouldRememberAnOverLongLengthAsStringTooLongWithoutReadingTheBytes()
    {
        encode(registerHost(72, 1, "h2"));
        buffer.putShort(NAME_AFTER_ONE_TYPE, (short)(65));

        assertThat(apply(NAME_AFTER_ONE_TYPE + 2)).containsExactly(result(72, 1, 1, "STRING_TOO_LONG", 0, 0));
        assertRememberedAs(72, registerHost(72, 1, "h2"), result(72, 1, 1, "STRING_TOO_LONG", 0, 0));
    }

    @Test
    void shouldRememberEachOverLongServerStringAsStringTooLong()
    {
        final String format = "RegisterServer clientId=73 requestId=%d role=GAME_HOST capacity=5 gameTypes=1 name=%s " +
            "endpoint=%s softwareVersion=%s";
        final String[][] cases = {
            {"n".repeat(65), "e", "1"},
            {"h2", "e".repeat(257), "1"},
            {"h2", "e", "v".repeat(33)}};
        for (int i = 0; i < cases.length; i++)
        {
            final int requestId = i + 1;
            final String command = String.format(format, requestId, cases[i][0], cases[i][1], cases[i][2]);
            final List<String> lines = driver.raw(command);

            assertThat(lines).as(String.join(" ", cases[i])).containsExactly(
                result(73, requestId, 1, "STRING_TOO_LONG", 0, 0));
        }
        assertThat(driver.raw(String.format(format, 4, "n".repeat(64), "e".repeat(256), "v".repeat(32))))
            .as("at the limits").containsExactly(result(73, 4, 1, "OK", 3, 0));
        assertRememberedAs(73, String.format(format, 1, "h3", "e", "1"), result(73, 1, 1, "STRING_TOO_LONG", 0, 0));
    }

    @Test
    void shouldRefuseANameCutShortAsMalformedAndForgetIt()
    {
        encode(registerHost(74, 1, "h2"));
        buffer.putShort(NAME_AFTER_ONE_TYPE, (short)10);

        assertForgotten(74, NAME_AFTER_ONE_TYPE + 2 + 3, "CommandResult clientId=74 requestId=1 command=1 " +
            "code=MALFORMED_MESSAGE");
    }

    @Test
    void shouldRememberAnOverLongUserNameAsStringTooLong()
    {
        final String checkIn = "CheckInUser clientId=75 requestId=1 gatewayId=" + gw + " userId=2 userName=";
        encode(checkIn + "bob");
        final int nameLength = HEADER + CheckInUserEncoder.BLOCK_LENGTH;
        buffer.putShort(nameLength, (short)65);

        assertThat(apply(nameLength + 2)).containsExactly(result(75, 1, 5, "STRING_TOO_LONG", 0, 0));
        assertRememberedAs(75, checkIn + "bob", result(75, 1, 5, "STRING_TOO_LONG", 0, 0));
        assertThat(driver.engine().users().get(2)).isNull();
    }

    @Test
    void shouldAnswerARetryFromMemoryHoweverItsBodyIsBroken()
    {
        final String checkIn = "CheckInUser clientId=76 requestId=1 gatewayId=" + gw + " userId=2 userName=bob";
        final List<String> first = driver.raw(checkIn);
        final long hash = driver.engine().stateHash();
        final int length = encode(checkIn);

        for (int cut = HEADER + CheckInUserEncoder.BLOCK_LENGTH; cut < length; cut++)
        {
            assertThat(apply(cut)).as("cut at " + cut).isEqualTo(first);
        }
        buffer.putShort(HEADER + CheckInUserEncoder.BLOCK_LENGTH, (short)500);
        assertThat(apply(length)).as("length beyond the message").isEqualTo(first);
        assertThat(driver.engine().stateHash()).isEqualTo(hash);
    }

    @Test
    void shouldAnswerAnOverLongNameInAQueryWithItsOwnResponseAndForgetIt()
    {
        encode("GetUser clientId=77 requestId=1 userId=0 userName=alice");
        final int nameLength = HEADER + GetUserEncoder.BLOCK_LENGTH;
        buffer.putShort(nameLength, (short)65);

        assertForgotten(77, nameLength + 2, "UserInfo clientId=77 requestId=1 code=STRING_TOO_LONG");
    }

    @Test
    void shouldRefuseAShortBlockOfEveryCommandInItsOwnKindOfResponse()
    {
        for (final Map.Entry<String, String> command : commands().entrySet())
        {
            final int length = encode(command.getKey() + " clientId=78 requestId=1 " + command.getValue());
            final int blockLength = buffer.getShort(0);
            buffer.putShort(0, (short)(blockLength - 1));

            final List<String> lines = apply(length);

            assertThat(lines).as(command.getKey()).hasSize(1);
            assertThat(lines.get(0)).as(command.getKey())
                .startsWith(responseTo(command.getKey()) + " clientId=78 requestId=1")
                .contains("code=BAD_BLOCK_LENGTH");
        }
        assertThat(driver.engine().remembersClient(78)).isFalse();
    }

    @Test
    void shouldRefuseABlockBeyondTheMessageOfEveryCommandAsMalformed()
    {
        for (final Map.Entry<String, String> command : commands().entrySet())
        {
            final int length = encode(command.getKey() + " clientId=79 requestId=1 " + command.getValue());
            final int blockLength = buffer.getShort(0);

            final List<String> lines = apply(Math.min(length, HEADER + blockLength - 1));

            assertThat(lines).as(command.getKey()).hasSize(1);
            assertThat(lines.get(0)).as(command.getKey())
                .startsWith(responseTo(command.getKey()) + " clientId=79 requestId=1")
                .contains("code=MALFORMED_MESSAGE");
        }
        assertThat(driver.engine().remembersClient(79)).isFalse();
    }

    @Test
    void shouldNameNoCommandWhenTheHeaderIsRefused()
    {
        final int length = encode("ServerHeartbeat clientId=80 requestId=4 serverId=" + gw + " load=0");
        buffer.putShort(4, (short)999);

        assertThat(apply(length)).containsExactly(result(80, 4, 0, "UNKNOWN_SCHEMA", 0, 0));
    }

    @Test
    void shouldRefuseOnTheFacadesBehalfInTheCommandsKindOfResponse()
    {
        final int length = encode("ListUsers clientId=81 requestId=2 cursor=0 maxResults=5");
        final int mark = driver.output().mark();

        driver.engine().refuse(buffer, 0, length, io.gamehall.sbe.master.ResultCode.NOT_AUTHORISED);
        driver.engine().refuse(new UnsafeBuffer(new byte[4]), 0, 4,
            io.gamehall.sbe.master.ResultCode.NOT_AUTHORISED);

        assertThat(driver.output().since(mark)).containsExactly(
            "UserList clientId=81 requestId=2 code=NOT_AUTHORISED nextCursor=0 users=[]",
            result(0, 0, 0, "NOT_AUTHORISED", 0, 0));
    }

    private static String registerHost(final long clientId, final long requestId, final String name)
    {
        return "RegisterServer clientId=" + clientId + " requestId=" + requestId + " role=GAME_HOST capacity=5 " +
            "gameTypes=1 name=" + name + " endpoint=e softwareVersion=1";
    }

    private Map<String, String> commands()
    {
        final Map<String, String> commands = new LinkedHashMap<>();
        commands.put("RegisterServer", "role=GATEWAY capacity=5 name=g2 endpoint=e softwareVersion=1");
        commands.put("ServerHeartbeat", "serverId=" + gw + " load=0");
        commands.put("DrainServer", "serverId=" + gw);
        commands.put("DeregisterServer", "serverId=" + gw);
        commands.put("CheckInUser", "gatewayId=" + gw + " userId=2 userName=bob");
        commands.put("CheckOutUser", "gatewayId=" + gw + " userId=1");
        commands.put("CreateInstance", "ownerId=1 gameType=1 maxPlayers=2");
        commands.put("InstanceReady", "hostId=2 instanceId=1");
        commands.put("InstanceEnded", "hostId=2 instanceId=1");
        commands.put("JoinInstance", "userId=1 instanceId=1");
        commands.put("LeaveInstance", "userId=1 instanceId=1");
        commands.put("DestroyInstance", "requesterId=0 instanceId=1");
        commands.put("SearchInstances", "gameType=1 state=OPEN maxResults=5");
        commands.put("GetInstance", "instanceId=1");
        commands.put("ListServers", "cursor=0 maxResults=5");
        commands.put("GetUser", "userId=1");
        commands.put("ListUsers", "cursor=0 maxResults=5");
        commands.put("ListInstances", "cursor=0 maxResults=5");
        return commands;
    }

    private static String responseTo(final String command)
    {
        switch (command)
        {
            case "SearchInstances":
                return "InstanceSearchResult";
            case "GetInstance":
                return "InstanceInfo";
            case "ListServers":
                return "ServerList";
            case "GetUser":
                return "UserInfo";
            case "ListUsers":
                return "UserList";
            case "ListInstances":
                return "InstanceList";
            default:
                return "CommandResult";
        }
    }

    private static String result(
        final long clientId,
        final long requestId,
        final int command,
        final String code,
        final long subjectId,
        final long detailId)
    {
        return "CommandResult clientId=" + clientId + " requestId=" + requestId + " command=" + command +
            " code=" + code + " subjectId=" + subjectId + " detailId=" + detailId;
    }

    /**
     * The client's outcome is remembered: the same request id, now with a valid body, is
     * answered from memory and changes nothing.
     */
    private void assertRememberedAs(final long clientId, final String validRetry, final String remembered)
    {
        assertThat(driver.engine().remembersClient(clientId)).isTrue();
        final long hash = driver.engine().stateHash();
        assertThat(driver.raw(validRetry)).containsExactly(remembered);
        assertThat(driver.engine().stateHash()).isEqualTo(hash);
    }

    /**
     * Applying the first {@code length} bytes of the buffer is answered as expected and leaves
     * no trace: nothing remembered, the state unchanged.
     */
    private void assertForgotten(final long clientId, final int length, final String answerStart)
    {
        final long hash = driver.engine().stateHash();

        final List<String> lines = apply(length);

        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith(answerStart);
        assertThat(driver.engine().remembersClient(clientId)).isFalse();
        assertThat(driver.engine().stateHash()).isEqualTo(hash);
    }

    private int encode(final String command)
    {
        return new CommandText().encode(command, buffer, 0);
    }

    private List<String> apply(final int length)
    {
        final int mark = driver.output().mark();
        driver.engine().apply(buffer, 0, length, driver.now());
        return driver.output().since(mark);
    }
}
