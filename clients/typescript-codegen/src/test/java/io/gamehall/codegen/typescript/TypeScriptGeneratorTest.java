package io.gamehall.codegen.typescript;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import uk.co.real_logic.sbe.SbeTool;
import uk.co.real_logic.sbe.ir.Ir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the generator writes for small schemas (what the code does at run time is tested by the
 * Node tests of clients/typescript over the generated code).
 */
class TypeScriptGeneratorTest
{
    private static final String HEADER_TYPES = """
        <composite name="messageHeader">
            <type name="blockLength" primitiveType="uint16"/>
            <type name="templateId" primitiveType="uint16"/>
            <type name="schemaId" primitiveType="uint16"/>
            <type name="version" primitiveType="uint16"/>
        </composite>
        <composite name="groupSizeEncoding">
            <type name="blockLength" primitiveType="uint16"/>
            <type name="numInGroup" primitiveType="uint16"/>
        </composite>
        <composite name="varUtf8Encoding">
            <type name="length" primitiveType="uint16"/>
            <type name="varData" primitiveType="uint8" length="0" characterEncoding="UTF-8"/>
        </composite>
        <enum name="Kind" encodingType="uint8">
            <validValue name="ONE">1</validValue>
            <validValue name="TWO">2</validValue>
        </enum>
        <type name="Answer" primitiveType="int32" presence="constant">42</type>
        """;

    @TempDir
    Path dir;

    private Ir parse(final String byteOrder, final int version, final String messages) throws Exception
    {
        final Path schema = dir.resolve("schema-" + System.nanoTime() + ".xml");
        Files.writeString(schema, """
            <?xml version="1.0" encoding="UTF-8"?>
            <sbe:messageSchema xmlns:sbe="http://fixprotocol.io/2016/sbe" package="test.sample" id="77"
                version="%d" byteOrder="%s">
                <types>
                %s
                </types>
                %s
            </sbe:messageSchema>
            """.formatted(version, byteOrder, HEADER_TYPES, messages));
        return TypeScriptCodegenMain.parse(schema.toFile());
    }

    private String module(final String byteOrder, final int version, final String messages) throws Exception
    {
        return new TypeScriptGenerator(parse(byteOrder, version, messages), dir.toString()).module();
    }

    @Test
    void shouldReadFieldsAtTheirOffsetsInTheSchemasByteOrder() throws Exception
    {
        final String message = """
            <sbe:message name="Move" id="3">
                <field name="small" id="1" type="uint16"/>
                <field name="big" id="2" type="int64"/>
                <field name="kind" id="3" type="Kind"/>
            </sbe:message>
            """;
        final String little = module("littleEndian", 1, message);
        assertThat(little)
            .contains("static readonly BLOCK_LENGTH = 11;", "static readonly TEMPLATE_ID = 3;")
            .contains("return this.#view.getUint16(this.#offset + 0, true);")
            .contains("return this.#view.getBigInt64(this.#offset + 2, true);")
            .contains("this.#view.setBigInt64(this.#offset + 2, value, true);")
            .contains("big(value: bigint): this", "small(value: number): this", "kind(value: Kind): this")
            .contains("return this.#view.getUint8(this.#offset + 10);");
        assertThat(module("bigEndian", 1, message))
            .contains("return this.#view.getUint16(this.#offset + 0, false);")
            .contains("this.#view.setBigInt64(this.#offset + 2, value, false);");
    }

    @Test
    void shouldReadAFieldNewerThanTheMessageAsItsNullValueAndRefuseABlockTooShortForItsVersion() throws Exception
    {
        final String module = module("littleEndian", 3, """
            <sbe:message name="Grown" id="1">
                <field name="first" id="1" type="int32"/>
                <field name="second" id="2" type="int64" sinceVersion="2"/>
                <field name="third" id="3" type="Kind" sinceVersion="3"/>
                <data name="note" id="4" type="varUtf8Encoding" sinceVersion="3"/>
            </sbe:message>
            """);
        assertThat(module)
            .contains("""
                    second(): bigint
                    {
                        if (this.#actingVersion < 2)
                        {
                            return -9223372036854775808n;
                        }
                """)
            .contains("return KIND_NULL_VALUE;")
            .contains("""
                    static minBlockLength(actingVersion: number): number
                    {
                        if (actingVersion >= 3)
                        {
                            return 13;
                        }
                        if (actingVersion >= 2)
                        {
                            return 12;
                        }
                        return 4;
                    }
                """)
            .contains("sbe.checkBlock('Grown', buffer, offset, actingBlockLength, GrownDecoder.minBlockLength(actingVersion));")
            .contains("""
                    note(): string
                    {
                        if (this.#actingVersion < 3)
                        {
                            return '';
                        }
                """);
    }

