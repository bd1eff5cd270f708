package io.gamehall.client.typescript;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Values for every field of a message, as the golden files hold them: integers up to 32 bits
 * and floating point as JSON numbers, 64-bit integers as decimal strings (beyond what a
 * JavaScript number holds exactly), enums by value name, text as strings (with characters of
 * one, two, three and four UTF-8 bytes), bytes as hex, groups as arrays of entries.
 * <p>
 * Three cases per message: random values from a seed, the extremes of each type (minimum and
 * maximum, long text, more group entries), and the empty message (zeros, the first enum value,
 * empty text and groups).
 */
final class GoldenValues
{
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String[] TEXT_PIECES = { "a", "Z", "0", " ", "é", "ß", "ж", "♟", "中", "🎲", "👍🏽" };

    private final GoldenSchema schema;
    private final Random random;
    private final Mode mode;

    enum Mode
    {
        RANDOM, EXTREMES, EMPTY
    }

    GoldenValues(final GoldenSchema schema, final Mode mode, final long seed)
    {
        this.schema = schema;
        this.mode = mode;
        this.random = new Random(seed);
    }

    /**
     * @return values for fields of the given descriptors.
     */
    ObjectNode values(final ArrayNode fields)
    {
        final ObjectNode values = JSON.objectNode();
        for (final JsonNode field : fields)
        {
            values.set(field.get("name").asText(), value(field));
        }
        return values;
    }

    private JsonNode value(final JsonNode field)
    {
        final String kind = field.get("kind").asText();
        return switch (kind)
        {
            case "int8" -> JSON.numberNode(integer(Byte.MIN_VALUE, Byte.MAX_VALUE));
            case "uint8" -> JSON.numberNode(integer(0, 255));
            case "char" -> JSON.numberNode(integer(32, 126));
            case "int16" -> JSON.numberNode(integer(Short.MIN_VALUE, Short.MAX_VALUE));
            case "uint16" -> JSON.numberNode(integer(0, 65535));
            case "int32" -> JSON.numberNode(integer(Integer.MIN_VALUE, Integer.MAX_VALUE));
            case "uint32" -> JSON.numberNode(integer(0, 4_294_967_295L));
            case "int64" -> JSON.textNode(Long.toString(mode == Mode.EMPTY ? 0 : mode == Mode.EXTREMES ?
                (random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE) : random.nextLong()));
            case "uint64" -> JSON.textNode(Long.toUnsignedString(mode == Mode.EMPTY ? 0 : mode == Mode.EXTREMES ?
                -1L : random.nextLong()));
            case "float" -> JSON.numberNode((double)(float)(mode == Mode.EMPTY ? 0 : random.nextInt(1 << 20) / 64.0));
            case "double" -> JSON.numberNode(mode == Mode.EMPTY ? 0 : random.nextLong() / 1024.0);
            case "enum" ->
            {
                final List<String> names = schema.enumValues(field.get("enum").asText());
                yield JSON.textNode(mode == Mode.EMPTY ? names.get(0) : mode == Mode.EXTREMES ?
                    names.get(names.size() - 1) : names.get(random.nextInt(names.size())));
            }
            case "ascii" -> JSON.textNode(ascii(mode == Mode.EMPTY ? 0 : mode == Mode.EXTREMES ? 1024 :
                1 + random.nextInt(40)));
            case "utf8" -> JSON.textNode(text(mode == Mode.EMPTY ? 0 : mode == Mode.EXTREMES ? 2000 :
                1 + random.nextInt(30)));
            case "bytes" -> JSON.textNode(HexFormat.of().formatHex(bytes(mode == Mode.EMPTY ? 0 :
                mode == Mode.EXTREMES ? 4096 : random.nextInt(48))));
            case "group" ->
            {
                final ArrayNode entries = JSON.arrayNode();
                final int count = mode == Mode.EMPTY ? 0 : mode == Mode.EXTREMES ? 40 : 1 + random.nextInt(3);
                for (int i = 0; i < count; i++)
                {
                    entries.add(values((ArrayNode)field.get("fields")));
                }
                yield entries;
            }
            default -> throw new IllegalStateException("no values for kind " + kind);
        };
    }

    private long integer(final long min, final long max)
    {
        return switch (mode)
        {
            case EMPTY -> 0;
            case EXTREMES -> random.nextBoolean() ? min : max;
            case RANDOM -> min + (long)(random.nextDouble() * (max - min + 1));
        };
    }

    private String ascii(final int length)
    {
        final StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            text.append((char)(32 + random.nextInt(95)));
        }
        return text.toString();
    }

    private String text(final int pieces)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++)
        {
            text.append(TEXT_PIECES[random.nextInt(TEXT_PIECES.length)]);
        }
        return text.toString();
    }

    private byte[] bytes(final int length)
    {
        final byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
