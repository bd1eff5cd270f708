package io.gamehall.launcher;

/**
 * Secrets the launcher uses when none are configured, so that the embedded single-node
 * default runs with no set-up. Printed as a warning at start; never for production.
 */
final class DevSecrets
{
    static final String GATEWAY = "dev-gateway";
    static final String HOST = "dev-host";
    static final String ADMIN = "dev-admin";
    /** HMAC secret of session tokens (a gateway wants 16+ characters). */
    static final String TOKEN = "dev-token-secret-not-for-production";

    private DevSecrets()
    {
    }
}
