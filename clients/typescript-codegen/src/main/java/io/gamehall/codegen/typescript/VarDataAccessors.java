package io.gamehall.codegen.typescript;

import uk.co.real_logic.sbe.ir.Encoding;
import uk.co.real_logic.sbe.ir.Signal;
import uk.co.real_logic.sbe.ir.Token;

import java.nio.ByteOrder;
import java.util.List;

/**
 * The accessors of one variable-length field: its length, skipping it, and its value as text
 * (when the schema gives a character encoding) or as a view of the bytes (no copy). Read and
 * written at the message's limit, which each access moves past the field, so they are used in
 * schema order, as in the Java codecs.
 */
final class VarDataAccessors
{
    private final String owner;
    private final Block block;

    VarDataAccessors(final String owner, final Block block)
    {
        this.owner = owner;
        this.block = block;
    }

    /**
     * Write the decoder's accessors of a BEGIN_VAR_DATA ... END_VAR_DATA run.
     */
    void decoder(final TsSource out, final List<Token> tokens)
    {
        final Shape shape = Shape.of(tokens);
        final String name = Names.accessor(owner, shape.name);
        final String upper = Names.upperFirst(name);
        final String what = FieldAccessors.quote(owner + "." + name);
        final String limitOwner = block.limitOwner();

        out.blank().line("/** The length of " + name + " in bytes. */")
            .open(name + "Length(): number");
        sinceGuard(out, shape, "0");
        out.line("const limit = " + limitOwner + ".limit();")
            .line("sbe.checkRange(" + what + ", this.#bytes, limit, " + shape.headerLength + ");")
            .line("return " + shape.lengthType.read("limit", shape.littleEndian) + ";")
            .close();

        out.blank().line("/** Move past " + name + "; returns its length. */")
            .open("skip" + upper + "(): number");
        sinceGuard(out, shape, "0");
        readLength(out, shape, what, limitOwner);
        out.line("return length;").close();

        out.blank().doc(shape.description == null || shape.description.isBlank() ?
            (shape.text ? "" : "A view of the bytes (no copy): valid while the buffer is.") :
            shape.description.strip() + (shape.text ? "" : " (a view of the bytes, no copy)"));
        if (shape.text)
        {
            out.open(name + "(): string");
            sinceGuard(out, shape, "''");
            readLength(out, shape, what, limitOwner);
            out.line("return sbe." + (shape.utf8 ? "decodeUtf8" : "decodeAscii") + "(this.#bytes, start, length);");
        }
        else
        {
            out.open(name + "(): Uint8Array");
            sinceGuard(out, shape, "sbe.EMPTY_BYTES");
            readLength(out, shape, what, limitOwner);
            out.line("return this.#bytes.subarray(start, start + length);");
        }
        out.close();
    }

    /**
     * Write the encoder's accessor of a BEGIN_VAR_DATA ... END_VAR_DATA run.
     */
    void encoder(final TsSource out, final List<Token> tokens)
    {
        final Shape shape = Shape.of(tokens);
        final String name = Names.accessor(owner, shape.name);
        final String what = owner + "." + name;
        final String limitOwner = block.limitOwner();
        final String max = shape.lengthType.literal(shape.maxLength);

        out.blank().doc(shape.description);
        if (shape.text)
        {
            out.open(name + "(value: string): this")
                .line("const limit = " + limitOwner + ".limit();");
            if (shape.utf8)
            {
                out.line("const length = sbe.encodeUtf8(value, this.#bytes, limit + " + shape.headerLength + ");");
                lengthCheck(out, "length", max, what);
            }
            else
            {
                lengthCheck(out, "value.length", max, what);
                out.line("const length = sbe.encodeAscii(value, this.#bytes, limit + " + shape.headerLength + ");");
            }
        }
        else
        {
            out.open(name + "(value: Uint8Array): this")
                .line("const limit = " + limitOwner + ".limit();")
                .line("const length = value.length;");
            lengthCheck(out, "length", max, what);
            out.line("this.#bytes.set(value, limit + " + shape.headerLength + ");");
        }
        out.line(shape.lengthType.write("limit", "length", shape.littleEndian))
            .line(limitOwner + ".setLimit(limit + " + shape.headerLength + " + length);")
            .line("return this;")
            .close();
    }

    private static void lengthCheck(final TsSource out, final String length, final String max, final String what)
    {
        out.open("if (" + length + " > " + max + ")")
            .line("throw new RangeError('" + what + ": ' + " + length + " + ' bytes, at most " + max + "');")
            .close();
    }

    private static void readLength(final TsSource out, final Shape shape, final String what, final String limitOwner)
    {
        out.line("const limit = " + limitOwner + ".limit();")
            .line("sbe.checkRange(" + what + ", this.#bytes, limit, " + shape.headerLength + ");")
            .line("const length = " + shape.lengthType.read("limit", shape.littleEndian) + ";")
            .line("const start = limit + " + shape.headerLength + ";")
            .line("sbe.checkRange(" + what + ", this.#bytes, start, length);")
            .line(limitOwner + ".setLimit(start + length);");
    }

    private void sinceGuard(final TsSource out, final Shape shape, final String absentValue)
    {
        if (shape.since > 0 && block.versionExpression() != null)
        {
            out.open("if (" + block.versionExpression() + " < " + shape.since + ")")
                .line("return " + absentValue + ";")
                .close();
        }
    }

    /**
     * What the tokens of a var-data field say: its name, version, the length's type, and
     * whether the data is text.
     */
    private static final class Shape
    {
        final String name;
        final String description;
        final int since;
        final PrimitiveMapping lengthType;
        final int headerLength;
        final boolean littleEndian;
        final uk.co.real_logic.sbe.PrimitiveValue maxLength;
        final boolean text;
        final boolean utf8;

        private Shape(final Token begin, final Token length, final Token data)
        {
            name = begin.name();
            description = begin.description();
            since = begin.version();
            lengthType = new PrimitiveMapping(length.encoding().primitiveType());
            headerLength = length.encodedLength();
            littleEndian = length.encoding().byteOrder() == ByteOrder.LITTLE_ENDIAN;
            maxLength = length.encoding().applicableMaxValue();
            final Encoding encoding = data.encoding();
            final String charset = encoding.characterEncoding();
            text = charset != null && !charset.isBlank();
            utf8 = text && charset.replace("-", "").equalsIgnoreCase("UTF8");
            if (text && !utf8 && !charset.replace("-", "").equalsIgnoreCase("USASCII") &&
                !charset.equalsIgnoreCase("ASCII"))
            {
                throw new IllegalArgumentException(begin.name() + ": character encoding " + charset +
                    " is not supported (UTF-8 and US-ASCII are)");
            }
            if (lengthType.isBigInt())
            {
                throw new IllegalArgumentException(begin.name() + ": lengths of 64 bits are not supported");
            }
        }

        static Shape of(final List<Token> tokens)
        {
            Token length = null;
            Token data = null;
            for (final Token token : tokens)
            {
                if (token.signal() == Signal.ENCODING && "length".equals(token.name()))
                {
                    length = token;
                }
                else if (token.signal() == Signal.ENCODING && "varData".equals(token.name()))
                {
                    data = token;
                }
            }
            if (length == null || data == null)
            {
                throw new IllegalArgumentException(tokens.get(0).name() + ": var data needs 'length' and 'varData'");
            }
            return new Shape(tokens.get(0), length, data);
        }
    }
}
