package io.gamehall.client.typescript;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gamehall.codegen.typescript.TypeScriptCodegenMain;
import uk.co.real_logic.sbe.ir.GenerationUtil;
import uk.co.real_logic.sbe.ir.Ir;
import uk.co.real_logic.sbe.ir.Signal;
import uk.co.real_logic.sbe.ir.Token;

import java.io.File;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The messages of the client protocol as the golden files describe them: each field's name and
 * kind (a primitive type, {@code enum} with its type, {@code ascii}, {@code utf8}, {@code bytes},
 * or {@code group} with its own fields), read from the schema the codecs are generated from.
 * A field of a kind the golden files cannot describe (composite, set, array, constant) fails
 * here, so the cross-language test is extended before such a field reaches the protocol.
 */
final class GoldenSchema
{
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Ir ir;

    private GoldenSchema(final Ir ir)
    {
        this.ir = ir;
    }

    /**
     * @return the client protocol, from the schema directory the build names.
     */
    static GoldenSchema clientProtocol() throws Exception
    {
        final String dir = System.getProperty("gamehall.schema.dir");
        if (dir == null)
        {
            throw new IllegalStateException("gamehall.schema.dir is not set (the module's pom sets it)");
        }
        return new GoldenSchema(TypeScriptCodegenMain.parse(new File(dir, "client-protocol.xml")));
    }

    Ir ir()
    {
        return ir;
    }

    /**
     * @return the messages' token lists, by template id.
     */
    List<List<Token>> messages()
    {
        final List<List<Token>> messages = new ArrayList<>(ir.messages());
        messages.sort(Comparator.comparingInt(tokens -> tokens.get(0).id()));
        return messages;
    }

    /**
     * @return the descriptors of a message's fields, groups and var data, in wire order.
     */
    static ArrayNode describe(final List<Token> messageTokens)
    {
        return describeBody(GenerationUtil.getMessageBody(messageTokens));
    }

    private static ArrayNode describeBody(final List<Token> tokens)
    {
        final ArrayNode fields = JSON.arrayNode();
        for (int i = 0; i < tokens.size(); )
        {
            final Token token = tokens.get(i);
            final int count = token.componentTokenCount();
            switch (token.signal())
            {
                case BEGIN_FIELD -> fields.add(describeField(token, tokens.get(i + 1)));
                case BEGIN_GROUP ->
                {
                    final int dimensions = tokens.get(i + 1).componentTokenCount();
                    final ObjectNode group = JSON.objectNode().put("name", token.name()).put("kind", "group");
                    group.set("fields", describeBody(tokens.subList(i + 1 + dimensions, i + count - 1)));
                    fields.add(group);
                }
                case BEGIN_VAR_DATA ->
                {
                    final Token data = tokens.get(i + 3);
                    final String charset = data.encoding().characterEncoding();
                    final String kind = charset == null || charset.isBlank() ? "bytes" :
                        charset.toUpperCase().contains("UTF") ? "utf8" : "ascii";
                    fields.add(JSON.objectNode().put("name", token.name()).put("kind", kind));
                }
                default -> throw new IllegalStateException("unexpected token " + token);
            }
            i += count;
        }
        return fields;
    }

    private static ObjectNode describeField(final Token field, final Token type)
    {
        if (field.isConstantEncoding() || type.isConstantEncoding())
        {
            throw new IllegalStateException(field.name() + ": constant fields are not in the golden files yet");
        }
        return switch (type.signal())
        {
            case ENCODING ->
            {
                if (type.arrayLength() != 1)
                {
                    throw new IllegalStateException(field.name() + ": arrays are not in the golden files yet");
                }
                yield JSON.objectNode().put("name", field.name())
                    .put("kind", type.encoding().primitiveType().primitiveName());
            }
            case BEGIN_ENUM -> JSON.objectNode().put("name", field.name()).put("kind", "enum")
                .put("enum", type.applicableTypeName());
            default -> throw new IllegalStateException(field.name() + ": " + type.signal() +
                " fields are not in the golden files yet");
        };
    }

    /**
     * @return the names of an enum's valid values, in schema order.
     */
    List<String> enumValues(final String enumName)
    {
        final List<String> names = new ArrayList<>();
        for (final Token token : ir.getType(enumName))
        {
            if (token.signal() == Signal.VALID_VALUE)
            {
                names.add(token.name());
            }
        }
        return names;
    }
}