    @Test
    void shouldNameAnEnumValueItDoesNotKnowByItsNumber() throws Exception
    {
        final String module = module("littleEndian", 1, """
            <sbe:message name="M" id="1"><field name="kind" id="1" type="Kind"/></sbe:message>
            """);
        assertThat(module)
            .contains("export const Kind = Object.freeze(")
            .contains("    ONE: 1,", "    TWO: 2,")
            .contains("export type Kind = (typeof Kind)[keyof typeof Kind];")
            .contains("export const KIND_NULL_VALUE = 255;")
            .contains("case 2: return 'TWO';", "case 255: return 'NULL_VAL';", "default: return String(value);")
            .doesNotContain("throw new sbe.SbeCodecError('Kind");
    }

    @Test
    void shouldReadAConstantWithoutEncodingIt() throws Exception
    {
        final String module = module("littleEndian", 1, """
            <sbe:message name="M" id="1">
                <field name="answer" id="1" type="Answer"/>
                <field name="value" id="2" type="int32"/>
            </sbe:message>
            """);
        assertThat(module)
            .contains("""
                    answer(): number
                    {
                        return 42;
                    }
                """)
            .contains("static readonly BLOCK_LENGTH = 4;")
            .contains("return this.#view.getInt32(this.#offset + 0, true);")
            .doesNotContain("answer(value");
    }

    @Test
    void shouldCheckGroupsAndVarDataAgainstTheBuffer() throws Exception
    {
        final String module = module("littleEndian", 1, """
            <sbe:message name="Listing" id="1">
                <group name="rows" id="1" dimensionType="groupSizeEncoding">
                    <field name="id" id="2" type="int64"/>
                    <data name="label" id="3" type="varUtf8Encoding"/>
                </group>
            </sbe:message>
            """);
        assertThat(module)
            .contains("export class ListingRowsDecoder", "export class ListingRowsEncoder")
            .contains("sbe.checkRange('Listing.rows', buffer, limit, ListingRowsDecoder.HEADER_SIZE);")
            .contains("sbe.checkBlock('Listing.rows', this.#bytes, offset, this.#blockLength, 0);")
            .contains("sbe.checkRange('Listing.rows.label', this.#bytes, start, length);")
            .contains("throw new RangeError('Listing.rows' + ': count ' + count + ' outside 0..65534');")
            .contains("rowsCount(count: number): ListingRowsEncoder");
    }

    @Test
    void shouldRefuseAFieldNamedAfterAMemberOfTheGeneratedClasses() throws Exception
    {
        final Ir ir = parse("littleEndian", 1, """
            <sbe:message name="M" id="1"><field name="limit" id="1" type="int32"/></sbe:message>
            """);
        assertThatThrownBy(() -> new TypeScriptGenerator(ir, dir.toString()).module())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("M.limit")
            .hasMessageContaining("rename the field");
    }

    @Test
    void shouldWriteTheSameFilesForTheSameSchema() throws Exception
    {
        final Ir ir = parse("littleEndian", 1, """
            <sbe:message name="M" id="1"><field name="kind" id="1" type="Kind"/></sbe:message>
            """);
        final Path out = dir.resolve("out");
        new TypeScriptGenerator(ir, out.toString()).generate();
        final String first = Files.readString(out.resolve("sample.ts"));
        new TypeScriptGenerator(parse("littleEndian", 1, """
            <sbe:message name="M" id="1"><field name="kind" id="1" type="Kind"/></sbe:message>
            """), out.toString()).generate();

        assertThat(Files.readString(out.resolve("sample.ts"))).isEqualTo(first);
        assertThat(Files.readString(out.resolve(TypeScriptGenerator.RUNTIME_FILE)))
            .contains("export class SbeCodecError extends Error");
        assertThat(first).startsWith("// Generated by gamehall's TypeScript codec generator")
            .contains("import * as sbe from './sbe-runtime.js';");
    }

    @Test
    void shouldBeTheSbeToolsTargetLanguageByItsClassName() throws Exception
    {
        final Ir ir = parse("littleEndian", 1, """
            <sbe:message name="M" id="1"><field name="kind" id="1" type="Kind"/></sbe:message>
            """);
        final Path out = dir.resolve("tool");

        SbeTool.generate(ir, out.toString(), TypeScript.class.getName());

        assertThat(out.resolve("sample.ts")).exists();
        assertThat(out.resolve("sbe-runtime.ts")).exists();
        assertThat(Files.readString(out.resolve("sample.ts"))).contains("export class MDecoder", "export class MEncoder");
    }
}
