package io.gamehall.store.kv;

/**
 * The kinds of record the store keeps. Each has a key prefix: in Couchbase the document key is
 * {@code prefix + "::" + key} in one bucket; in the Chronicle store each keyspace is its own map
 * file, sized on its own.
 */
public enum Keyspace
{
    /** {@code acct::<account id>} → AccountRecord. */
    ACCOUNT("acct", "accounts"),
    /** {@code name::<lower-case name>} → NameRecord; inserted, so a name is held at most once. */
    NAME("name", "names"),
    /** {@code prof::<account id>} → ProfileRecord. */
    PROFILE("prof", "profiles"),
    /** {@code backup::<instance id>} → BackupRecord. */
    BACKUP("backup", "backups"),
    /** {@code game::<game id>} → GameRecord. */
    GAME("game", "games"),
    /** {@code hist::<user id>} → HistoryHead; {@code hist::<user id>::<page>} → HistoryPage. */
    HISTORY("hist", "history"),
    /** {@code seq::<name>} → a counter (the next account id). */
    SEQUENCE("seq", "sequences");

    private final String prefix;
    private final String fileName;

    Keyspace(final String prefix, final String fileName)
    {
        this.prefix = prefix;
        this.fileName = fileName;
    }

    /**
     * @return the key prefix without the separator, for example {@code acct}.
     */
    public String prefix()
    {
        return prefix;
    }

    /**
     * @return a short plural name for files and messages, for example {@code accounts}.
     */
    public String fileName()
    {
        return fileName;
    }

    /**
     * @param key the key within this keyspace.
     * @return the document key used in a shared bucket, for example {@code acct::42}.
     */
    public String documentKey(final String key)
    {
        return prefix + "::" + key;
    }
}
