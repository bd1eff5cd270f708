// The generated codecs against a schema with every feature the generator handles
// (test/schema/features.xml): values written are read back, at the offsets and in the byte
// order the schema gives; versions, unknown enum values and damaged input behave as the Java
// codecs do, and damaged input never reads past the buffer.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
    Color, Level, levelName, colorName, LEVEL_NULL_VALUE,
    EverythingDecoder, EverythingEncoder, EvolvedDecoder, EvolvedEncoder,
    MessageHeaderDecoder, MessageHeaderEncoder, FlagsEncoder, FlagsDecoder,
} from './generated/features.js';
import { SampleDecoder, SampleEncoder, MessageHeaderEncoder as BeHeaderEncoder, MessageHeaderDecoder as BeHeaderDecoder }
    from './generated/bigendian.js';
import { SbeCodecError } from './generated/sbe-runtime.js';

const HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

function encodeEverything(buffer: Uint8Array): number
{
    const e = new EverythingEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder())
        .i8(-128).i16(-30000).i32(-2_000_000_000).i64(-9_000_000_000_000_000_000n)
        .u8(255).u16(65535).u32(4_000_000_000).u64(18_000_000_000_000_000_000n)
        .f32(1.5).f64(-2.25).letter('Q'.charCodeAt(0))
        .symbol('GAMEHALL').name('Zoë ♟').ratios(0, 0.5).ratios(1, -1).ratios(2, 3.25)
        .counts(0, 1).counts(1, 2).counts(2, 65535).counts(3, 0)
        .maybeCount(EverythingDecoder.maybeCountNullValue()).maybeBig(7n)
        .color(Color.BLUE).level(Level.HIGH);
    e.flags().clear().ready(true).urgent(true);
    e.wideFlags().clear().high(true);
    e.hugeFlags().clear().top(true).low(true);
    const point = e.point().x(-7).y(8).level(Level.LOW);
    point.flags().clear().urgent(true);
    point.pair().first(513).second(-2n);
    const legs = e.legsCount(2);
    legs.next().legId(1n).side(Level.LOW).fillsCount(0);
    legs.note('first');
    const fills = legs.next().legId(2n).side(Level.HIGH).fillsCount(2);
    fills.next().quantity(10).venue('XLON');
    fills.next().quantity(20).venue('');
    legs.note('second ✓');
    e.text('héllo wörld').blob(new Uint8Array([0, 1, 254, 255])).tag('done');
    return HEADER + e.encodedLength();
}

