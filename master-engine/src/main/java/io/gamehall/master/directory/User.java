package io.gamehall.master.directory;

import io.gamehall.sbe.master.UserState;

/**
 * A checked-in user. A user whose gateway died while seated in an instance stays, detached
 * ({@code gatewayId == 0}), so that the seat survives until the user resumes elsewhere.
 */
public final class User extends Entity
{
    /** Longest user name in bytes. */
    public static final int MAX_NAME_LENGTH = 64;

    UserState state;
    long gatewayId;
    long instanceId;
    long checkInTime;
    final byte[] name = new byte[MAX_NAME_LENGTH];
    int nameLength;
    /** What the name index filed the name under, so removal need not read the name. */
    int nameHash;

    User(final int slot)
    {
        super(slot);
    }

    public long id()
    {
        return id;
    }

    public UserState state()
    {
        return state;
    }

    /**
     * @return the gateway the user is attached to, 0 when detached.
     */
    public long gatewayId()
    {
        return gatewayId;
    }

    /**
     * @return the instance the user is seated in, 0 when in the lobby.
     */
    public long instanceId()
    {
        return instanceId;
    }

    public long checkInTime()
    {
        return checkInTime;
    }

    public byte[] nameBytes()
    {
        return name;
    }

    public int nameLength()
    {
        return nameLength;
    }

    /**
     * @return the name as a String; allocates, for tools and tests.
     */
    public String name()
    {
        return new String(name, 0, nameLength, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
