package io.gamehall.host.api;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The games a host can run: a game type id (as the master and the clients know it), a name
 * for operators, and a factory of {@link GameLogic} (one logic object per instance).
 */
public final class GameCatalog
{
    /**
     * One registered game.
     *
     * @param typeId  1..65534.
     * @param name    short name for operators and command lines, [a-z0-9-]+.
     * @param factory makes the logic of a new instance.
     */
    public record Entry(int typeId, String name, Supplier<GameLogic> factory)
    {
    }

    private final Map<Integer, Entry> byId = new TreeMap<>();

    /**
     * @return this, for chaining.
     * @throws IllegalArgumentException for a bad or already used id or name.
     */
    public GameCatalog register(final int typeId, final String name, final Supplier<GameLogic> factory)
    {
        if (typeId < 1 || typeId > 65534)
        {
            throw new IllegalArgumentException("game type id must be 1..65534: " + typeId);
        }
        if (name == null || !name.matches("[a-z0-9-]{1,32}"))
        {
            throw new IllegalArgumentException("game name must be 1..32 of [a-z0-9-]: " + name);
        }
        if (byId.containsKey(typeId) || find(name) != null)
        {
            throw new IllegalArgumentException("game type " + typeId + " or name " + name + " already registered");
        }
        byId.put(typeId, new Entry(typeId, name, factory));
        return this;
    }

    /**
     * @return the entry, or null.
     */
    public Entry get(final int typeId)
    {
        return byId.get(typeId);
    }

    /**
     * @return the entry with that name, or null.
     */
    public Entry find(final String name)
    {
        for (final Entry e : byId.values())
        {
            if (e.name().equals(name))
            {
                return e;
            }
        }
        return null;
    }

    /**
     * @return every entry, by type id.
     */
    public Collection<Entry> entries()
    {
        return Collections.unmodifiableCollection(byId.values());
    }
}
