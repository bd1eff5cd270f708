package io.gamehall.host.runtime;

import io.gamehall.host.api.GameLogic;
import io.gamehall.host.api.GameResult;
import io.gamehall.host.api.InstanceSettings;
import io.gamehall.store.GameEvent;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.ExpandableRingBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongArrayList;

import java.util.ArrayList;
import java.util.List;

/**
 * One game instance on a runner: the actor's state. Touched only by its runner's thread.
 */
final class Instance
{
    enum Phase
    {
        /** Waiting for its backup to be read (restore). */
        LOADING,
        /** Playing. */
        ACTIVE,
        /** Over: history, profiles and the master are being told; takes no input. */
        FINISHING
    }

    final long id;
    final InstanceSettings settings;
    final GameLogic logic;
    final LongArrayList players = new LongArrayList();
    final LongArrayList playerGateways = new LongArrayList();
    final Long2LongHashMap timers = new Long2LongHashMap(Long.MIN_VALUE);
    final List<GameEvent> history = new ArrayList<>();

    Phase phase;
    long startTimeMs;

    /** Highest backup version handed to the store. */
    long issuedVersion;
    /** Highest backup version the store confirmed. */
    long writtenVersion;
    /** Output is held until this version is written; 0 when nothing is held. */
    long holdUntilVersion;
    /** A checkpoint was asked for while a backup was in flight. */
    boolean checkpointPending;
    /** A backup retry timer is set. */
    long retryTimerId = Long.MIN_VALUE;
    int backupFailures;

    /** Messages held back until {@link #holdUntilVersion} is written: records of [gatewayId][length][bytes]. */
    ExpandableArrayBuffer held;
    int heldLength;

    /** Input that arrived while the instance was loading or holding, applied in order afterwards. */
    ExpandableRingBuffer deferred;

    GameResult result;

    Instance(final long id, final InstanceSettings settings, final GameLogic logic)
    {
        this.id = id;
        this.settings = settings;
        this.logic = logic;
    }

    boolean isHolding()
    {
        return holdUntilVersion != 0;
    }

    boolean mustDefer()
    {
        return phase == Phase.LOADING || holdUntilVersion != 0 || (deferred != null && !deferred.isEmpty());
    }

    int seatOf(final long userId)
    {
        return players.indexOf(userId);
    }

    void seat(final long userId, final long gatewayId)
    {
        final int seat = players.indexOf(userId);
        if (seat >= 0)
        {
            playerGateways.setLong(seat, gatewayId);
        }
        else
        {
            players.addLong(userId);
            playerGateways.addLong(gatewayId);
        }
    }

    boolean unseat(final long userId)
    {
        final int seat = players.indexOf(userId);
        if (seat < 0)
        {
            return false;
        }
        players.remove(seat);
        playerGateways.remove(seat);
        return true;
    }

    boolean backupInFlight()
    {
        return issuedVersion > writtenVersion;
    }
}
