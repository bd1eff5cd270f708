package io.gamehall.matchmaker.service;

/**
 * Where a matchmaker tells a gateway that a ticket it holds ended: each ticket ends exactly once.
 * A gateway names a ticket by the user who asked for it (a user has at most one open ticket).
 */
@FunctionalInterface
public interface GatewayPort
{
    /**
     * @param gatewayId  the gateway that submitted the ticket.
     * @param userId     who asked for it (the party's leader).
     * @param end        how it ended.
     * @param instanceId the instance the players were seated in when matched, else 0.
     */
    void ticketEnded(long gatewayId, long userId, TicketEnd end, long instanceId);
}
