package io.gamehall.host.games;

import io.gamehall.games.protocol.ArenaProtocol;
import io.gamehall.games.protocol.ConnectFourProtocol;
import io.gamehall.host.api.GameCatalog;
import io.gamehall.host.games.arena.Arena;
import io.gamehall.host.games.connectfour.ConnectFour;

import java.util.Iterator;
import java.util.List;

/**
 * The games that ship with gamehall: {@link ConnectFour} (turn-based, type 1) and
 * {@link Arena} (real-time, type 2).
 */
public final class SampleGames
{
    private static final List<String> NAMES = List.of(ConnectFourProtocol.NAME, ArenaProtocol.NAME);

    private SampleGames()
    {
    }

    /**
     * @return a catalog with every sample game.
     */
    public static GameCatalog catalog()
    {
        return catalog(NAMES);
    }

    /**
     * @param names sample game names.
     * @return a catalog with those games.
     * @throws IllegalArgumentException for a name that is not a sample game.
     */
    public static GameCatalog catalog(final List<String> names)
    {
        final GameCatalog catalog = new GameCatalog();
        for (final String name : names)
        {
            switch (name)
            {
                case ConnectFourProtocol.NAME -> ConnectFour.register(catalog);
                case ArenaProtocol.NAME -> Arena.register(catalog);
                default -> throw new IllegalArgumentException("no sample game named " + name + "; there are " + NAMES);
            }
        }
        return catalog;
    }

    /**
     * The names, for command-line completion and help.
     */
    public static final class Names implements Iterable<String>
    {
        public Iterator<String> iterator()
        {
            return NAMES.iterator();
        }
    }
}
