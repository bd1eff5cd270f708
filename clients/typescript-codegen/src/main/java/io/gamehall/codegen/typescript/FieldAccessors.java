package io.gamehall.codegen.typescript;

import uk.co.real_logic.sbe.PrimitiveType;
import uk.co.real_logic.sbe.ir.Encoding;
import uk.co.real_logic.sbe.ir.Signal;
import uk.co.real_logic.sbe.ir.Token;

import java.util.List;

/**
 * The accessors of one fixed-size field (in a message block, a group entry or a composite):
 * primitives and their arrays, constants, enums, sets and composites, read from and written to
 * the class's {@code #view} at the field's offset. A field newer than the message's acting
 * version reads as its null value, as in the Java codecs.
 */
final class FieldAccessors
{
    private final String owner;
    private final Block block;

    /**
     * @param owner what the fields belong to (a message or a group of one), for names in errors.
     * @param block the class being written.
     */
    FieldAccessors(final String owner, final Block block)
    {
        this.owner = owner;
        this.block = block;
    }

    /**
     * One field, as the SBE tool's IR gives it.
     *
     * @param name        the field's name.
     * @param description the field's description, or null.
     * @param since       the schema version that added it.
     * @param fieldToken  the field's BEGIN_FIELD token, null for a member of a composite.
     * @param typeTokens  the tokens of its type, starting with the type's first token.
     */
    record Field(String name, String description, int since, Token fieldToken, List<Token> typeTokens)
    {
        Token typeToken()
        {
            return typeTokens.get(0);
        }

        int offset()
        {
            return typeToken().offset();
        }

        boolean constant()
        {
            return typeToken().isConstantEncoding() || (fieldToken != null && fieldToken.isConstantEncoding());
        }

        /**
         * @return where the field ends in its block, 0 for a constant (which takes no space).
         */
        int end()
        {
            return constant() ? 0 : offset() + typeToken().encodedLength();
        }
    }

    /**
     * Write the decoder's accessors of a field.
     */
    void decoder(final TsSource out, final Field field)
    {
        final String name = Names.accessor(owner, field.name());
        final Token type = field.typeToken();
        final String at = "this.#offset + " + field.offset();
        out.blank();
        if (type.signal() != Signal.BEGIN_ENUM || field.constant())
        {
            out.doc(field.description());
        }
        switch (type.signal())
        {
            case ENCODING -> primitiveDecoder(out, field, name, at);
            case BEGIN_ENUM -> enumDecoder(out, field, name, at);
            case BEGIN_SET, BEGIN_COMPOSITE -> flyweightAccessor(out, field, name, at, "Decoder");
            default -> throw new IllegalStateException("unexpected token for field " + owner + "." + name + ": " + type);
        }
    }

    /**
     * Write the encoder's accessors of a field (none for a constant).
     */
    void encoder(final TsSource out, final Field field)
    {
        final String name = Names.accessor(owner, field.name());
        final Token type = field.typeToken();
        final String at = "this.#offset + " + field.offset();
        if (field.constant())
        {
            return;
        }
        out.blank().doc(field.description());
        switch (type.signal())
        {
            case ENCODING -> primitiveEncoder(out, type, name, at);
            case BEGIN_ENUM ->
            {
                final PrimitiveMapping mapping = new PrimitiveMapping(type.encoding().primitiveType());
                final String enumType = Names.upperFirst(type.applicableTypeName());
                out.open(name + "(value: " + enumType + "): this")
                    .line(mapping.write(at, "value", littleEndian(type)))
                    .line("return this;")
                    .close();
            }
            case BEGIN_SET, BEGIN_COMPOSITE -> flyweightAccessor(out, field, name, at, "Encoder");
            default -> throw new IllegalStateException("unexpected token for field " + owner + "." + name + ": " + type);
        }
    }

    private void primitiveDecoder(final TsSource out, final Field field, final String name, final String at)
    {
        final Token type = field.typeToken();
        final Encoding encoding = type.encoding();
        final PrimitiveType primitive = encoding.primitiveType();
        final PrimitiveMapping mapping = new PrimitiveMapping(primitive);
        final int length = type.arrayLength();
        final boolean text = primitive == PrimitiveType.CHAR && length > 1;

        if (field.constant())
        {
            if (text || primitive == PrimitiveType.CHAR && encoding.constValue().size() > 1)
            {
                out.open(name + "(): string")
                    .line("return " + quote(encoding.constValue().toString()) + ";")
                    .close();
            }
            else
            {
                out.open(name + "(): " + mapping.tsType())
                    .line("return " + mapping.literal(encoding.constValue()) + ";")
                    .close();
            }
            return;
        }

        if (text)
        {
            out.open(name + "(): string");
            sinceGuard(out, field, "''");
            out.line("return sbe.decodeFixed(this.#bytes, " + at + ", " + length + ", " + isUtf8(encoding) + ");")
                .close();
            return;
        }

        final String nullValue = mapping.literal(encoding.applicableNullValue());
        if (length > 1)
        {
            out.open(name + "(index: number): " + mapping.tsType())
                .line("sbe.checkIndex(" + quote(owner + "." + name) + ", index, " + length + ");");
            sinceGuard(out, field, nullValue);
            out.line("return " + mapping.read(at + " + index * " + mapping.size(), littleEndian(type)) + ";")
                .close();
            out.blank().open("static " + name + "Length(): number")
                .line("return " + length + ";")
                .close();
        }
        else
        {
            out.open(name + "(): " + mapping.tsType());
            sinceGuard(out, field, nullValue);
            out.line("return " + mapping.read(at, littleEndian(type)) + ";")
                .close();
        }
        if (encoding.presence() == Encoding.Presence.OPTIONAL || field.since() > 0)
        {
            out.blank().open("static " + name + "NullValue(): " + mapping.tsType())
                .line("return " + nullValue + ";")
                .close();
        }
    }

