package io.gamehall.replication;

import java.nio.charset.StandardCharsets;

/**
 * Who a cluster client is, decided by the authenticator from its credentials and carried in
 * the session's principal ({@link SessionPrincipal}). What each role may send is decided by
 * {@link CommandAuthorizer}; only {@link #ADMIN} may ask for a snapshot.
 */
public enum ClientRole
{
    /** A session gateway. */
    GATEWAY,
    /** A game host. */
    HOST,
    /** An operator tool. */
    ADMIN,
    /** A matchmaker server: registers as a MATCHMAKER and seats the matches it forms. */
    MATCHMAKER;

    /**
     * @param encodedPrincipal a session's principal.
     * @return the role, or null when the principal names none.
     */
    public static ClientRole of(final byte[] encodedPrincipal)
    {
        final SessionPrincipal principal = SessionPrincipal.decode(encodedPrincipal);
        return principal == null ? null : principal.role();
    }

    /**
     * @param name a role's {@link #name()}, as principals carry it.
     * @return the role, or null.
     */
    static ClientRole ofName(final String name)
    {
        for (final ClientRole role : values())
        {
            if (role.name().equals(name))
            {
                return role;
            }
        }
        return null;
    }

    /**
     * @param label a role's {@link #label()}, as credentials carry it.
     * @return the role, or null.
     */
    static ClientRole ofLabel(final String label)
    {
        for (final ClientRole role : values())
        {
            if (role.label().equals(label))
            {
                return role;
            }
        }
        return null;
    }

    /**
     * @return the role name as written in credentials and configuration: gateway, host, admin, matchmaker.
     */
    public String label()
    {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Credentials a client presents: {@code role:clientId:secret} in UTF-8. The client id is
     * bound to the session: the master refuses commands that carry another.
     *
     * @param clientId the client's id, positive.
     * @param secret   the shared secret for the role.
     * @return the encoded credentials.
     */
    public byte[] credentials(final long clientId, final String secret)
    {
        if (clientId <= 0)
        {
            throw new IllegalArgumentException("client id must be positive: " + clientId);
        }
        return (label() + ":" + clientId + ":" + secret).getBytes(StandardCharsets.UTF_8);
    }
}
