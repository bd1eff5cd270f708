package io.gamehall.codegen.typescript;

import uk.co.real_logic.sbe.ir.Signal;
import uk.co.real_logic.sbe.ir.Token;

import java.nio.ByteOrder;
import java.util.List;

/**
 * The schema's types in TypeScript: an enum as a frozen object of its values, its type and a
 * function naming a value (an unknown value is named by its number, never an error); a set
 * (bit set) and a composite as encoder and decoder flyweights.
 */
final class TypeWriter
{
    private final TsSource out;

    TypeWriter(final TsSource out)
    {
        this.out = out;
    }

    /**
     * Write a type from its tokens (BEGIN_ENUM, BEGIN_SET or BEGIN_COMPOSITE first).
     */
    void write(final List<Token> tokens)
    {
        final Token first = tokens.get(0);
        switch (first.signal())
        {
            case BEGIN_ENUM -> writeEnum(tokens);
            case BEGIN_SET -> writeSet(tokens);
            case BEGIN_COMPOSITE ->
            {
                if (!isVarDataEncoding(tokens))
                {
                    writeComposite(tokens, "Decoder");
                    writeComposite(tokens, "Encoder");
                }
            }
            default -> throw new IllegalStateException("not a type: " + first);
        }
    }

    /**
     * A composite that describes variable-length data (a length, then data of length 0) is used
     * by the var-data accessors, not as a flyweight of its own.
     */
    static boolean isVarDataEncoding(final List<Token> tokens)
    {
        final Token last = tokens.get(tokens.size() - 2);
        return last.signal() == Signal.ENCODING && "varData".equals(last.name()) && last.arrayLength() == 0;
    }

    private void writeEnum(final List<Token> tokens)
    {
        final Token begin = tokens.get(0);
        final String name = Names.upperFirst(begin.applicableTypeName());
        final PrimitiveMapping mapping = new PrimitiveMapping(begin.encoding().primitiveType());
        if (mapping.isBigInt())
        {
            throw new IllegalArgumentException(name + ": enums of 64-bit integers are not supported");
        }
        final List<Token> values = tokens.subList(1, tokens.size() - 1);

        out.blank().doc(begin.description());
        out.line("export const " + name + " = Object.freeze(").line("{");
        for (final Token value : values)
        {
            out.line("    " + value.name() + ": " + mapping.literal(value.encoding().constValue()) + ",");
        }
        out.line("} as const);");
        out.line("export type " + name + " = (typeof " + name + ")[keyof typeof " + name + "];");
        final String nullValue = mapping.literal(begin.encoding().applicableNullValue());
        out.line("/** What a " + name + " field newer than the message it is read from reads as. */");
        out.line("export const " + Names.enumNullConstant(name) + " = " + nullValue + ";");
        out.blank()
            .line("/** The name of a " + name + " value; a value this build does not know is named by its number. */")
            .open("export function " + Names.enumNameFunction(name) + "(value: number): string")
            .open("switch (value)");
        for (final Token value : values)
        {
            out.line("case " + mapping.literal(value.encoding().constValue()) + ": return '" + value.name() + "';");
        }
        out.line("case " + nullValue + ": return 'NULL_VAL';")
            .line("default: return String(value);")
            .close()
            .close();
    }

