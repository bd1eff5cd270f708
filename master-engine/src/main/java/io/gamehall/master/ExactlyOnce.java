package io.gamehall.master;

import io.gamehall.sbe.master.ResultCode;

/**
 * Exactly-once for state-changing commands: {@link #begin} lets a command through only when it
 * is new, answering a retry from the {@link ClientTable} instead; {@link #complete} remembers the
 * outcome of the command begun and answers it. A command refused by {@code begin} (bad ids, a
 * full table, a retry too old to answer) is answered without being remembered.
 * <p>
 * It holds the command between {@code begin} and {@code complete}, which therefore always come
 * in pairs within one command and on the engine's one thread.
 */
final class ExactlyOnce
{
    private final ClientTable clients;
    private final EgressPublisher egress;

    private int command;
    private long clientId;
    private long requestId;
    private long now;
    private ClientTable.Client client;

    /**
     * @param clients the exactly-once memory.
     * @param egress  where answers go.
     */
    ExactlyOnce(final ClientTable clients, final EgressPublisher egress)
    {
        this.clients = clients;
        this.egress = egress;
    }

    /**
     * Start a state-changing command: check its ids and answer a retry from memory.
     *
     * @param command   template id of the command.
     * @param clientId  client id it carries.
     * @param requestId request id it carries.
     * @param now       cluster time of the command.
     * @return true when the command is new and should be applied; then {@link #complete} must follow.
     */
    boolean begin(final int command, final long clientId, final long requestId, final long now)
    {
        this.command = command;
        this.clientId = clientId;
        this.requestId = requestId;
        this.now = now;
        if (clientId <= 0 || requestId <= 0)
        {
            reject(ResultCode.INVALID_VALUE);
            return false;
        }
        client = clients.get(clientId);
        if (client == null && !clients.hasRoom(now))
        {
            reject(ResultCode.CLIENT_TABLE_FULL);
            return false;
        }
        if (client != null && requestId <= client.highestRequestId)
        {
            final int index = clients.find(client, requestId);
            if (index < 0)
            {
                reject(ResultCode.REQUEST_TOO_OLD);
            }
            else
            {
                egress.commandResult(
                    clientId,
                    requestId,
                    client.commands[index],
                    ResultCode.get(client.codes[index]),
                    client.subjectIds[index],
                    client.detailIds[index]);
            }
            return false;
        }
        return true;
    }

    /**
     * Finish the command begun: remember its outcome and answer.
     *
     * @param code      outcome.
     * @param subjectId the id it created or changed, or 0.
     * @param detailId  a related id, or 0.
     */
    void complete(final ResultCode code, final long subjectId, final long detailId)
    {
        final ClientTable.Client used = clients.use(client, clientId, now);
        clients.record(used, requestId, command, code.value(), subjectId, detailId);
        egress.commandResult(clientId, requestId, command, code, subjectId, detailId);
    }

    /**
     * Finish the command begun with an outcome that names no ids.
     *
     * @param code outcome.
     */
    void complete(final ResultCode code)
    {
        complete(code, 0, 0);
    }

    private void reject(final ResultCode code)
    {
        egress.commandResult(clientId, requestId, command, code, 0, 0);
    }
}
