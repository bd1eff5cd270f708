package io.gamehall.launcher;

/**
 * The public development secrets: {@code gamehall local} runs with them, and so do
 * {@code gamehall master|gateway|host|admin --dev} (which then listen and connect on loopback
 * only). Every other start refuses them ({@link SecretResolver}).
 */
final class DevSecrets
{
    static final String GATEWAY = "dev-gateway";
    static final String HOST = "dev-host";
    static final String ADMIN = "dev-admin";
    /** HMAC secret of session tokens (a gateway wants 16+ characters). */
    static final String TOKEN = "dev-token-secret-not-for-production";
    static final String LINK = "dev-link-secret-not-for-production";
    static final String ARCHIVE = "dev-archive-secret-not-for-production";

    private DevSecrets()
    {
    }
}