    private void writeSet(final List<Token> tokens)
    {
        final Token begin = tokens.get(0);
        final String name = Names.upperFirst(begin.applicableTypeName());
        final PrimitiveMapping mapping = new PrimitiveMapping(begin.encoding().primitiveType());
        final boolean littleEndian = begin.encoding().byteOrder() == ByteOrder.LITTLE_ENDIAN;
        final List<Token> choices = tokens.subList(1, tokens.size() - 1);
        final String type = mapping.tsType();
        final String zero = mapping.isBigInt() ? "0n" : "0";

        for (final String role : List.of("Decoder", "Encoder"))
        {
            out.blank().doc(begin.description());
            out.open("export class " + name + role);
            out.line("static readonly ENCODED_LENGTH = " + mapping.size() + ";");
            flyweightState();
            wrapFlyweight(name + role, false);
            if ("Decoder".equals(role))
            {
                out.blank().line("/** All the bits. */").open("raw(): " + type)
                    .line("return " + mapping.read("this.#offset", littleEndian) + ";")
                    .close();
                for (final Token choice : choices)
                {
                    out.blank().doc(choice.description())
                        .open(Names.accessor(name, choice.name()) + "(): boolean")
                        .line("return (" + mapping.read("this.#offset", littleEndian) + " & " + mask(mapping, choice) +
                            ") !== " + zero + ";")
                        .close();
                }
            }
            else
            {
                out.blank().line("/** Clear every bit. */").open("clear(): this")
                    .line(mapping.write("this.#offset", zero, littleEndian))
                    .line("return this;")
                    .close();
                out.blank().line("/** Set all the bits. */").open("raw(value: " + type + "): this")
                    .line(mapping.write("this.#offset", "value", littleEndian))
                    .line("return this;")
                    .close();
                for (final Token choice : choices)
                {
                    final String bits = mapping.read("this.#offset", littleEndian);
                    final String mask = mask(mapping, choice);
                    out.blank().doc(choice.description())
                        .open(Names.accessor(name, choice.name()) + "(value: boolean): this")
                        .line("const bits = " + bits + ";")
                        .line(mapping.write("this.#offset", "value ? bits | " + mask + " : bits & ~" + mask, littleEndian))
                        .line("return this;")
                        .close();
                }
            }
            out.close();
        }
    }

    private static String mask(final PrimitiveMapping mapping, final Token choice)
    {
        final long bit = choice.encoding().constValue().longValue();
        final String hex = "0x" + Long.toHexString(1L << bit);
        return mapping.isBigInt() ? hex + "n" : hex;
    }

    private void writeComposite(final List<Token> tokens, final String role)
    {
        final Token begin = tokens.get(0);
        final String name = Names.upperFirst(begin.applicableTypeName());
        final String className = name + role;
        final Block block = new Block(null, null);
        final FieldAccessors accessors = new FieldAccessors(name, block);
        final TsSource body = new TsSource();
        for (final FieldAccessors.Field member : FieldAccessors.membersOf(tokens))
        {
            if (member.typeToken().signal() == Signal.ENCODING && member.typeToken().arrayLength() == 0)
            {
                continue;
            }
            if ("Decoder".equals(role))
            {
                accessors.decoder(body, member);
            }
            else
            {
                accessors.encoder(body, member);
            }
        }

        out.blank().doc(begin.description());
        out.open("export class " + className);
        out.line("static readonly ENCODED_LENGTH = " + begin.encodedLength() + ";");
        flyweightState();
        for (final String member : block.members())
        {
            out.line(member);
        }
        wrapFlyweight(className, "Decoder".equals(role));
        out.blank().open("encodedLength(): number")
            .line("return " + className + ".ENCODED_LENGTH;")
            .close();
        out.raw(body);
        out.close();
    }

    private void flyweightState()
    {
        out.line("#bytes: Uint8Array = sbe.EMPTY_BYTES;")
            .line("#view: DataView = sbe.EMPTY_VIEW;")
            .line("#offset = 0;");
    }

    private void wrapFlyweight(final String className, final boolean checked)
    {
        out.blank().open("wrap(buffer: Uint8Array, offset: number): this")
            .open("if (buffer !== this.#bytes)")
            .line("this.#bytes = buffer;")
            .line("this.#view = sbe.viewOf(buffer);")
            .close();
        if (checked)
        {
            out.line("sbe.checkRange(" + FieldAccessors.quote(className) + ", buffer, offset, " + className +
                ".ENCODED_LENGTH);");
        }
        out.line("this.#offset = offset;")
            .line("return this;")
            .close();
    }
}
