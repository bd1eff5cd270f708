package io.gamehall.games.protocol;

/**
 * The arena on the wire: its type id and name, the message and event kinds, the modes, and the
 * byte layout of its input and events, for the game itself and for any client that plays it.
 * All numbers are little-endian; offsets are in bytes. {@code docs/sample-games.md} describes
 * the game and every layout.
 */
public final class ArenaProtocol
{
    /** The game type id. */
    public static final int TYPE_ID = 2;
    /** The game's name. */
    public static final String NAME = "arena";

    /** Player → game: steering; payload dx (int8, -1..1), dy (int8, -1..1), fire (0 or 1). */
    public static final int MSG_INPUT = 1;
    /** Length of an input. */
    public static final int INPUT_LENGTH = 3;
    /** Game → players, every tick: the world. */
    public static final int EVENT_SNAPSHOT = 101;
    /** Game → players: how it ended ({@link #OVER_LENGTH} bytes). */
    public static final int EVENT_GAME_OVER = 102;
    /** Game → players: who plays in which slot (on start, joins, leaves, restore, reconnect). */
    public static final int EVENT_ROSTER = 103;

    /** History: a fighter entered; payload slot. */
    public static final int HISTORY_ENTERED = 1;
    /** History: a hit, by the shooter; payload target slot, target's health left. */
    public static final int HISTORY_HIT = 2;
    /** History: a fighter was knocked out; payload the shooter's slot. */
    public static final int HISTORY_OUT = 3;
    /** History: a fighter in play left; no payload. */
    public static final int HISTORY_LEFT = 4;

    /** Mode 0: 2 minutes. */
    public static final int MODE_STANDARD = 0;
    /** Mode 1: 1 minute. */
    public static final int MODE_SHORT = 1;
    /** Mode 2: 5 minutes. */
    public static final int MODE_LONG = 2;

    /** Game-over reason: one fighter is left in play. */
    public static final int OVER_LAST_STANDING = 1;
    /** Game-over reason: the time limit. */
    public static final int OVER_TIME_LIMIT = 2;
    /** "No slot" in a one-byte slot field. */
    public static final int NONE = 255;

    /** A fighter's status in a snapshot or roster: in play. */
    public static final int STATUS_IN_PLAY = 0;
    /** A fighter's status: knocked out. */
    public static final int STATUS_OUT = 1;
    /** A fighter's status: its player left. */
    public static final int STATUS_LEFT = 2;

    /** Snapshot: {@code tick} i32. */
    public static final int SNAPSHOT_TICK = 0;
    /** Snapshot: {@code ticksLeft} i32. */
    public static final int SNAPSHOT_TICKS_LEFT = 4;
    /** Snapshot: {@code fighters} u8; fighters and projectiles follow in slot order. */
    public static final int SNAPSHOT_FIGHTERS = 8;
    /** A fighter in a snapshot: x u16, y u16, health u8, status u8. */
    public static final int SNAPSHOT_FIGHTER_BYTES = 6;
    /** A projectile in a snapshot (after a u8 count): x u16, y u16. */
    public static final int SNAPSHOT_PROJECTILE_BYTES = 4;

    /** Game-over event: {@code reason} u8. */
    public static final int OVER_REASON = 0;
    /** Game-over event: {@code winner} u8, the slot, {@link #NONE} for a draw. */
    public static final int OVER_WINNER = 1;
    /** Game-over event: {@code tick} i32. */
    public static final int OVER_TICK = 2;
    /** Length of a game-over event. */
    public static final int OVER_LENGTH = 6;

    private ArenaProtocol()
    {
    }
}
