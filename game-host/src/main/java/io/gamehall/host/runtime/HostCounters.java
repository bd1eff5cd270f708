package io.gamehall.host.runtime;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a host has done so far, for status lines, tests and benchmarks. Updated from several
 * threads; read at any time.
 */
public final class HostCounters
{
    final AtomicLong playerMessages = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong errorsSent = new AtomicLong();
    final AtomicLong eventsSent = new AtomicLong();
    final AtomicLong sendsDropped = new AtomicLong();
    final AtomicLong malformedDropped = new AtomicLong();
    final AtomicLong hellosRefused = new AtomicLong();
    final AtomicLong unverifiedDropped = new AtomicLong();
    final AtomicLong wrongGatewayRefused = new AtomicLong();
    final AtomicLong backupsWritten = new AtomicLong();
    final AtomicLong backupFailures = new AtomicLong();
    final AtomicLong instancesStarted = new AtomicLong();
    final AtomicLong instancesRestored = new AtomicLong();
    final AtomicLong instancesEnded = new AtomicLong();
    final AtomicLong instancesFailed = new AtomicLong();
    final AtomicLong gamesRecorded = new AtomicLong();
    final AtomicLong historyFailures = new AtomicLong();

    /** @return player messages taken off the wire. */
    public long playerMessages()
    {
        return playerMessages.get();
    }

    /** @return player messages the game refused. */
    public long rejected()
    {
        return rejected.get();
    }

    /** @return errors sent to players (refusals, unknown instance, malformed...). */
    public long errorsSent()
    {
        return errorsSent.get();
    }

    /** @return game events published to gateways. */
    public long eventsSent()
    {
        return eventsSent.get();
    }

    /** @return messages to gateways dropped (gateway gone or stuck). */
    public long sendsDropped()
    {
        return sendsDropped.get();
    }

    /** @return fragments from gateways that could not be decoded at all. */
    public long malformedDropped()
    {
        return malformedDropped.get();
    }

    /** @return gateway hellos ignored: unsigned, a signature that does not verify, a channel refused, no room. */
    public long hellosRefused()
    {
        return hellosRefused.get();
    }

    /** @return player messages and syncs dropped: not on a verified link, or in the name of another gateway. */
    public long unverifiedDropped()
    {
        return unverifiedDropped.get();
    }

    /** @return player messages and syncs refused for a user the master did not seat through the sending gateway. */
    public long wrongGatewayRefused()
    {
        return wrongGatewayRefused.get();
    }

    /** @return backups the store confirmed. */
    public long backupsWritten()
    {
        return backupsWritten.get();
    }

    /** @return backup attempts that failed (and were retried). */
    public long backupFailures()
    {
        return backupFailures.get();
    }

    /** @return instances spawned here. */
    public long instancesStarted()
    {
        return instancesStarted.get();
    }

    /** @return instances resumed here from a backup. */
    public long instancesRestored()
    {
        return instancesRestored.get();
    }

    /** @return instances that finished normally. */
    public long instancesEnded()
    {
        return instancesEnded.get();
    }

    /** @return instances ended by an error in the game logic. */
    public long instancesFailed()
    {
        return instancesFailed.get();
    }

    /** @return finished games written to history. */
    public long gamesRecorded()
    {
        return gamesRecorded.get();
    }

    /** @return finished games whose history could not be written. */
    public long historyFailures()
    {
        return historyFailures.get();
    }

    @Override
    public String toString()
    {
        return "messages=" + playerMessages + " rejected=" + rejected + " events=" + eventsSent +
            " dropped=" + sendsDropped + " hellosRefused=" + hellosRefused + " unverified=" + unverifiedDropped +
            " wrongGateway=" + wrongGatewayRefused + " backups=" + backupsWritten + " backupFailures=" + backupFailures +
            " started=" + instancesStarted + " restored=" + instancesRestored + " ended=" + instancesEnded +
            " failed=" + instancesFailed + " recorded=" + gamesRecorded;
    }
}
