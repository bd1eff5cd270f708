package io.gamehall.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gamehall.master.support.CommandText;
import io.gamehall.sbe.journal.JournalCommandDecoder;
import io.gamehall.sbe.journal.JournalCommandEncoder;
import io.gamehall.sbe.journal.MessageHeaderEncoder;
import io.gamehall.sbe.journal.ResultCode;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandRecordJsonTest
{
    @Test
    void shouldWriteTextFieldsAsStringsWhateverTheyHold() throws Exception
    {
        final JsonNode json = new ObjectMapper().readTree(record(
            "CheckInUser clientId=7 requestId=9 gatewayId=2 userId=1007 userName=007").toJson());

        assertThat(json.get("fields").get("userName").isTextual()).isTrue();
        assertThat(json.get("fields").get("userName").asText()).isEqualTo("007");
        assertThat(json.get("fields").get("userId").isIntegralNumber()).isTrue();
        assertThat(json.get("fields").get("userId").asLong()).isEqualTo(1007);
        assertThat(json.get("clientId").asLong()).isEqualTo(7);
        assertThat(json.get("result").asText()).isEqualTo("OK");
    }

    @Test
    void shouldWriteANumberOnlyWhenItIsWrittenAsTheNumberPrints()
    {
        assertThat(CommandRecord.canonicalLong("12")).isEqualTo(12L);
        assertThat(CommandRecord.canonicalLong("-3")).isEqualTo(-3L);
        assertThat(CommandRecord.canonicalLong("007")).isNull();
        assertThat(CommandRecord.canonicalLong("+7")).isNull();
        assertThat(CommandRecord.canonicalLong("GATEWAY")).isNull();
    }

    private static CommandRecord record(final String command)
    {
        final ExpandableArrayBuffer payload = new ExpandableArrayBuffer(256);
        final int length = new CommandText().encode(command, payload, 0);
        final UnsafeBuffer record = new UnsafeBuffer(new byte[512]);
        final JournalCommandEncoder encoder = new JournalCommandEncoder().wrapAndApplyHeader(record, 0,
            new MessageHeaderEncoder()).logPosition(64).leadershipTermId(0).timestamp(1_000).clientId(7).requestId(9)
            .command(5).code(ResultCode.OK).appliedToEngine((short)1).subjectId(1007).detailId(0);
        encoder.putPayload(payload, 0, length);
        final JournalCommandDecoder decoder = new JournalCommandDecoder().wrap(record, MessageHeaderEncoder.ENCODED_LENGTH,
            JournalCommandDecoder.BLOCK_LENGTH, JournalCommandDecoder.SCHEMA_VERSION);
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        decoder.wrapPayload(view);
        return CommandRecord.of(decoder, view, 0, view.capacity());
    }
}
