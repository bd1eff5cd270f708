package io.gamehall.codegen.typescript;

import uk.co.real_logic.sbe.PrimitiveType;
import uk.co.real_logic.sbe.ir.GenerationUtil;
import uk.co.real_logic.sbe.ir.Ir;
import uk.co.real_logic.sbe.ir.Signal;
import uk.co.real_logic.sbe.ir.Token;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A message's decoder and encoder, and those of its repeating groups: flyweights over a
 * {@code Uint8Array} that read and write in place, as the Java codecs do. Decoders check what
 * they wrap: the schema and template ids of the header, a block long enough for the fields of
 * its acting version, group entries and variable-length data inside the buffer
 * ({@code SbeCodecError} otherwise).
 */
final class MessageWriter
{
    private final TsSource out;
    private final Ir ir;
    private final String headerName;

    /**
     * @param out where the TypeScript goes.
     * @param ir  the schema.
     */
    MessageWriter(final TsSource out, final Ir ir)
    {
        this.out = out;
        this.ir = ir;
        this.headerName = Names.upperFirst(ir.headerStructure().tokens().get(0).applicableTypeName());
    }

    /**
     * Write the decoder, the encoder and the group classes of one message.
     */
    void write(final List<Token> tokens)
    {
        final Token message = tokens.get(0);
        final String name = Names.upperFirst(message.name());
        final Body body = Body.of(GenerationUtil.getMessageBody(tokens));
        writeMessageDecoder(name, message, body);
        writeMessageEncoder(name, message, body);
        writeGroups(name, message.name(), body);
    }

    /**
     * A block's parts in wire order: fixed fields, then groups, then variable-length data.
     */
    record Body(List<Token> fields, List<List<Token>> groups, List<List<Token>> varData)
    {
        static Body of(final List<Token> tokens)
        {
            final List<Token> fields = new ArrayList<>();
            final List<Token> groupTokens = new ArrayList<>();
            final List<Token> varDataTokens = new ArrayList<>();
            int i = GenerationUtil.collectFields(tokens, 0, fields);
            i = GenerationUtil.collectGroups(tokens, i, groupTokens);
            GenerationUtil.collectVarData(tokens, i, varDataTokens);
            return new Body(fields, split(groupTokens), split(varDataTokens));
        }

        private static List<List<Token>> split(final List<Token> tokens)
        {
            final List<List<Token>> parts = new ArrayList<>();
            for (int i = 0; i < tokens.size(); )
            {
                final int count = tokens.get(i).componentTokenCount();
                parts.add(tokens.subList(i, i + count));
                i += count;
            }
            return parts;
        }
    }

