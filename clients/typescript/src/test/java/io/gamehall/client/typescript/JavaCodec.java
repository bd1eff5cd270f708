package io.gamehall.client.typescript;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.reflect.Method;
import java.util.HexFormat;

/**
 * Encodes and decodes golden values with the Java codecs of the client protocol (those the
 * gateway and the Java SDK use), calling their accessors by field name: for each field, the
 * accessor the Java generator makes for its kind ({@code name(value)}, {@code putName(bytes)},
 * {@code nameCount(n)} then {@code next()} per entry).
 */
final class JavaCodec
{
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String PACKAGE = "io.gamehall.sbe.client.";

    private JavaCodec()
    {
    }

    /**
     * @return the whole frame (header and message) holding the values.
     */
    static byte[] encode(final String message, final ArrayNode fields, final JsonNode values) throws Exception
    {
        final Class<?> encoderClass = Class.forName(PACKAGE + message + "Encoder");
        final Class<?> headerClass = Class.forName(PACKAGE + "MessageHeaderEncoder");
        final Object encoder = encoderClass.getConstructor().newInstance();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 20);
        encoderClass.getMethod("wrapAndApplyHeader", MutableDirectBuffer.class, int.class, headerClass)
            .invoke(encoder, buffer, 0, headerClass.getConstructor().newInstance());
        encodeFields(encoder, fields, values);
        final int length = (int)headerClass.getField("ENCODED_LENGTH").get(null) +
            (int)encoderClass.getMethod("encodedLength").invoke(encoder);
        final byte[] frame = new byte[length];
        buffer.getBytes(0, frame);
        return frame;
    }

    /**
     * @return the values of a whole frame (header and message).
     */
    static ObjectNode decode(final String message, final ArrayNode fields, final byte[] frame) throws Exception
    {
        final Class<?> decoderClass = Class.forName(PACKAGE + message + "Decoder");
        final Class<?> headerClass = Class.forName(PACKAGE + "MessageHeaderDecoder");
        final Object decoder = decoderClass.getConstructor().newInstance();
        decoderClass.getMethod("wrapAndApplyHeader", DirectBuffer.class, int.class, headerClass)
            .invoke(decoder, new UnsafeBuffer(frame), 0, headerClass.getConstructor().newInstance());
        final ObjectNode values = decodeFields(decoder, fields);
        final int length = (int)headerClass.getField("ENCODED_LENGTH").get(null) +
            (int)decoderClass.getMethod("encodedLength").invoke(decoder);
        if (length != frame.length)
        {
            throw new IllegalStateException(message + ": decoded " + length + " of " + frame.length + " bytes");
        }
        return values;
    }

    private static void encodeFields(final Object encoder, final ArrayNode fields, final JsonNode values)
        throws Exception
    {
        for (final JsonNode field : fields)
        {
            final String name = field.get("name").asText();
            final String kind = field.get("kind").asText();
            final JsonNode value = values.get(name);
            if (value == null)
            {
                throw new IllegalArgumentException("no value for " + name);
            }
            switch (kind)
            {
                case "int8", "char" -> setter(encoder, name, byte.class).invoke(encoder, (byte)value.asInt());
                case "int16", "uint8" -> setter(encoder, name, short.class).invoke(encoder, (short)value.asInt());
                case "int32", "uint16" -> setter(encoder, name, int.class).invoke(encoder, value.asInt());
                case "uint32" -> setter(encoder, name, long.class).invoke(encoder, value.asLong());
                case "int64" -> setter(encoder, name, long.class).invoke(encoder, Long.parseLong(value.asText()));
                case "uint64" -> setter(encoder, name, long.class)
                    .invoke(encoder, Long.parseUnsignedLong(value.asText()));
                case "float" -> setter(encoder, name, float.class).invoke(encoder, (float)value.asDouble());
                case "double" -> setter(encoder, name, double.class).invoke(encoder, value.asDouble());
                case "enum" ->
                {
                    final Class<?> type = Class.forName(PACKAGE + field.get("enum").asText());
                    setter(encoder, name, type).invoke(encoder, enumValue(type, value.asText()));
                }
                case "ascii", "utf8" -> setter(encoder, name, String.class).invoke(encoder, value.asText());
                case "bytes" ->
                {
                    final byte[] bytes = HexFormat.of().parseHex(value.asText());
                    encoder.getClass().getMethod("put" + upperFirst(name), byte[].class, int.class, int.class)
                        .invoke(encoder, bytes, 0, bytes.length);
                }
                case "group" ->
                {
                    final Object group = encoder.getClass().getMethod(name + "Count", int.class)
                        .invoke(encoder, value.size());
                    for (final JsonNode entry : value)
                    {
                        group.getClass().getMethod("next").invoke(group);
                        encodeFields(group, (ArrayNode)field.get("fields"), entry);
                    }
                }
                default -> throw new IllegalArgumentException("unknown kind " + kind);
            }
        }
    }

    private static ObjectNode decodeFields(final Object decoder, final ArrayNode fields) throws Exception
    {
        final ObjectNode values = JSON.objectNode();
        for (final JsonNode field : fields)
        {
            final String name = field.get("name").asText();
            final String kind = field.get("kind").asText();
            final Class<?> type = decoder.getClass();
            switch (kind)
            {
                case "int8", "int16", "int32", "uint8", "uint16", "uint32", "char" ->
                    values.put(name, ((Number)type.getMethod(name).invoke(decoder)).longValue());
                case "int64" -> values.put(name, Long.toString((long)type.getMethod(name).invoke(decoder)));
                case "uint64" -> values.put(name, Long.toUnsignedString((long)type.getMethod(name).invoke(decoder)));
                case "float" -> values.put(name, (double)(float)type.getMethod(name).invoke(decoder));
                case "double" -> values.put(name, (double)type.getMethod(name).invoke(decoder));
                case "enum" -> values.put(name, ((Enum<?>)type.getMethod(name).invoke(decoder)).name());
                case "ascii", "utf8" -> values.put(name, (String)type.getMethod(name).invoke(decoder));
                case "bytes" ->
                {
                    final int length = (int)type.getMethod(name + "Length").invoke(decoder);
                    final byte[] bytes = new byte[length];
                    type.getMethod("get" + upperFirst(name), byte[].class, int.class, int.class)
                        .invoke(decoder, bytes, 0, length);
                    values.put(name, HexFormat.of().formatHex(bytes));
                }
                case "group" ->
                {
                    final Object group = type.getMethod(name).invoke(decoder);
                    final int count = (int)group.getClass().getMethod("count").invoke(group);
                    final ArrayNode entries = values.putArray(name);
                    for (int i = 0; i < count; i++)
                    {
                        group.getClass().getMethod("next").invoke(group);
                        entries.add(decodeFields(group, (ArrayNode)field.get("fields")));
                    }
                }
                default -> throw new IllegalArgumentException("unknown kind " + kind);
            }
        }
        return values;
    }

    private static Method setter(final Object encoder, final String name, final Class<?> parameter)
        throws NoSuchMethodException
    {
        return encoder.getClass().getMethod(name, parameter);
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Object enumValue(final Class<?> type, final String name)
    {
        return Enum.valueOf((Class<? extends Enum>)type, name);
    }

    private static String upperFirst(final String name)
    {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