test('every kind of field reads back what was written', () =>
{
    const buffer = new Uint8Array(1024);
    const length = encodeEverything(buffer);
    const frame = buffer.slice(0, length);

    const d = new EverythingDecoder().wrapAndApplyHeader(frame, 0, new MessageHeaderDecoder());
    assert.equal(d.i8(), -128);
    assert.equal(d.i16(), -30000);
    assert.equal(d.i32(), -2_000_000_000);
    assert.equal(d.i64(), -9_000_000_000_000_000_000n);
    assert.equal(d.u8(), 255);
    assert.equal(d.u16(), 65535);
    assert.equal(d.u32(), 4_000_000_000);
    assert.equal(d.u64(), 18_000_000_000_000_000_000n);
    assert.equal(d.f32(), 1.5);
    assert.equal(d.f64(), -2.25);
    assert.equal(String.fromCharCode(d.letter()), 'Q');
    assert.equal(d.symbol(), 'GAMEHALL');
    assert.equal(d.name(), 'Zoë ♟');
    assert.deepEqual([d.ratios(0), d.ratios(1), d.ratios(2)], [0.5, -1, 3.25]);
    assert.deepEqual([d.counts(0), d.counts(1), d.counts(2), d.counts(3)], [1, 2, 65535, 0]);
    assert.equal(d.maybeCount(), EverythingDecoder.maybeCountNullValue());
    assert.equal(d.maybeBig(), 7n);
    assert.equal(d.magic(), 4242);
    assert.equal(d.greeting(), 'hello');
    assert.equal(d.color(), Color.BLUE);
    assert.equal(colorName(d.color()), 'BLUE');
    assert.equal(d.level(), Level.HIGH);
    assert.equal(d.fixedColor(), Color.GREEN);
    assert.equal(d.flags().ready(), true);
    assert.equal(d.flags().urgent(), true);
    assert.equal(d.flags().raw(), 0x81);
    assert.equal(d.wideFlags().low(), false);
    assert.equal(d.wideFlags().high(), true);
    assert.equal(d.wideFlags().raw(), 0x80000000);
    assert.equal(d.hugeFlags().raw(), 0x8000000000000001n);
    assert.equal(d.point().x(), -7);
    assert.equal(d.point().y(), 8);
    assert.equal(d.point().level(), Level.LOW);
    assert.equal(d.point().flags().urgent(), true);
    assert.equal(d.point().flags().ready(), false);
    assert.equal(d.point().pair().first(), 513);
    assert.equal(d.point().pair().second(), -2n);

    const legs = d.legs();
    assert.equal(legs.count(), 2);
    const seen: unknown[] = [];
    for (const leg of legs)
    {
        const fills: unknown[] = [];
        for (const fill of leg.fills())
        {
            fills.push([fill.quantity(), fill.venue()]);
        }
        seen.push([leg.legId(), leg.side(), fills, leg.note()]);
    }
    assert.deepEqual(seen, [
        [1n, Level.LOW, [], 'first'],
        [2n, Level.HIGH, [[10, 'XLON'], [20, '']], 'second ✓'],
    ]);
    assert.equal(d.text(), 'héllo wörld');
    assert.deepEqual([...d.blob()], [0, 1, 254, 255]);
    assert.equal(d.tag(), 'done');
    assert.equal(HEADER + d.encodedLength(), length, 'the decoder ends where the encoder did');
});

test('fields sit at the schema offsets, little-endian', () =>
{
    const buffer = new Uint8Array(1024);
    encodeEverything(buffer);
    const header = new MessageHeaderDecoder().wrap(buffer, 0);
    assert.deepEqual([header.blockLength(), header.templateId(), header.schemaId(), header.version()],
        [EverythingEncoder.BLOCK_LENGTH, 1, 9001, 3]);
    assert.deepEqual([...buffer.subarray(0, 8)], [130, 0, 1, 0, 0x29, 0x23, 3, 0]);
    // i16 = -30000 at block offset 1: 0x8AD0 little-endian
    assert.deepEqual([...buffer.subarray(HEADER + 1, HEADER + 3)], [0xD0, 0x8A]);
    // u16 65535 at 16, symbol at 43, color 'B' at 95, flags 0x81 at 97
    assert.deepEqual([...buffer.subarray(HEADER + 16, HEADER + 18)], [0xFF, 0xFF]);
    assert.equal(new TextDecoder().decode(buffer.subarray(HEADER + 43, HEADER + 51)), 'GAMEHALL');
    assert.equal(buffer[HEADER + 95], 'B'.charCodeAt(0));
    assert.equal(buffer[HEADER + 97], 0x81);
    // the first group's header follows the block: blockLength 9, count 2
    assert.deepEqual([...buffer.subarray(HEADER + 130, HEADER + 134)], [9, 0, 2, 0]);
});

