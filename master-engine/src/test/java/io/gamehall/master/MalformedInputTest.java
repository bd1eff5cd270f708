package io.gamehall.master;

import io.gamehall.master.support.CommandText;
import io.gamehall.master.support.EngineDriver;
import io.gamehall.sbe.master.CheckInUserEncoder;
import io.gamehall.sbe.master.MessageHeaderEncoder;
import io.gamehall.sbe.master.SearchInstancesEncoder;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MalformedInputTest
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    private final EngineDriver driver = new EngineDriver();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(512);
    private long gw;
    private long hashBefore;

    @BeforeEach
    void setUp()
    {
        gw = driver.registerGateway("gw");
        driver.registerHost("host", 10, "1");
        driver.checkIn(gw, 1, "alice");
        hashBefore = driver.engine().stateHash();
    }

    @Test
    void shouldRejectBufferShorterThanHeader()
    {
        assertThat(apply(4)).containsExactly("CommandResult clientId=0 requestId=0 command=0 code=MALFORMED_MESSAGE " +
            "subjectId=0 detailId=0");
        assertUnchanged();
    }

    @Test
    void shouldRejectUnknownSchema()
    {
        final int length = encode("ServerHeartbeat clientId=7 requestId=1 serverId=1 load=0");
        buffer.putShort(4, (short)999);
        assertThat(apply(length).get(0)).contains("code=UNKNOWN_SCHEMA");
        assertUnchanged();
    }

    @Test
    void shouldRejectUnsupportedVersions()
    {
        final int length = encode("ServerHeartbeat clientId=7 requestId=1 serverId=1 load=0");
        buffer.putShort(6, (short)0);
        assertThat(apply(length).get(0)).contains("code=UNSUPPORTED_VERSION");
        buffer.putShort(6, (short)(MasterEngine.SCHEMA_VERSION + 2));
        assertThat(apply(length).get(0)).contains("code=UNSUPPORTED_VERSION");
        assertUnchanged();
    }

    @Test
    void shouldAcceptTheNextVersionWithALongerBlock()
    {
        final int length = encode("ServerHeartbeat clientId=7 requestId=1 serverId=" + gw + " load=3");
        final UnsafeBuffer longer = new UnsafeBuffer(new byte[length + 8]);
        longer.putBytes(0, buffer, 0, length);
        longer.putShort(0, (short)(buffer.getShort(0) + 8));
        longer.putShort(6, (short)(MasterEngine.SCHEMA_VERSION + 1));

        final int mark = driver.output().mark();
        driver.engine().apply(longer, 0, length + 8, driver.now());

        assertThat(driver.output().since(mark).get(0)).contains("code=OK");
        assertThat(driver.engine().servers().get(gw).load()).isEqualTo(3);
    }

    @Test
    void shouldRejectUnknownTemplate()
    {
        final int length = encode("ServerHeartbeat clientId=7 requestId=1 serverId=1 load=0");
        buffer.putShort(2, (short)99);
        assertThat(apply(length).get(0)).contains("command=99 code=UNKNOWN_TEMPLATE");
        assertUnchanged();
    }

    @Test
    void shouldRejectShortBlockLength()
    {
        final int length = encode("ServerHeartbeat clientId=7 requestId=1 serverId=1 load=0");
        buffer.putShort(0, (short)8);
        assertThat(apply(length).get(0)).contains("code=BAD_BLOCK_LENGTH");
        assertUnchanged();
    }

    @Test
    void shouldRejectEveryTruncationOfACommandWithVarData()
    {
        final int length = encode("CheckInUser clientId=7 requestId=1 gatewayId=" + gw + " userId=2 userName=bob");
        for (int cut = 0; cut < length; cut++)
        {
            final List<String> lines = apply(cut);
            assertThat(lines).hasSize(1);
            assertThat(lines.get(0)).as("cut at " + cut).containsAnyOf("code=MALFORMED_MESSAGE", "code=BAD_BLOCK_LENGTH");
            assertUnchanged();
        }
        assertThat(apply(length).get(0)).contains("code=OK");
    }

    @Test
    void shouldRejectVarDataLengthBeyondTheMessage()
    {
        final int length = encode("CheckInUser clientId=7 requestId=1 gatewayId=" + gw + " userId=2 userName=bob");
        buffer.putShort(HEADER + CheckInUserEncoder.BLOCK_LENGTH, (short)40);
        assertThat(apply(length).get(0)).contains("code=MALFORMED_MESSAGE");
        assertUnchanged();
    }

    @Test
    void shouldRejectOverLongName()
    {
        final String name = "n".repeat(65);
        assertThat(driver.checkIn(gw, 2, name).code()).isEqualTo("STRING_TOO_LONG");
        assertThat(driver.engine().users().get(2)).isNull();
    }

    @Test
    void shouldRejectOutOfRangeEnums()
    {
        final int register = encode("RegisterServer clientId=7 requestId=1 role=GATEWAY capacity=5 name=g2 endpoint=e " +
            "softwareVersion=1");
        buffer.putByte(HEADER + 16, (byte)9);
        assertThat(apply(register).get(0)).contains("code=INVALID_ENUM_VALUE");
        assertThat(driver.engine().servers().size()).isEqualTo(2);
        hashBefore = driver.engine().stateHash();

        final int search = encode("SearchInstances clientId=7 requestId=2 gameType=1 state=OPEN maxResults=5");
        buffer.putByte(HEADER + SearchInstancesEncoder.stateEncodingOffset(), (byte)42);
        assertThat(apply(search).get(0)).startsWith("InstanceSearchResult").contains("code=INVALID_ENUM_VALUE");
        assertUnchanged();
    }

    @Test
    void shouldNeverThrowOnRandomBytes()
    {
        final java.util.Random random = new java.util.Random(3);
        final int template = encode("CheckInUser clientId=7 requestId=1 gatewayId=" + gw + " userId=2 userName=bob");
        final byte[] original = new byte[template];
        buffer.getBytes(0, original);
        for (int i = 0; i < 20_000; i++)
        {
            buffer.putBytes(0, original);
            final int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++)
            {
                buffer.putByte(random.nextInt(template), (byte)random.nextInt(256));
            }
            buffer.putLong(HEADER + 8, 1000 + i);
            final List<String> lines = apply(random.nextInt(template + 1));
            assertThat(lines).isNotEmpty();
        }
        assertThat(driver.verifyIndexes()).isNull();
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

    private void assertUnchanged()
    {
        assertThat(driver.engine().stateHash()).isEqualTo(hashBefore);
    }
}