    private void writeMessageDecoder(final String name, final Token message, final Body body)
    {
        final String className = name + "Decoder";
        final Block block = new Block("this.#actingVersion", "this");
        final TsSource accessors = accessors(name, block, body, true, name);

        out.blank().doc(message.description());
        out.open("export class " + className + " implements sbe.DecoderParent");
        constants(message);
        out.line("#bytes: Uint8Array = sbe.EMPTY_BYTES;")
            .line("#view: DataView = sbe.EMPTY_VIEW;")
            .line("#offset = 0;")
            .line("#limit = 0;")
            .line("#actingBlockLength = 0;")
            .line("#actingVersion = 0;");
        members(block);

        out.blank()
            .line("/**")
            .line(" * Read the message whose block starts at offset, written with the given block length and")
            .line(" * schema version (from its header).")
            .line(" *")
            .line(" * @throws SbeCodecError when the block is too short for its version or runs past the buffer.")
            .line(" */")
            .open("wrap(buffer: Uint8Array, offset: number, actingBlockLength: number, actingVersion: number): this")
            .open("if (buffer !== this.#bytes)")
            .line("this.#bytes = buffer;")
            .line("this.#view = sbe.viewOf(buffer);")
            .close()
            .line("sbe.checkBlock('" + name + "', buffer, offset, actingBlockLength, " + className +
                ".minBlockLength(actingVersion));")
            .line("this.#offset = offset;")
            .line("this.#actingBlockLength = actingBlockLength;")
            .line("this.#actingVersion = actingVersion;")
            .line("this.#limit = offset + actingBlockLength;")
            .line("return this;")
            .close();

        out.blank()
            .line("/**")
            .line(" * Read the message whose header starts at offset.")
            .line(" *")
            .line(" * @throws SbeCodecError for another schema or template, or a block that does not fit.")
            .line(" */")
            .open("wrapAndApplyHeader(buffer: Uint8Array, offset: number, header: " + headerName + "Decoder): this")
            .line("header.wrap(buffer, offset);")
            .open("if (header.schemaId() !== " + className + ".SCHEMA_ID)")
            .line("throw new sbe.SbeCodecError('" + name + ": schema id ' + header.schemaId() + ', expected ' + " +
                className + ".SCHEMA_ID);")
            .close()
            .open("if (header.templateId() !== " + className + ".TEMPLATE_ID)")
            .line("throw new sbe.SbeCodecError('" + name + ": template id ' + header.templateId() + ', expected ' + " +
                className + ".TEMPLATE_ID);")
            .close()
            .line("return this.wrap(buffer, offset + " + headerName + "Decoder.ENCODED_LENGTH, header.blockLength(), " +
                "header.version());")
            .close();

        minBlockLength(className, FieldAccessors.fieldsOf(body.fields()));
        out.blank().line("/** The schema version the message was written with. */")
            .open("actingVersion(): number").line("return this.#actingVersion;").close();
        out.blank().line("/** The block length the message was written with. */")
            .open("actingBlockLength(): number").line("return this.#actingBlockLength;").close();
        limitMethods();
        out.raw(accessors);
        out.close();
    }

    private void writeMessageEncoder(final String name, final Token message, final Body body)
    {
        final String className = name + "Encoder";
        final Block block = new Block(null, "this");
        final TsSource accessors = accessors(name, block, body, false, name);

        out.blank().doc(message.description());
        out.open("export class " + className + " implements sbe.EncoderParent");
        constants(message);
        out.line("#bytes: Uint8Array = sbe.EMPTY_BYTES;")
            .line("#view: DataView = sbe.EMPTY_VIEW;")
            .line("#offset = 0;")
            .line("#limit = 0;");
        members(block);

        out.blank()
            .line("/** Write the message's block at offset (after a header written by the caller). */")
            .open("wrap(buffer: Uint8Array, offset: number): this")
            .open("if (buffer !== this.#bytes)")
            .line("this.#bytes = buffer;")
            .line("this.#view = sbe.viewOf(buffer);")
            .close()
            .line("this.#offset = offset;")
            .line("this.#limit = offset + " + className + ".BLOCK_LENGTH;")
            .open("if (this.#limit > buffer.length)")
            .line("throw new RangeError('" + name + ": a block of ' + " + className +
                ".BLOCK_LENGTH + ' bytes does not fit at ' + offset);")
            .close()
            .line("return this;")
            .close();

        out.blank()
            .line("/** Write the header at offset, then the message's block after it. */")
            .open("wrapAndApplyHeader(buffer: Uint8Array, offset: number, header: " + headerName + "Encoder): this")
            .line("header.wrap(buffer, offset)")
            .line("    .blockLength(" + className + ".BLOCK_LENGTH)")
            .line("    .templateId(" + className + ".TEMPLATE_ID)")
            .line("    .schemaId(" + className + ".SCHEMA_ID)")
            .line("    .version(" + className + ".SCHEMA_VERSION);")
            .line("return this.wrap(buffer, offset + " + headerName + "Encoder.ENCODED_LENGTH);")
            .close();
        limitMethods();
        out.raw(accessors);
        out.close();
    }

    private void constants(final Token message)
    {
        out.line("static readonly BLOCK_LENGTH = " + message.encodedLength() + ";")
            .line("static readonly TEMPLATE_ID = " + message.id() + ";")
            .line("static readonly SCHEMA_ID = " + ir.id() + ";")
            .line("static readonly SCHEMA_VERSION = " + ir.version() + ";");
    }

