package io.gamehall.master.directory;

import io.gamehall.sbe.master.ServerRole;
import io.gamehall.sbe.master.ServerState;

/**
 * A gateway or game host as the master knows it. Mutable, pooled and owned by
 * {@link ServerDirectory}: fields that an index sorts by change only through the directory.
 */
public final class Server extends Entity
{
    /** Longest server name in bytes. */
    public static final int MAX_NAME_LENGTH = 64;
    /** Longest endpoint in bytes. */
    public static final int MAX_ENDPOINT_LENGTH = 256;
    /** Longest software version string in bytes. */
    public static final int MAX_VERSION_LENGTH = 32;
    /** Most game types one host may run. */
    public static final int MAX_GAME_TYPES = 16;

    ServerRole role;
    ServerState state;
    int capacity;
    int load;
    int assigned;
    long registeredTime;
    long lastHeartbeatTime;
    /** The heartbeat time the liveness index files this server under; never after {@link #lastHeartbeatTime}. */
    long livenessKey;
    final int[] gameTypes = new int[MAX_GAME_TYPES];
    int gameTypeCount;
    final byte[] name = new byte[MAX_NAME_LENGTH];
    int nameLength;
    /** What the name index filed the name under, so removal need not read the name. */
    int nameHash;
    final byte[] endpoint = new byte[MAX_ENDPOINT_LENGTH];
    int endpointLength;
    final byte[] softwareVersion = new byte[MAX_VERSION_LENGTH];
    int softwareVersionLength;

    Server(final int slot)
    {
        super(slot);
    }

    public long id()
    {
        return id;
    }

    public ServerRole role()
    {
        return role;
    }

    public ServerState state()
    {
        return state;
    }

    public int capacity()
    {
        return capacity;
    }

    /**
     * @return load the server last reported in a heartbeat.
     */
    public int load()
    {
        return load;
    }

    /**
     * @return instances the master placed on this host and that have not ended.
     */
    public int assigned()
    {
        return assigned;
    }

    /**
     * Free capacity used for placement: the conservative of the reported load and what the
     * master itself assigned since, so creates between two heartbeats do not pile onto one host.
     *
     * @return capacity left.
     */
    public int freeCapacity()
    {
        return capacity - Math.max(load, assigned);
    }

    public long registeredTime()
    {
        return registeredTime;
    }

    public long lastHeartbeatTime()
    {
        return lastHeartbeatTime;
    }

    public int gameTypeCount()
    {
        return gameTypeCount;
    }

    public int gameType(final int index)
    {
        return gameTypes[index];
    }

    /**
     * @param gameType a game type id.
     * @return true when this server runs that game type.
     */
    public boolean supports(final int gameType)
    {
        for (int i = 0; i < gameTypeCount; i++)
        {
            if (gameTypes[i] == gameType)
            {
                return true;
            }
        }
        return false;
    }

    public byte[] nameBytes()
    {
        return name;
    }

    public int nameLength()
    {
        return nameLength;
    }

    public byte[] endpointBytes()
    {
        return endpoint;
    }

    public int endpointLength()
    {
        return endpointLength;
    }

    public byte[] softwareVersionBytes()
    {
        return softwareVersion;
    }

    public int softwareVersionLength()
    {
        return softwareVersionLength;
    }

    /**
     * @return the name as a String; allocates, for tools and tests.
     */
    public String name()
    {
        return new String(name, 0, nameLength, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * @return the endpoint as a String; allocates, for tools and tests.
     */
    public String endpoint()
    {
        return new String(endpoint, 0, endpointLength, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
