package io.gamehall.replication;

import java.nio.charset.StandardCharsets;

/**
 * Who a cluster client is, decided by the authenticator from its credentials and carried as
 * the session's principal. Only {@link #ADMIN} may drain or deregister servers or ask for a
 * snapshot.
 */
public enum ClientRole
{
    /** A session gateway. */
    GATEWAY,
    /** A game host. */
    HOST,
    /** An operator tool. */
    ADMIN;

    private final byte[] principal = name().getBytes(StandardCharsets.US_ASCII);

    /**
     * @return the encoded principal the authenticator gives a session of this role.
     */
    public byte[] principal()
    {
        return principal.clone();
    }

    /**
     * @param encodedPrincipal a session's principal.
     * @return the role, or null when the principal names none.
     */
    public static ClientRole of(final byte[] encodedPrincipal)
    {
        if (encodedPrincipal == null)
        {
            return null;
        }
        for (final ClientRole role : values())
        {
            if (java.util.Arrays.equals(role.principal, encodedPrincipal))
            {
                return role;
            }
        }
        return null;
    }

    /**
     * @return the role name as written in credentials and configuration: gateway, host, admin.
     */
    public String label()
    {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Credentials a client presents: {@code role:secret} in UTF-8.
     *
     * @param secret the shared secret for the role.
     * @return the encoded credentials.
     */
    public byte[] credentials(final String secret)
    {
        return (label() + ":" + secret).getBytes(StandardCharsets.UTF_8);
    }
}