test('a big-endian schema is written big-endian', () =>
{
    const buffer = new Uint8Array(64);
    const e = new SampleEncoder().wrapAndApplyHeader(buffer, 0, new BeHeaderEncoder()).small(0x0102).big(-2n).ratio(1);
    e.itemsCount(1).next().value(0x01020304);
    e.payload(new Uint8Array([9]));
    assert.deepEqual([...buffer.subarray(0, 4)], [0, 18, 0, 1], 'header: block length 18, template 1');
    assert.deepEqual([...buffer.subarray(8, 10)], [1, 2]);
    assert.deepEqual([...buffer.subarray(10, 18)], [255, 255, 255, 255, 255, 255, 255, 254]);
    assert.deepEqual([...buffer.subarray(18, 26)], [0x3F, 0xF0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual([...buffer.subarray(26, 34)], [0, 4, 0, 1, 1, 2, 3, 4]);
    assert.deepEqual([...buffer.subarray(34, 37)], [0, 1, 9]);
    const d = new SampleDecoder().wrapAndApplyHeader(buffer, 0, new BeHeaderDecoder());
    assert.equal(d.small(), 0x0102);
    assert.equal(d.big(), -2n);
    assert.equal(d.ratio(), 1);
    assert.deepEqual([...d.items()].map((i) => i.value()), [0x01020304]);
    assert.deepEqual([...d.payload()], [9]);
});

test('an enum value this build does not know reads as its number and is named by it', () =>
{
    const buffer = new Uint8Array(1024);
    encodeEverything(buffer);
    buffer[HEADER + 96] = 77;
    const d = new EverythingDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
    assert.equal(d.level(), 77);
    assert.equal(levelName(d.level()), '77');
    assert.equal(levelName(Level.TOP), 'TOP');
    assert.equal(levelName(LEVEL_NULL_VALUE), 'NULL_VAL');
});

function encodeEvolved(buffer: Uint8Array, version: number): number
{
    const e = new EvolvedEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder()).a(5).b(6n).level(Level.TOP);
    e.point().x(1).y(2).level(Level.HIGH);
    e.point().flags().clear();
    e.point().pair().first(3).second(4n);
    e.extrasCount(1).next().x(7).y(8);
    e.laterCount(1).next().z(-9);
    e.comment('new');
    const header = new MessageHeaderEncoder().wrap(buffer, 0);
    header.version(version);
    return HEADER + e.encodedLength();
}

test('fields, groups and data newer than the message read as absent', () =>
{
    // A version-1 writer: block of 4 bytes (a only), extras entries of 4 bytes (x only), no later, no comment.
    const buffer = new Uint8Array(64);
    const header = new MessageHeaderEncoder().wrap(buffer, 0).blockLength(4).templateId(2).schemaId(9001).version(1);
    const view = new DataView(buffer.buffer);
    view.setInt32(HEADER, 5, true);
    view.setUint16(HEADER + 4, 4, true);
    view.setUint16(HEADER + 6, 1, true);
    view.setInt32(HEADER + 8, 7, true);
    assert.equal(header.encodedLength(), HEADER);

    const d = new EvolvedDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
    assert.equal(d.actingVersion(), 1);
    assert.equal(d.a(), 5);
    assert.equal(d.b(), EvolvedDecoder.bNullValue());
    assert.equal(d.level(), LEVEL_NULL_VALUE);
    assert.equal(d.point(), null);
    const extras = [...d.extras()].map((x) => [x.x(), x.y()]);
    assert.deepEqual(extras, [[7, -2147483648]]);
    assert.equal(d.later().count(), 0);
    assert.equal(d.comment(), '');
    assert.equal(d.encodedLength(), 12, 'nothing read past what version 1 wrote');
});

test('a message of a newer version is read by its known fields, skipping the rest of the block', () =>
{
    const buffer = new Uint8Array(256);
    const length = encodeEvolved(buffer, 3);
    // As if version 4 had added 6 bytes to the block: move everything after the block along.
    const bigger = new Uint8Array(length + 6);
    bigger.set(buffer.subarray(0, HEADER + EvolvedEncoder.BLOCK_LENGTH));
    bigger.set(buffer.subarray(HEADER + EvolvedEncoder.BLOCK_LENGTH, length), HEADER + EvolvedEncoder.BLOCK_LENGTH + 6);
    new MessageHeaderEncoder().wrap(bigger, 0).blockLength(EvolvedEncoder.BLOCK_LENGTH + 6).version(4);

    const d = new EvolvedDecoder().wrapAndApplyHeader(bigger, 0, new MessageHeaderDecoder());
    assert.equal(d.b(), 6n);
    assert.equal(d.level(), Level.TOP);
    assert.equal(d.point()?.pair().second(), 4n);
    assert.deepEqual([...d.extras()].map((x) => [x.x(), x.y()]), [[7, 8]]);
    assert.deepEqual([...d.later()].map((x) => x.z()), [-9]);
    assert.equal(d.comment(), 'new');
    assert.equal(HEADER + d.encodedLength(), bigger.length);
});

test('a block shorter than its version needs is refused', () =>
{
    const buffer = new Uint8Array(256);
    encodeEvolved(buffer, 3);
    new MessageHeaderEncoder().wrap(buffer, 0).blockLength(12);
    assert.throws(() => new EvolvedDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder()),
        (e: unknown) => e instanceof SbeCodecError && /block length 12, its version needs 33/.test(e.message));
});