    private void primitiveEncoder(final TsSource out, final Token type, final String name, final String at)
    {
        final Encoding encoding = type.encoding();
        final PrimitiveType primitive = encoding.primitiveType();
        final PrimitiveMapping mapping = new PrimitiveMapping(primitive);
        final int length = type.arrayLength();
        if (primitive == PrimitiveType.CHAR && length > 1)
        {
            out.open(name + "(value: string): this")
                .line("sbe.encodeFixed(value, this.#bytes, " + at + ", " + length + ", " + isUtf8(encoding) + ");")
                .line("return this;")
                .close();
        }
        else if (length > 1)
        {
            out.open(name + "(index: number, value: " + mapping.tsType() + "): this")
                .line("sbe.checkIndex(" + quote(owner + "." + name) + ", index, " + length + ");")
                .line(mapping.write(at + " + index * " + mapping.size(), "value", littleEndian(type)))
                .line("return this;")
                .close();
        }
        else
        {
            out.open(name + "(value: " + mapping.tsType() + "): this")
                .line(mapping.write(at, "value", littleEndian(type)))
                .line("return this;")
                .close();
        }
    }

    private void enumDecoder(final TsSource out, final Field field, final String name, final String at)
    {
        final Token type = field.typeToken();
        final PrimitiveMapping mapping = new PrimitiveMapping(type.encoding().primitiveType());
        if (mapping.isBigInt())
        {
            throw new IllegalArgumentException(owner + "." + name + ": enums of 64-bit integers are not supported");
        }
        final String enumType = Names.upperFirst(type.applicableTypeName());
        if (field.constant())
        {
            final String reference = field.fieldToken().encoding().constValue().toString();
            final String valueName = reference.substring(reference.indexOf('.') + 1);
            out.open(name + "(): " + enumType)
                .line("return " + enumType + "." + valueName + ";")
                .close();
            return;
        }
        final String description = field.description() == null || field.description().isBlank() ? "" :
            field.description().strip() + (field.description().strip().endsWith(".") ? " " : ". ");
        out.doc(description + "A value of " + enumType + ", or a number this build does not know (see " +
            Names.enumNameFunction(enumType) + ").");
        out.open(name + "(): number");
        sinceGuard(out, field, Names.enumNullConstant(enumType));
        out.line("return " + mapping.read(at, littleEndian(type)) + ";")
            .close();
    }

    private void flyweightAccessor(final TsSource out, final Field field, final String name, final String at,
        final String role)
    {
        final String className = Names.upperFirst(field.typeToken().applicableTypeName()) + role;
        final String member = "#" + name + "Flyweight";
        block.member(member + " = new " + className + "();");
        final boolean mayBeAbsent = "Decoder".equals(role) && field.since() > 0 && block.versionExpression() != null;
        out.open(name + "(): " + className + (mayBeAbsent ? " | null" : ""));
        if (mayBeAbsent)
        {
            sinceGuard(out, field, "null");
        }
        out.line("return this." + member + ".wrap(this.#bytes, " + at + ");")
            .close();
    }

    private void sinceGuard(final TsSource out, final Field field, final String absentValue)
    {
        if (field.since() > 0 && block.versionExpression() != null)
        {
            out.open("if (" + block.versionExpression() + " < " + field.since() + ")")
                .line("return " + absentValue + ";")
                .close();
        }
    }

    private boolean littleEndian(final Token type)
    {
        return type.encoding().byteOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;
    }

    private static boolean isUtf8(final Encoding encoding)
    {
        final String charset = encoding.characterEncoding();
        return charset != null && charset.replace("-", "").equalsIgnoreCase("UTF8");
    }

    /**
     * @return the text as a TypeScript string literal.
     */
    static String quote(final String text)
    {
        final StringBuilder quoted = new StringBuilder("'");
        for (final char c : text.toCharArray())
        {
            switch (c)
            {
                case '\'' -> quoted.append("\\'");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                default ->
                {
                    if (c < 0x20 || c > 0x7E)
                    {
                        quoted.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('\'').toString();
    }

    /**
     * @return the fields of a block: the BEGIN_FIELD ... END_FIELD runs of a message or group.
     */
    static List<Field> fieldsOf(final List<Token> tokens)
    {
        final java.util.ArrayList<Field> fields = new java.util.ArrayList<>();
        for (int i = 0; i < tokens.size(); )
        {
            final Token fieldToken = tokens.get(i);
            if (fieldToken.signal() != Signal.BEGIN_FIELD)
            {
                throw new IllegalStateException("expected a field, got " + fieldToken);
            }
            final Token typeToken = tokens.get(i + 1);
            final int typeCount = Math.max(1, typeToken.componentTokenCount());
            fields.add(new Field(fieldToken.name(), fieldToken.description(), fieldToken.version(), fieldToken,
                tokens.subList(i + 1, i + 1 + typeCount)));
            i += fieldToken.componentTokenCount();
        }
        return fields;
    }

    /**
     * @return the members of a composite (its tokens without the BEGIN_ and END_COMPOSITE).
     */
    static List<Field> membersOf(final List<Token> compositeTokens)
    {
        final java.util.ArrayList<Field> fields = new java.util.ArrayList<>();
        for (int i = 1; i < compositeTokens.size() - 1; )
        {
            final Token token = compositeTokens.get(i);
            final int count = Math.max(1, token.componentTokenCount());
            fields.add(new Field(token.name(), token.description(), token.version(), null,
                compositeTokens.subList(i, i + count)));
            i += count;
        }
        return fields;
    }
}
