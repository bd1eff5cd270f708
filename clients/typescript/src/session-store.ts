/**
 * What a client keeps of a logged-in session so that a new page (after a reload) can take it up
 * again: the token, the gateway that holds the session (a resume there continues it and replays
 * the events kept for it) and the last event seen.
 */
export interface SavedSession
{
    token: string;
    /** The account id, as a decimal string. */
    userId: string;
    /** The gateway the session lives on. */
    gatewayUrl: string;
    /** The last event sequence seen, as a decimal string. */
    lastEventSequence: string;
}

/**
 * Where a client keeps its session: memory (the default), or the browser's sessionStorage
 * (survives a reload of the page, not a closed tab), or anything with these three methods.
 */
export interface SessionStore
{
    load(): SavedSession | null;
    save(session: SavedSession): void;
    clear(): void;
}

/** Keeps the session in memory: a reload of the page forgets it. */
export class MemorySessionStore implements SessionStore
{
    #session: SavedSession | null = null;

    load(): SavedSession | null
    {
        return this.#session === null ? null : { ...this.#session };
    }

    save(session: SavedSession): void
    {
        this.#session = { ...session };
    }

    clear(): void
    {
        this.#session = null;
    }
}

/** The part of the Web Storage API the store uses (window.sessionStorage, window.localStorage). */
export interface KeyValueStorage
{
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
    removeItem(key: string): void;
}

/**
 * Keeps the session in a Web Storage object under one key. With sessionStorage (the usual
 * choice) a reload of the page resumes the session, and each tab has its own (two tabs of one
 * account would log each other out).
 */
export class WebStorageSessionStore implements SessionStore
{
    readonly #storage: KeyValueStorage;
    readonly #key: string;

    constructor(storage: KeyValueStorage, key = 'gamehall.session')
    {
        this.#storage = storage;
        this.#key = key;
    }

    load(): SavedSession | null
    {
        const text = this.#storage.getItem(this.#key);
        if (text === null)
        {
            return null;
        }
        try
        {
            const saved = JSON.parse(text) as Partial<SavedSession>;
            if (typeof saved.token === 'string' && typeof saved.userId === 'string' &&
                typeof saved.gatewayUrl === 'string' && typeof saved.lastEventSequence === 'string')
            {
                return saved as SavedSession;
            }
        }
        catch
        {
            // fall through: what is there is not a session
        }
        this.#storage.removeItem(this.#key);
        return null;
    }

    save(session: SavedSession): void
    {
        this.#storage.setItem(this.#key, JSON.stringify(session));
    }

    clear(): void
    {
        this.#storage.removeItem(this.#key);
    }
}