test('another schema or template is refused', () =>
{
    const buffer = new Uint8Array(256);
    encodeEvolved(buffer, 3);
    assert.throws(() => new EverythingDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder()),
        (e: unknown) => e instanceof SbeCodecError && /template id 2, expected 1/.test(e.message));
    new MessageHeaderEncoder().wrap(buffer, 0).schemaId(7107);
    assert.throws(() => new EvolvedDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder()),
        (e: unknown) => e instanceof SbeCodecError && /schema id 7107, expected 9001/.test(e.message));
});

test('a frame cut anywhere is refused without reading past its end', () =>
{
    const buffer = new Uint8Array(1024);
    const length = encodeEverything(buffer);
    for (let cut = 0; cut < length; cut++)
    {
        const frame = buffer.slice(0, cut);
        assert.throws(() =>
        {
            const d = new EverythingDecoder().wrapAndApplyHeader(frame, 0, new MessageHeaderDecoder());
            for (const leg of d.legs())
            {
                for (const fill of leg.fills())
                {
                    fill.venue();
                }
                leg.note();
            }
            d.text();
            d.blob();
            d.tag();
        }, SbeCodecError, 'cut at ' + cut);
    }
});

test('a length that claims more than the frame holds is refused', () =>
{
    const buffer = new Uint8Array(1024);
    const length = encodeEverything(buffer);
    const frame = buffer.slice(0, length);
    // the tag is last: one length byte then 'done'
    frame[length - 5] = 200;
    const d = new EverythingDecoder().wrapAndApplyHeader(frame, 0, new MessageHeaderDecoder());
    for (const leg of d.legs())
    {
        for (const fill of leg.fills())
        {
            fill.venue();
        }
        leg.note();
    }
    d.text();
    d.blob();
    assert.throws(() => d.tag(), (e: unknown) => e instanceof SbeCodecError && /Everything.tag/.test(e.message));
});

test('encoders refuse values their encoding cannot hold', () =>
{
    const buffer = new Uint8Array(1024);
    const e = new EverythingEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
    assert.throws(() => e.symbol('NINE CHARS'), RangeError);
    assert.throws(() => e.ratios(3, 1), RangeError);
    assert.throws(() => e.legsCount(65535), RangeError);
    const legs = e.legsCount(1);
    assert.throws(() => legs.next().fillsCount(1).next().venue('x'.repeat(21)), RangeError);
    assert.throws(() => new EverythingEncoder().wrapAndApplyHeader(new Uint8Array(100), 0, new MessageHeaderEncoder()),
        RangeError);
    const small = new Uint8Array(HEADER + EverythingEncoder.BLOCK_LENGTH + 8);
    const tight = new EverythingEncoder().wrapAndApplyHeader(small, 0, new MessageHeaderEncoder());
    tight.legsCount(0);
    assert.throws(() => tight.text('more than four bytes'), RangeError);
});

test('set encoders change only their own bits', () =>
{
    const buffer = new Uint8Array(1);
    const e = new FlagsEncoder().wrap(buffer, 0).clear().urgent(true).ready(true).urgent(false);
    assert.equal(buffer[0], 1);
    e.raw(0xFF).ready(false);
    assert.equal(new FlagsDecoder().wrap(buffer, 0).raw(), 0xFE);
});

test('text is written as the schema says: ASCII replaces what it cannot hold, UTF-8 keeps everything', () =>
{
    const buffer = new Uint8Array(1024);
    const e = new EverythingEncoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderEncoder());
    e.legsCount(0);
    e.text('😀 ünïcode').blob(new Uint8Array(0)).tag('naïve');
    const d = new EverythingDecoder().wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
    d.legs();
    assert.equal(d.text(), '😀 ünïcode');
    assert.equal(d.blobLength(), 0);
    d.skipBlob();
    assert.equal(d.tag(), 'na?ve');
});
