// The TypeScript half of the cross-language codec test. For every message of the client
// protocol, the bytes the Java codecs wrote (golden files of JavaEncodedGoldensTest) decode here
// to the same values, and those values encode here to the same bytes. Then this side encodes
// values of its own choosing and writes golden files, which TypeScriptEncodedGoldensTest decodes
// with the Java codecs.
//
// Where: $GAMEHALL_GOLDEN_DIR (the Maven build sets it), else target/golden of this package.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as codecs from '../src/generated/client.js';

interface FieldDescriptor
{
    name: string;
    kind: string;
    enum?: string;
    fields?: FieldDescriptor[];
}

type Values = { [name: string]: unknown };

interface GoldenCase
{
    mode: string;
    hex: string;
    values: Values;
}

interface Golden
{
    message: string;
    templateId: number;
    schemaId: number;
    version: number;
    fields: FieldDescriptor[];
    cases: GoldenCase[];
}

// The codecs looked up by name, as the golden files name messages, enums and fields.
type Accessors = { [name: string]: (...args: unknown[]) => unknown };
const CODECS = codecs as unknown as { [name: string]: unknown };
const HEADER = codecs.MessageHeaderEncoder.ENCODED_LENGTH;

const goldenDir = process.env.GAMEHALL_GOLDEN_DIR ?? join(process.cwd(), 'target', 'golden');
const javaDir = join(goldenDir, 'java');
const typescriptDir = join(goldenDir, 'typescript');

function hex(bytes: Uint8Array): string
{
    return Buffer.from(bytes).toString('hex');
}

function fromHex(text: string): Uint8Array
{
    return new Uint8Array(Buffer.from(text, 'hex'));
}

function lowerFirst(name: string): string
{
    return name.charAt(0).toLowerCase() + name.substring(1);
}

function enumName(enumType: string, value: number): string
{
    return (CODECS[lowerFirst(enumType) + 'Name'] as (v: number) => string)(value);
}

function enumValue(enumType: string, name: string): number
{
    const value = (CODECS[enumType] as { [name: string]: number })[name];
    assert.ok(value !== undefined, enumType + ' has no value ' + name);
    return value;
}

function decodeFields(decoder: Accessors, fields: FieldDescriptor[]): Values
{
    const values: Values = {};
    for (const field of fields)
    {
        const read = () => decoder[field.name]!.call(decoder);
        switch (field.kind)
        {
            case 'int64':
            case 'uint64':
                values[field.name] = (read() as bigint).toString();
                break;
            case 'enum':
                values[field.name] = enumName(field.enum!, read() as number);
                break;
            case 'bytes':
                values[field.name] = hex(read() as Uint8Array);
                break;
            case 'group':
            {
                const group = read() as Accessors & Iterable<Accessors>;
                const entries: Values[] = [];
                for (const entry of group)
                {
                    entries.push(decodeFields(entry, field.fields!));
                }
                values[field.name] = entries;
                break;
            }
            default:
                values[field.name] = read();
        }
    }
    return values;
}

function encodeFields(encoder: Accessors, fields: FieldDescriptor[], values: Values): void
{
    for (const field of fields)
    {
        const value = values[field.name];
        assert.ok(value !== undefined, 'no value for ' + field.name);
        const write = (v: unknown) => encoder[field.name]!.call(encoder, v);
        switch (field.kind)
        {
            case 'int64':
            case 'uint64':
                write(BigInt(value as string));
                break;
            case 'enum':
                write(enumValue(field.enum!, value as string));
                break;
            case 'bytes':
                write(fromHex(value as string));
                break;
            case 'group':
            {
                const entries = value as Values[];
                const group = encoder[field.name + 'Count']!.call(encoder, entries.length) as Accessors;
                for (const entry of entries)
                {
                    group.next!.call(group);
                    encodeFields(group, field.fields!, entry);
                }
                break;
            }
            default:
                write(value);
        }
    }
}

function decode(golden: Golden, frame: Uint8Array): Values
{
    const Decoder = CODECS[golden.message + 'Decoder'] as new () => Accessors;
    assert.ok(Decoder, 'no TypeScript decoder for ' + golden.message);
    const decoder = new Decoder();
    decoder.wrapAndApplyHeader!.call(decoder, frame, 0, new codecs.MessageHeaderDecoder());
    const values = decodeFields(decoder, golden.fields);
    assert.equal(HEADER + (decoder.encodedLength!.call(decoder) as number), frame.length,
        golden.message + ': the whole frame was read');
    return values;
}

function encode(golden: Golden, values: Values): Uint8Array
{
    const Encoder = CODECS[golden.message + 'Encoder'] as new () => Accessors;
    assert.ok(Encoder, 'no TypeScript encoder for ' + golden.message);
    const buffer = new Uint8Array(1 << 20);
    const encoder = new Encoder();
    encoder.wrapAndApplyHeader!.call(encoder, buffer, 0, new codecs.MessageHeaderEncoder());
    encodeFields(encoder, golden.fields, values);
    return buffer.slice(0, HEADER + (encoder.encodedLength!.call(encoder) as number));
}

/** A small deterministic generator, so that a failure can be reproduced. */
class Random
{
    #state: number;

    constructor(seed: number)
    {
        this.#state = seed >>> 0 || 1;
    }

    /** An integer in 0..bound-1. */
    below(bound: number): number
    {
        // xorshift32
        let x = this.#state;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        this.#state = x >>> 0;
        return this.#state % bound;
    }