    private void members(final Block block)
    {
        for (final String member : block.members())
        {
            out.line(member);
        }
        if (!block.constructorLines().isEmpty())
        {
            out.blank().open("constructor()");
            for (final String line : block.constructorLines())
            {
                out.line(line);
            }
            out.close();
        }
    }

    private void limitMethods()
    {
        out.blank().line("/** Bytes from the start of the block to the limit (the end, once everything was read or written). */")
            .open("encodedLength(): number").line("return this.#limit - this.#offset;").close();
        out.blank().line("/** Where the next group or variable-length data starts. */")
            .open("limit(): number").line("return this.#limit;").close();
        out.blank().line("/** Move the limit (used by the groups and the variable-length data). */")
            .open("setLimit(limit: number): void").line("this.#limit = limit;").close();
    }

    /**
     * The shortest block that holds the fields of a version: longer blocks are read (they come
     * from newer versions), shorter ones refused.
     */
    private void minBlockLength(final String className, final List<FieldAccessors.Field> fields)
    {
        final TreeSet<Integer> versions = new TreeSet<>();
        versions.add(0);
        for (final FieldAccessors.Field field : fields)
        {
            versions.add(field.since());
        }
        out.blank().line("/** The shortest block that holds the fields of a schema version. */")
            .open("static minBlockLength(" + (versions.size() == 1 ? "_actingVersion" : "actingVersion") + ": number): number");
        for (final int version : versions.descendingSet())
        {
            int end = 0;
            for (final FieldAccessors.Field field : fields)
            {
                if (field.since() <= version)
                {
                    end = Math.max(end, field.end());
                }
            }
            if (version == 0)
            {
                out.line("return " + end + ";");
            }
            else
            {
                out.open("if (actingVersion >= " + version + ")").line("return " + end + ";").close();
            }
        }
        out.close();
    }

    /**
     * The accessors of a block's fields, groups and variable-length data.
     *
     * @param path the message's and enclosing groups' names, for class names.
     */
    private TsSource accessors(final String owner, final Block block, final Body body, final boolean decoder,
        final String path)
    {
        final TsSource accessors = new TsSource();
        final FieldAccessors fields = new FieldAccessors(owner, block);
        for (final FieldAccessors.Field field : FieldAccessors.fieldsOf(body.fields()))
        {
            if (decoder)
            {
                fields.decoder(accessors, field);
            }
            else
            {
                fields.encoder(accessors, field);
            }
        }
        for (final List<Token> group : body.groups())
        {
            groupAccessor(accessors, owner, block, group, decoder, path);
        }
        final VarDataAccessors varData = new VarDataAccessors(owner, block);
        for (final List<Token> data : body.varData())
        {
            if (decoder)
            {
                varData.decoder(accessors, data);
            }
            else
            {
                varData.encoder(accessors, data);
            }
        }
        return accessors;
    }

    private void groupAccessor(final TsSource accessors, final String owner, final Block block, final List<Token> group,
        final boolean decoder, final String path)
    {
        final Token begin = group.get(0);
        final String name = Names.accessor(owner, begin.name());
        final String className = path + Names.upperFirst(begin.name()) + (decoder ? "Decoder" : "Encoder");
        final String member = "#" + name + "Group";
        final String parent = "this".equals(block.limitOwner()) ? "this" : "this.#parent";
        block.member(member + ": " + className + ";");
        block.constructorLine("this." + member + " = new " + className + "(" + parent + ");");
        accessors.blank().doc(begin.description());
        if (decoder)
        {
            accessors.open(name + "(): " + className);
            if (begin.version() > 0)
            {
                accessors.open("if (" + block.versionExpression() + " < " + begin.version() + ")")
                    .line("return this." + member + ".wrapEmpty();")
                    .close();
            }
            accessors.line("return this." + member + ".wrap(this.#bytes);").close();
        }
        else
        {
            accessors.line("/** Write the group's header for count entries; then next() before each entry. */");
            accessors.open(name + "Count(count: number): " + className)
                .line("return this." + member + ".wrap(this.#bytes, count);")
                .close();
        }
    }

