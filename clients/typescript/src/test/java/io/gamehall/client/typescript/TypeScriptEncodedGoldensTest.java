package io.gamehall.client.typescript;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import uk.co.real_logic.sbe.ir.Token;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Second half of the cross-language codec test: the golden files the Node tests wrote (every
 * message encoded by the TypeScript codecs, with values of their own choosing) decode with the
 * Java codecs to the same values, and those values encode with the Java codecs to the same
 * bytes. Runs in the integration-test phase, after {@code npm test}.
 */
class TypeScriptEncodedGoldensTest
{
    @Test
    void shouldReadWhatTheTypeScriptCodecsWroteForEveryMessage() throws Exception
    {
        final GoldenSchema schema = GoldenSchema.clientProtocol();
        final Path dir = GoldenFiles.dir("typescript");
        assertThat(Files.isDirectory(dir))
            .as("%s is written by the Node tests (npm test, in the test phase of this module)", dir).isTrue();
        final List<ObjectNode> goldens = GoldenFiles.readAll(dir);

        final TreeSet<String> expected = new TreeSet<>();
        for (final List<Token> message : schema.messages())
        {
            expected.add(message.get(0).name());
        }
        final TreeSet<String> found = new TreeSet<>();
        for (final ObjectNode golden : goldens)
        {
            found.add(golden.get("message").asText());
        }
        assertThat(found).as("a golden file from the TypeScript codecs for every message").isEqualTo(expected);

        int cases = 0;
        for (final ObjectNode golden : goldens)
        {
            final String message = golden.get("message").asText();
            final ArrayNode fields = describedBySchema(schema, message);
            assertThat(golden.get("fields")).as("%s: the fields as the schema has them", message).isEqualTo(fields);
            for (final JsonNode oneCase : golden.get("cases"))
            {
                final byte[] frame = HexFormat.of().parseHex(oneCase.get("hex").asText());
                assertThat(GoldenFiles.normalized(JavaCodec.decode(message, fields, frame)))
                    .as("%s (%s): Java decodes what TypeScript encoded", message, oneCase.get("mode"))
                    .isEqualTo(GoldenFiles.normalized(oneCase.get("values")));
                assertThat(HexFormat.of().formatHex(JavaCodec.encode(message, fields, oneCase.get("values"))))
                    .as("%s (%s): Java encodes the same values to the same bytes", message, oneCase.get("mode"))
                    .isEqualTo(oneCase.get("hex").asText());
                cases++;
            }
        }
        assertThat(cases).isGreaterThanOrEqualTo(2 * expected.size());
    }

    private static ArrayNode describedBySchema(final GoldenSchema schema, final String message)
    {
        for (final List<Token> tokens : schema.messages())
        {
            if (tokens.get(0).name().equals(message))
            {
                return GoldenSchema.describe(tokens);
            }
        }
        throw new IllegalArgumentException("no message " + message + " in the schema");
    }
}
