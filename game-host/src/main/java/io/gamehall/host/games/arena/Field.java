package io.gamehall.host.games.arena;

import io.gamehall.games.protocol.ArenaProtocol;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The arena's world, free of any host code: fighters and projectiles on a square field with
 * integer coordinates, advanced one fixed step at a time. Deterministic: the same steering in
 * the same order always gives the same world.
 * <p>
 * A fighter moves {@link #FIGHTER_SPEED} per step in its steering direction and stays on the
 * field. While it holds fire it shoots every {@link #FIRE_COOLDOWN} steps in the direction it
 * last moved (at first towards the middle of the field). A projectile flies
 * {@link #PROJECTILE_SPEED} per step until it leaves the field or comes within
 * {@link #HIT_RADIUS} (on both axes) of a fighter in play other than its shooter; a hit takes
 * {@link #DAMAGE} health, and a fighter at 0 health is out.
 */
final class Field
{
    static final int SIZE = 1000;
    static final int MAX_FIGHTERS = 16;
    static final int FIGHTER_SPEED = 10;
    static final int PROJECTILE_SPEED = 30;
    static final int HIT_RADIUS = 20;
    static final int MAX_HEALTH = 100;
    static final int DAMAGE = 20;
    static final int FIRE_COOLDOWN = 10;
    static final int MAX_PROJECTILES = 128;

    static final int IN_PLAY = ArenaProtocol.STATUS_IN_PLAY;
    static final int OUT = ArenaProtocol.STATUS_OUT;
    static final int LEFT = ArenaProtocol.STATUS_LEFT;

    /** Bytes of one fighter and one projectile in {@link #save}. */
    static final int FIGHTER_BYTES = 18;
    static final int PROJECTILE_BYTES = 7;

    private static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    private static final int SPAWN_GRID = 4;
    private static final int SPAWN_SPACING = SIZE / SPAWN_GRID;

    /**
     * What a step did that is worth remembering.
     */
    interface Listener
    {
        void onHit(int shooter, int target, int healthLeft);

        void onOut(int target, int shooter);
    }

    private int fighters;
    private final int[] x = new int[MAX_FIGHTERS];
    private final int[] y = new int[MAX_FIGHTERS];
    private final int[] dx = new int[MAX_FIGHTERS];
    private final int[] dy = new int[MAX_FIGHTERS];
    private final int[] faceX = new int[MAX_FIGHTERS];
    private final int[] faceY = new int[MAX_FIGHTERS];
    private final boolean[] firing = new boolean[MAX_FIGHTERS];
    private final int[] health = new int[MAX_FIGHTERS];
    private final int[] cooldown = new int[MAX_FIGHTERS];
    private final int[] hits = new int[MAX_FIGHTERS];
    private final int[] status = new int[MAX_FIGHTERS];
    private final int[] outStep = new int[MAX_FIGHTERS];

    private int projectiles;
    private final int[] projectileX = new int[MAX_PROJECTILES];
    private final int[] projectileY = new int[MAX_PROJECTILES];
    private final int[] projectileDx = new int[MAX_PROJECTILES];
    private final int[] projectileDy = new int[MAX_PROJECTILES];
    private final int[] projectileShooter = new int[MAX_PROJECTILES];

    /**
     * Put a new fighter at its slot's spawn point (a 4 x 4 grid), at full health, facing the
     * middle across the field.
     *
     * @return its slot; there must be fewer than {@link #MAX_FIGHTERS}.
     */
    int addFighter()
    {
        final int slot = fighters++;
        x[slot] = SPAWN_SPACING / 2 + (slot % SPAWN_GRID) * SPAWN_SPACING;
        y[slot] = SPAWN_SPACING / 2 + (slot / SPAWN_GRID) * SPAWN_SPACING;
        faceX[slot] = x[slot] < SIZE / 2 ? 1 : -1;
        health[slot] = MAX_HEALTH;
        status[slot] = IN_PLAY;
        return slot;
    }

    void steer(final int slot, final int stepX, final int stepY, final boolean fire)
    {
        dx[slot] = stepX;
        dy[slot] = stepY;
        firing[slot] = fire;
    }

    void leave(final int slot)
    {
        status[slot] = LEFT;
    }

    /**
     * Move every fighter, fire, move every projectile and apply its hit.
     *
     * @param step the number of this step, remembered as the time a fighter went out.
     */
    void step(final int step, final Listener listener)
    {
        for (int slot = 0; slot < fighters; slot++)
        {
            if (status[slot] == IN_PLAY)
            {
                moveFighter(slot);
            }
        }
        for (int slot = 0; slot < fighters; slot++)
        {
            if (cooldown[slot] > 0)
            {
                cooldown[slot]--;
            }
            if (status[slot] == IN_PLAY && firing[slot] && cooldown[slot] == 0 && projectiles < MAX_PROJECTILES)
            {
                fire(slot);
            }
        }
        int i = 0;
        while (i < projectiles)
        {
            projectileX[i] += projectileDx[i];
            projectileY[i] += projectileDy[i];
            if (isOffField(projectileX[i], projectileY[i]) || hit(i, step, listener))
            {
                removeProjectile(i);
            }
            else
            {
                i++;
            }
        }
    }

    int fighters()
    {
        return fighters;
    }

    int inPlay()
    {
        int count = 0;
        for (int slot = 0; slot < fighters; slot++)
        {
            if (status[slot] == IN_PLAY)
            {
                count++;
            }
        }
        return count;
    }

    int x(final int slot)
    {
        return x[slot];
    }

    int y(final int slot)
    {
        return y[slot];
    }

    int health(final int slot)
    {
        return health[slot];
    }

    int hits(final int slot)
    {
        return hits[slot];
    }

    int status(final int slot)
    {
        return status[slot];
    }

    int outStep(final int slot)
    {
        return outStep[slot];
    }

    int projectiles()
    {
        return projectiles;
    }

    int projectileX(final int index)
    {
        return projectileX[index];
    }

    int projectileY(final int index)
    {
        return projectileY[index];
    }

    /**
     * @return the offset after what was written: a fighter count, the fighters, a projectile
     *         count, the projectiles.
     */
    int save(final MutableDirectBuffer buffer, final int offset)
    {
        int at = offset;
        buffer.putByte(at++, (byte)fighters);
        for (int slot = 0; slot < fighters; slot++)
        {
            buffer.putShort(at, (short)x[slot], ORDER);
            buffer.putShort(at + 2, (short)y[slot], ORDER);
            buffer.putByte(at + 4, (byte)dx[slot]);
            buffer.putByte(at + 5, (byte)dy[slot]);
            buffer.putByte(at + 6, (byte)faceX[slot]);
            buffer.putByte(at + 7, (byte)faceY[slot]);
            buffer.putByte(at + 8, (byte)(firing[slot] ? 1 : 0));
            buffer.putByte(at + 9, (byte)health[slot]);
            buffer.putByte(at + 10, (byte)cooldown[slot]);
            buffer.putShort(at + 11, (short)hits[slot], ORDER);
            buffer.putByte(at + 13, (byte)status[slot]);
            buffer.putInt(at + 14, outStep[slot], ORDER);
            at += FIGHTER_BYTES;
        }
        buffer.putByte(at++, (byte)projectiles);
        for (int i = 0; i < projectiles; i++)
        {
            buffer.putShort(at, (short)projectileX[i], ORDER);
            buffer.putShort(at + 2, (short)projectileY[i], ORDER);
            buffer.putByte(at + 4, (byte)projectileDx[i]);
            buffer.putByte(at + 5, (byte)projectileDy[i]);
            buffer.putByte(at + 6, (byte)projectileShooter[i]);
            at += PROJECTILE_BYTES;
        }
        return at;
    }

    /**
     * Replace the world with one written by {@link #save}.
     *
     * @return the offset after what was read.
     * @throws IllegalArgumentException for counts or values the field cannot hold.
     */
    int load(final DirectBuffer buffer, final int offset)
    {
        int at = offset;
        fighters = checked("fighters", buffer.getByte(at++) & 0xFF, 0, MAX_FIGHTERS);
        for (int slot = 0; slot < fighters; slot++)
        {
            x[slot] = checked("x", buffer.getShort(at, ORDER), 0, SIZE);
            y[slot] = checked("y", buffer.getShort(at + 2, ORDER), 0, SIZE);
            dx[slot] = checked("dx", buffer.getByte(at + 4), -1, 1);
            dy[slot] = checked("dy", buffer.getByte(at + 5), -1, 1);
            faceX[slot] = checked("faceX", buffer.getByte(at + 6), -1, 1);
            faceY[slot] = checked("faceY", buffer.getByte(at + 7), -1, 1);
            firing[slot] = buffer.getByte(at + 8) != 0;
            health[slot] = checked("health", buffer.getByte(at + 9), 0, MAX_HEALTH);
            cooldown[slot] = checked("cooldown", buffer.getByte(at + 10), 0, FIRE_COOLDOWN);
            hits[slot] = buffer.getShort(at + 11, ORDER) & 0xFFFF;
            status[slot] = checked("status", buffer.getByte(at + 13), IN_PLAY, LEFT);
            outStep[slot] = buffer.getInt(at + 14, ORDER);
            at += FIGHTER_BYTES;
        }
        projectiles = checked("projectiles", buffer.getByte(at++) & 0xFF, 0, MAX_PROJECTILES);
        for (int i = 0; i < projectiles; i++)
        {
            projectileX[i] = buffer.getShort(at, ORDER);
            projectileY[i] = buffer.getShort(at + 2, ORDER);
            projectileDx[i] = buffer.getByte(at + 4);
            projectileDy[i] = buffer.getByte(at + 5);
            projectileShooter[i] = checked("shooter", buffer.getByte(at + 6), 0, fighters - 1);
            at += PROJECTILE_BYTES;
        }
        return at;
    }

    private void moveFighter(final int slot)
    {
        if (dx[slot] != 0 || dy[slot] != 0)
        {
            faceX[slot] = dx[slot];
            faceY[slot] = dy[slot];
        }
        x[slot] = Math.max(0, Math.min(SIZE, x[slot] + dx[slot] * FIGHTER_SPEED));
        y[slot] = Math.max(0, Math.min(SIZE, y[slot] + dy[slot] * FIGHTER_SPEED));
    }

    private void fire(final int slot)
    {
        final int i = projectiles++;
        projectileX[i] = x[slot];
        projectileY[i] = y[slot];
        projectileDx[i] = faceX[slot] * PROJECTILE_SPEED;
        projectileDy[i] = faceY[slot] * PROJECTILE_SPEED;
        projectileShooter[i] = slot;
        cooldown[slot] = FIRE_COOLDOWN;
    }

    private boolean hit(final int projectile, final int step, final Listener listener)
    {
        final int shooter = projectileShooter[projectile];
        for (int target = 0; target < fighters; target++)
        {
            if (target != shooter && status[target] == IN_PLAY &&
                Math.abs(x[target] - projectileX[projectile]) <= HIT_RADIUS &&
                Math.abs(y[target] - projectileY[projectile]) <= HIT_RADIUS)
            {
                health[target] = Math.max(0, health[target] - DAMAGE);
                hits[shooter]++;
                listener.onHit(shooter, target, health[target]);
                if (health[target] == 0)
                {
                    status[target] = OUT;
                    outStep[target] = step;
                    listener.onOut(target, shooter);
                }
                return true;
            }
        }
        return false;
    }

    private void removeProjectile(final int i)
    {
        final int last = --projectiles;
        projectileX[i] = projectileX[last];
        projectileY[i] = projectileY[last];
        projectileDx[i] = projectileDx[last];
        projectileDy[i] = projectileDy[last];
        projectileShooter[i] = projectileShooter[last];
    }

    private static boolean isOffField(final int px, final int py)
    {
        return px < 0 || px > SIZE || py < 0 || py > SIZE;
    }

    private static int checked(final String what, final int value, final int min, final int max)
    {
        if (value < min || value > max)
        {
            throw new IllegalArgumentException("arena backup: " + what + " " + value + " is outside " + min + ".." + max);
        }
        return value;
    }
}
