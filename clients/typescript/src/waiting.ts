/**
 * Promises waiting for an answer by key, each with a timeout: the client's requests by
 * correlation id (the answer is a frame) and its game messages by sequence (the answer is an
 * acknowledgement). One place for what both need: register with a timer, take the waiter of an
 * answer (its timer cleared), fail every waiter when the connection goes.
 */
export class Waiting<A>
{
    readonly #entries = new Map<bigint, Waiter<A>>();

    /**
     * Wait for the answer to key.
     *
     * @param onTimeout the error the waiter gets when no answer came within timeoutMs.
     */
    wait(key: bigint, timeoutMs: number, onTimeout: () => Error, answer: (value: A) => void,
        reject: (error: Error) => void): void
    {
        const timer = setTimeout(() =>
        {
            this.#entries.delete(key);
            reject(onTimeout());
        }, timeoutMs);
        this.#entries.set(key, { answer, reject, timer });
    }

    /** The waiter of key, no longer waiting (its timer cleared); undefined when none waits. */
    take(key: bigint): Waiter<A> | undefined
    {
        const waiter = this.#entries.get(key);
        if (waiter !== undefined)
        {
            this.#entries.delete(key);
            clearTimeout(waiter.timer);
        }
        return waiter;
    }

    /** Reject every waiter with a new error of its own. */
    failAll(error: () => Error): void
    {
        const waiters = [...this.#entries.values()];
        this.#entries.clear();
        for (const waiter of waiters)
        {
            clearTimeout(waiter.timer);
            waiter.reject(error());
        }
    }
}

/** One waiter: answer or reject it. */
export interface Waiter<A>
{
    answer: (value: A) => void;
    reject: (error: Error) => void;
    timer: ReturnType<typeof setTimeout>;
}
