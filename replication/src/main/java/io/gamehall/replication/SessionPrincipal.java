package io.gamehall.replication;

import java.nio.charset.StandardCharsets;

/**
 * Who a cluster session is: the role its credentials proved and the client id it was admitted
 * with. The authenticator encodes it as the session's principal ({@code ROLE:clientId} in
 * ASCII); the cluster records it in the log with the session's opening, so every node decodes
 * the same principal for the same session.
 * <p>
 * A principal of an older version carries the role alone ({@code ROLE}); it decodes with
 * client id {@link #UNBOUND}, and commands of such a session are not checked against a client id.
 *
 * @param role     the role the session's secret proved.
 * @param clientId the client id the session was admitted with, or {@link #UNBOUND}.
 */
public record SessionPrincipal(ClientRole role, long clientId)
{
    /** Client id of a principal that names none. */
    public static final long UNBOUND = 0;

    /**
     * @return the principal as the authenticator hands it to the cluster.
     */
    public byte[] encode()
    {
        return (role.name() + ':' + clientId).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @param encodedPrincipal a session's principal, as recorded by the cluster.
     * @return the principal, or null when it names no role (a session not admitted by us).
     */
    public static SessionPrincipal decode(final byte[] encodedPrincipal)
    {
        if (encodedPrincipal == null || encodedPrincipal.length == 0 || encodedPrincipal.length > 64)
        {
            return null;
        }
        final String text = new String(encodedPrincipal, StandardCharsets.US_ASCII);
        final int colon = text.indexOf(':');
        final ClientRole role = ClientRole.ofName(colon < 0 ? text : text.substring(0, colon));
        if (role == null)
        {
            return null;
        }
        if (colon < 0)
        {
            return new SessionPrincipal(role, UNBOUND);
        }
        final long clientId = parseClientId(text.substring(colon + 1));
        return clientId <= 0 ? null : new SessionPrincipal(role, clientId);
    }

    /**
     * @param text a client id in decimal.
     * @return the id, or -1 when the text is not a positive decimal that fits a long.
     */
    static long parseClientId(final String text)
    {
        final int length = text.length();
        if (length == 0 || length > 19)
        {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            if (c < '0' || c > '9')
            {
                return -1;
            }
            value = value * 10 + (c - '0');
            if (value < 0)
            {
                return -1;
            }
        }
        return value == 0 ? -1 : value;
    }
}
