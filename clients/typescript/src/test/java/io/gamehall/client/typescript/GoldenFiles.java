package io.gamehall.client.typescript;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the golden files are: one JSON file per message of the client protocol, in
 * {@code <golden dir>/java} (encoded by the Java codecs) and {@code <golden dir>/typescript}
 * (encoded by the TypeScript codecs, written by the Node tests). Each holds the message's name,
 * template id, field descriptors, and cases of values with the frame's bytes in hex.
 */
final class GoldenFiles
{
    static final ObjectMapper MAPPER = new ObjectMapper();

    private GoldenFiles()
    {
    }

    /**
     * @param side {@code java} or {@code typescript}.
     * @return the directory of one side's files.
     */
    static Path dir(final String side)
    {
        final String dir = System.getProperty("gamehall.golden.dir");
        if (dir == null)
        {
            throw new IllegalStateException("gamehall.golden.dir is not set (the module's pom sets it)");
        }
        return Path.of(dir, side);
    }

    static void write(final Path dir, final String message, final ObjectNode golden) throws IOException
    {
        Files.createDirectories(dir);
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(message + ".json").toFile(), golden);
    }

    /**
     * @return the values with every number as a double (exact for the integers of up to 32 bits
     * and the floating point values they hold), so that values parsed from a file compare equal to
     * values made in memory whatever JSON node type holds them.
     */
    static JsonNode normalized(final JsonNode values)
    {
        if (values.isNumber())
        {
            return DoubleNode.valueOf(values.asDouble());
        }
        if (values.isObject())
        {
            final ObjectNode copy = MAPPER.createObjectNode();
            values.properties().forEach(e -> copy.set(e.getKey(), normalized(e.getValue())));
            return copy;
        }
        if (values.isArray())
        {
            final ArrayNode copy = MAPPER.createArrayNode();
            values.forEach(v -> copy.add(normalized(v)));
            return copy;
        }
        return values;
    }

    static List<ObjectNode> readAll(final Path dir) throws IOException
    {
        final List<ObjectNode> goldens = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir))
        {
            for (final Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList())
            {
                goldens.add((ObjectNode)MAPPER.readTree(file.toFile()));
            }
        }
        return goldens;
    }
}
