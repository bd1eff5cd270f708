package io.gamehall.matchmaker.service;

/**
 * How a ticket ended. Exactly one of these is told for every ticket a matchmaker accepted.
 */
public enum TicketEnd
{
    /** Its players were seated in an instance. */
    MATCHED,
    /** Its gateway cancelled it. */
    CANCELLED,
    /** It waited its queue's longest wait without a match. */
    EXPIRED,
    /** A match was found but one of its players was no longer free (logged out, or seated elsewhere). */
    PLAYER_UNAVAILABLE,
    /** A match was found but the master could not seat it (no host with room, a full directory). */
    NOT_SEATED,
    /** The partition could not take it back after a match of others fell through (it is full). */
    DROPPED
}