    private void writeGroups(final String path, final String owner, final Body body)
    {
        for (final List<Token> group : body.groups())
        {
            writeGroup(path, owner, group);
        }
    }

    private void writeGroup(final String path, final String messageName, final List<Token> group)
    {
        final Token begin = group.get(0);
        final String groupPath = path + Names.upperFirst(begin.name());
        final String owner = messageName + "." + begin.name();
        final Token dimensions = group.get(1);
        final List<Token> dimensionTokens = group.subList(1, 1 + dimensions.componentTokenCount());
        final Token blockLengthToken = find(dimensionTokens, "blockLength");
        final Token countToken = find(dimensionTokens, "numInGroup");
        final PrimitiveMapping blockLengthType = new PrimitiveMapping(blockLengthToken.encoding().primitiveType());
        final PrimitiveMapping countType = new PrimitiveMapping(countToken.encoding().primitiveType());
        final boolean littleEndian = countToken.encoding().byteOrder() == ByteOrder.LITTLE_ENDIAN;
        final Body body = Body.of(group.subList(1 + dimensions.componentTokenCount(), group.size() - 1));
        final List<FieldAccessors.Field> fields = FieldAccessors.fieldsOf(body.fields());
        final String quotedOwner = FieldAccessors.quote(owner);

        // decoder
        final String decoderName = groupPath + "Decoder";
        final Block decoderBlock = new Block("this.#parent.actingVersion()", "this.#parent");
        final TsSource decoderAccessors = accessors(owner, decoderBlock, body, true, groupPath);
        out.blank().doc(begin.description());
        out.open("export class " + decoderName);
        out.line("static readonly HEADER_SIZE = " + dimensions.encodedLength() + ";")
            .line("static readonly BLOCK_LENGTH = " + begin.encodedLength() + ";")
            .line("#bytes: Uint8Array = sbe.EMPTY_BYTES;")
            .line("#view: DataView = sbe.EMPTY_VIEW;")
            .line("#offset = 0;")
            .line("#blockLength = 0;")
            .line("#count = 0;")
            .line("#index = 0;")
            .line("readonly #parent: sbe.DecoderParent;");
        groupMembers(decoderBlock, "sbe.DecoderParent");
        out.blank()
            .line("/** Read the group's header at the message's limit. */")
            .open("wrap(buffer: Uint8Array): this")
            .open("if (buffer !== this.#bytes)")
            .line("this.#bytes = buffer;")
            .line("this.#view = sbe.viewOf(buffer);")
            .close()
            .line("const limit = this.#parent.limit();")
            .line("sbe.checkRange(" + quotedOwner + ", buffer, limit, " + decoderName + ".HEADER_SIZE);")
            .line("this.#blockLength = " + blockLengthType.read("limit + " + blockLengthToken.offset(), littleEndian) + ";")
            .line("this.#count = " + countType.read("limit + " + countToken.offset(), littleEndian) + ";")
            .line("const minimum = " + decoderName + ".minBlockLength(this.#parent.actingVersion());")
            .open("if (this.#blockLength < minimum)")
            .line("throw new sbe.SbeCodecError(" + quotedOwner +
                " + ': entries of ' + this.#blockLength + ' bytes, the version needs ' + minimum);")
            .close()
            .line("this.#parent.setLimit(limit + " + decoderName + ".HEADER_SIZE);")
            .line("this.#index = 0;")
            .line("return this;")
            .close();
        out.blank()
            .line("/** No entries: the group is newer than the message. */")
            .open("wrapEmpty(): this")
            .line("this.#count = 0;")
            .line("this.#index = 0;")
            .line("return this;")
            .close();
        minBlockLength(decoderName, fields);
        out.blank().line("/** The number of entries. */")
            .open("count(): number").line("return this.#count;").close();
        out.blank().line("/** Whether next() has an entry to move to. */")
            .open("hasNext(): boolean").line("return this.#index < this.#count;").close();
        out.blank().line("/** Move to the next entry (entries are read in order, each to its end). */")
            .open("next(): this")
            .open("if (this.#index >= this.#count)")
            .line("throw new RangeError(" + quotedOwner + " + ': no entry after ' + this.#count);")
            .close()
            .line("const offset = this.#parent.limit();")
            .line("sbe.checkBlock(" + quotedOwner + ", this.#bytes, offset, this.#blockLength, 0);")
            .line("this.#offset = offset;")
            .line("this.#parent.setLimit(offset + this.#blockLength);")
            .line("this.#index++;")
            .line("return this;")
            .close();
        out.blank().open("*[Symbol.iterator](): Generator<" + decoderName + ">")
            .open("while (this.hasNext())")
            .line("yield this.next();")
            .close()
            .close();
        out.raw(decoderAccessors);
        out.close();

        // encoder
        final String encoderName = groupPath + "Encoder";
        final Block encoderBlock = new Block(null, "this.#parent");
        final TsSource encoderAccessors = accessors(owner, encoderBlock, body, false, groupPath);
        final String maxCount = countType.literal(countToken.encoding().applicableMaxValue());
        out.blank().doc(begin.description());
        out.open("export class " + encoderName);
        out.line("static readonly HEADER_SIZE = " + dimensions.encodedLength() + ";")
            .line("static readonly BLOCK_LENGTH = " + begin.encodedLength() + ";")
            .line("#bytes: Uint8Array = sbe.EMPTY_BYTES;")
            .line("#view: DataView = sbe.EMPTY_VIEW;")
            .line("#offset = 0;")
            .line("#count = 0;")
            .line("#index = 0;")
            .line("readonly #parent: sbe.EncoderParent;");
        groupMembers(encoderBlock, "sbe.EncoderParent");
        out.blank()
            .line("/** Write the group's header at the message's limit. */")
            .open("wrap(buffer: Uint8Array, count: number): this")
            .open("if (!(count >= 0 && count <= " + maxCount + "))")
            .line("throw new RangeError(" + quotedOwner + " + ': count ' + count + ' outside 0.." + maxCount + "');")
            .close()
            .open("if (buffer !== this.#bytes)")
            .line("this.#bytes = buffer;")
            .line("this.#view = sbe.viewOf(buffer);")
            .close()
            .line("const limit = this.#parent.limit();")
            .line(blockLengthType.write("limit + " + blockLengthToken.offset(), encoderName + ".BLOCK_LENGTH", littleEndian))
            .line(countType.write("limit + " + countToken.offset(), "count", littleEndian))
            .line("this.#parent.setLimit(limit + " + encoderName + ".HEADER_SIZE);")
            .line("this.#count = count;")
            .line("this.#index = 0;")
            .line("return this;")
            .close();
        out.blank().line("/** Move to the next entry. */")
            .open("next(): this")
            .open("if (this.#index >= this.#count)")
            .line("throw new RangeError(" + quotedOwner + " + ': no entry after ' + this.#count);")
            .close()
            .line("this.#offset = this.#parent.limit();")
            .line("this.#parent.setLimit(this.#offset + " + encoderName + ".BLOCK_LENGTH);")
            .line("this.#index++;")
            .line("return this;")
            .close();
        out.raw(encoderAccessors);
        out.close();

        writeGroups(groupPath, owner, body);
    }

    private void groupMembers(final Block block, final String parentType)
    {
        for (final String member : block.members())
        {
            out.line(member);
        }
        out.blank().open("constructor(parent: " + parentType + ")")
            .line("this.#parent = parent;");
        for (final String line : block.constructorLines())
        {
            out.line(line);
        }
        out.close();
    }

    private static Token find(final List<Token> tokens, final String name)
    {
        for (final Token token : tokens)
        {
            if (token.signal() == Signal.ENCODING && name.equals(token.name()))
            {
                if (token.encoding().primitiveType() == PrimitiveType.INT64 ||
                    token.encoding().primitiveType() == PrimitiveType.UINT64)
                {
                    throw new IllegalArgumentException(name + " of 64 bits is not supported");
                }
                return token;
            }
        }
        throw new IllegalArgumentException("no " + name + " in " + tokens.get(0).name());
    }
}