    bigint(bits: number): bigint
    {
        let value = 0n;
        for (let i = 0; i < bits; i += 16)
        {
            value = (value << 16n) | BigInt(this.below(65536));
        }
        return BigInt.asUintN(bits, value);
    }
}

const PIECES = ['b', 'Y', '9', '-', 'ñ', 'ø', 'π', '♞', '語', '🃏', '🧑🏿‍🚀'];

/** Values chosen on this side, for the fields the Java side described. */
function valuesOf(fields: FieldDescriptor[], random: Random, empty: boolean): Values
{
    const values: Values = {};
    const integer = (min: number, max: number) => empty ? 0 : min + random.below(max - min + 1);
    for (const field of fields)
    {
        switch (field.kind)
        {
            case 'int8': values[field.name] = integer(-128, 127); break;
            case 'uint8': values[field.name] = integer(0, 255); break;
            case 'char': values[field.name] = integer(32, 126); break;
            case 'int16': values[field.name] = integer(-32768, 32767); break;
            case 'uint16': values[field.name] = integer(0, 65535); break;
            case 'int32': values[field.name] = empty ? 0 : (random.below(65536) << 16 | random.below(65536)); break;
            case 'uint32': values[field.name] = empty ? 0 : (random.below(65536) * 65536 + random.below(65536)); break;
            case 'int64': values[field.name] = (empty ? 0n : BigInt.asIntN(64, random.bigint(64))).toString(); break;
            case 'uint64': values[field.name] = (empty ? 0n : random.bigint(64)).toString(); break;
            case 'float': values[field.name] = empty ? 0 : random.below(1 << 20) / 32; break;
            case 'double': values[field.name] = empty ? 0 : (random.below(1 << 30) - (1 << 29)) / 1024; break;
            case 'enum':
            {
                const names = Object.keys(CODECS[field.enum!] as object);
                values[field.name] = names[empty ? names.length - 1 : random.below(names.length)];
                break;
            }
            case 'ascii':
            {
                let text = '';
                for (let i = empty ? 0 : 1 + random.below(60); i > 0; i--)
                {
                    text += String.fromCharCode(32 + random.below(95));
                }
                values[field.name] = text;
                break;
            }
            case 'utf8':
            {
                let text = '';
                for (let i = empty ? 0 : 1 + random.below(40); i > 0; i--)
                {
                    text += PIECES[random.below(PIECES.length)];
                }
                values[field.name] = text;
                break;
            }
            case 'bytes':
            {
                const bytes = new Uint8Array(empty ? 0 : random.below(100));
                bytes.forEach((_, i) => bytes[i] = random.below(256));
                values[field.name] = hex(bytes);
                break;
            }
            case 'group':
            {
                const entries: Values[] = [];
                for (let i = empty ? 0 : 1 + random.below(4); i > 0; i--)
                {
                    entries.push(valuesOf(field.fields!, random, false));
                }
                values[field.name] = entries;
                break;
            }
            default:
                assert.fail('no values for kind ' + field.kind);
        }
    }
    return values;
}

function readGoldens(dir: string): Golden[]
{
    return readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
        .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Golden);
}

const javaGoldensPresent = existsSync(javaDir);
const skipReason = javaGoldensPresent || process.env.GAMEHALL_GOLDEN_DIR ? false :
    'no golden files in ' + javaDir + ': the Maven build writes them (mvn verify -pl clients/typescript -am)';

test('every message of the TypeScript codecs has a golden file from Java', { skip: skipReason }, () =>
{
    const messages = Object.entries(CODECS)
        .filter(([name, value]) => name.endsWith('Decoder') && typeof value === 'function' &&
            (value as { TEMPLATE_ID?: number }).TEMPLATE_ID !== undefined)
        .map(([name]) => name.substring(0, name.length - 'Decoder'.length)).sort();
    const goldens = readGoldens(javaDir).map((g) => g.message).sort();
    assert.ok(messages.length >= 28, 'the client protocol has at least 28 messages, found ' + messages.length);
    assert.deepEqual(goldens, messages);
});

test('bytes encoded by Java decode to the same values, which encode to the same bytes',
    { skip: skipReason }, () =>
{
    let cases = 0;
    for (const golden of readGoldens(javaDir))
    {
        assert.equal(golden.schemaId, codecs.SCHEMA_ID);
        assert.equal(golden.version, codecs.SCHEMA_VERSION);
        for (const oneCase of golden.cases)
        {
            const what = golden.message + ' (' + oneCase.mode + ')';
            assert.deepEqual(decode(golden, fromHex(oneCase.hex)), oneCase.values, what + ': decoded');
            assert.equal(hex(encode(golden, oneCase.values)), oneCase.hex, what + ': encoded again');
            cases++;
        }
    }
    assert.ok(cases >= 3 * 28, 'cases: ' + cases);
});

test('values encoded here are written for the Java side to decode', { skip: skipReason }, () =>
{
    mkdirSync(typescriptDir, { recursive: true });
    for (const golden of readGoldens(javaDir))
    {
        const random = new Random(golden.templateId * 7919);
        const cases: GoldenCase[] = [];
        for (const mode of ['typescript-random', 'typescript-more', 'typescript-empty'])
        {
            const values = valuesOf(golden.fields, random, mode === 'typescript-empty');
            const frame = encode(golden, values);
            assert.deepEqual(decode(golden, frame), values, golden.message + ' (' + mode + '): read back here');
            cases.push({ mode, hex: hex(frame), values });
        }
        const out: Golden = { ...golden, cases };
        writeFileSync(join(typescriptDir, golden.message + '.json'), JSON.stringify(out, null, 2));
    }
});
