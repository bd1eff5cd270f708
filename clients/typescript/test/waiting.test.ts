// Waiting: the client's promises waiting for answers by key, with a timeout each.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Waiting } from '../src/waiting.js';

function waitFor<A>(waiting: Waiting<A>, key: bigint, timeoutMs: number): Promise<A>
{
    return new Promise<A>((resolve, reject) =>
        waiting.wait(key, timeoutMs, () => new Error('timed out: ' + key), resolve, reject));
}

test('an answer goes to the waiter of its key, once', async () =>
{
    const waiting = new Waiting<string>();
    const one = waitFor(waiting, 1n, 10_000);
    const two = waitFor(waiting, 2n, 10_000);
    waiting.take(2n)?.answer('second');
    waiting.take(1n)?.answer('first');
    assert.equal(await one, 'first');
    assert.equal(await two, 'second');
    assert.equal(waiting.take(1n), undefined);
});

test('a waiter without an answer times out with its own error, and is gone', async () =>
{
    const waiting = new Waiting<void>();
    await assert.rejects(waitFor(waiting, 7n, 5), /timed out: 7/);
    assert.equal(waiting.take(7n), undefined);
});

test('failing all rejects every waiter with an error of its own and leaves none', async () =>
{
    const waiting = new Waiting<number>();
    const errors: Error[] = [];
    const waits = [waitFor(waiting, 1n, 10_000), waitFor(waiting, 2n, 10_000)]
        .map((p) => p.catch((error: Error) => errors.push(error)));
    waiting.failAll(() => new Error('closed'));
    await Promise.all(waits);
    assert.equal(errors.length, 2);
    assert.notEqual(errors[0], errors[1]);
    assert.equal(waiting.take(1n), undefined);
});
