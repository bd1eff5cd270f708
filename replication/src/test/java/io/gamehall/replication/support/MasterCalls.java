package io.gamehall.replication.support;

import io.gamehall.master.support.CommandText;
import io.gamehall.master.text.MessageText;
import io.gamehall.replication.client.PendingRequests;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.TimeUnit;

/**
 * Blocking calls to the master for tests: a command as text in, the response as text out.
 */
public final class MasterCalls
{
    private final PendingRequests requests;
    private final CommandText commandText = new CommandText();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1024);

    public MasterCalls(final PendingRequests requests)
    {
        this.requests = requests;
    }

    /**
     * @param command a command as text (see {@code CommandText}); clientId and requestId are set by the client.
     * @return the rendered response.
     */
    public synchronized String call(final String command)
    {
        final int length = commandText.encode(command, buffer, 0);
        try
        {
            final byte[] response = requests.submit(buffer, 0, length).get(20, TimeUnit.SECONDS);
            return MessageText.render(new UnsafeBuffer(response), 0, response.length);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("call failed: " + command, ex);
        }
    }

    /**
     * @return the value of a numeric field in a rendered response.
     */
    public static long field(final String response, final String name)
    {
        final int at = response.indexOf(name + "=") + name.length() + 1;
        final int end = response.indexOf(' ', at);
        return Long.parseLong(end < 0 ? response.substring(at) : response.substring(at, end));
    }

    /**
     * @return the subjectId of an OK CommandResult, failing otherwise.
     */
    public long ok(final String command)
    {
        final String response = call(command);
        if (!response.contains("code=OK"))
        {
            throw new AssertionError(command + " answered " + response);
        }
        final int at = response.indexOf("subjectId=") + "subjectId=".length();
        final int end = response.indexOf(' ', at);
        return Long.parseLong(end < 0 ? response.substring(at) : response.substring(at, end));
    }
}
