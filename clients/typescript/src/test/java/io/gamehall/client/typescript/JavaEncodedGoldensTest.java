package io.gamehall.client.typescript;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import uk.co.real_logic.sbe.ir.Token;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * First half of the cross-language codec test: every message of the client protocol encoded by
 * the Java codecs, in three cases (random, extreme and empty values), written as golden files
 * that the Node tests ({@code test/golden.test.ts}) decode with the TypeScript codecs and encode
 * again to the same bytes.
 */
class JavaEncodedGoldensTest
{
    @Test
    void shouldWriteAGoldenFileForEveryMessageOfTheClientProtocol() throws Exception
    {
        final GoldenSchema schema = GoldenSchema.clientProtocol();
        final Path dir = GoldenFiles.dir("java");
        final List<String> written = new ArrayList<>();
        for (final List<Token> message : schema.messages())
        {
            final Token begin = message.get(0);
            final ArrayNode fields = GoldenSchema.describe(message);
            final ObjectNode golden = GoldenFiles.MAPPER.createObjectNode()
                .put("message", begin.name())
                .put("templateId", begin.id())
                .put("schemaId", schema.ir().id())
                .put("version", schema.ir().version());
            golden.set("fields", fields);
            final ArrayNode cases = golden.putArray("cases");
            int seed = begin.id();
            for (final GoldenValues.Mode mode : GoldenValues.Mode.values())
            {
                final ObjectNode values = new GoldenValues(schema, mode, seed++).values(fields);
                final byte[] frame = JavaCodec.encode(begin.name(), fields, values);

                assertThat(GoldenFiles.normalized(JavaCodec.decode(begin.name(), fields, frame)))
                    .as("%s (%s) read back by the Java codecs", begin.name(), mode)
                    .isEqualTo(GoldenFiles.normalized(values));
                final ObjectNode oneCase = cases.addObject().put("mode", mode.name().toLowerCase())
                    .put("hex", HexFormat.of().formatHex(frame));
                oneCase.set("values", values);
            }
            GoldenFiles.write(dir, begin.name(), golden);
            written.add(begin.name());
        }

        assertThat(written).hasSize(schema.ir().messages().size()).contains("Hello", "LoginResult", "GameEvent",
            "HelloReply", "SearchResult", "ProtocolError");
        assertThat(GoldenFiles.readAll(dir)).hasSize(written.size());
    }
}
