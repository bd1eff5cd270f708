package io.gamehall.launcher;

/**
 * The secrets of a gamehall deployment: what each protects, where it comes from (a file
 * option, an environment variable, or an option on the command line) and its public
 * development value, which only {@code gamehall local} and {@code --dev} use.
 */
enum SecretKind
{
    GATEWAY("gateway secret", "--gateway-secret", "GAMEHALL_GATEWAY_SECRET", DevSecrets.GATEWAY,
        "admits session gateways to the master (gamehall master and gateway)"),
    HOST("host secret", "--host-secret", "GAMEHALL_HOST_SECRET", DevSecrets.HOST,
        "admits game hosts to the master (gamehall master and host)"),
    ADMIN("admin secret", "--admin-secret", "GAMEHALL_ADMIN_SECRET", DevSecrets.ADMIN,
        "admits operators' tools to the master (gamehall master and admin)"),
    TOKEN("token secret", "--token-secret", "GAMEHALL_TOKEN_SECRET", DevSecrets.TOKEN,
        "signs the session tokens players resume with, the same on every gateway"),
    PREVIOUS_TOKEN("previous token secret", "--previous-token-secret", "GAMEHALL_PREVIOUS_TOKEN_SECRET", null,
        "verifies the session tokens signed before a token secret rotation (never signs), on every gateway"),
    LINK("link secret", "--link-secret", "GAMEHALL_LINK_SECRET", DevSecrets.LINK,
        "signs the hellos of gateways to game hosts, the same on every gateway and host"),
    ARCHIVE("archive secret", "--archive-secret", "GAMEHALL_ARCHIVE_SECRET", DevSecrets.ARCHIVE,
        "admits clients to a master node's archive (replay, truncate, purge the cluster log), the same on every " +
            "member");

    private final String what;
    private final String option;
    private final String environmentVariable;
    private final String devValue;
    private final String protects;

    SecretKind(
        final String what, final String option, final String environmentVariable, final String devValue,
        final String protects)
    {
        this.what = what;
        this.option = option;
        this.environmentVariable = environmentVariable;
        this.devValue = devValue;
        this.protects = protects;
    }

    /** @return e.g. "gateway secret". */
    String what()
    {
        return what;
    }

    /** @return e.g. "--gateway-secret". */
    String option()
    {
        return option;
    }

    /** @return e.g. "--gateway-secret-file". */
    String fileOption()
    {
        return option + "-file";
    }

    /** @return e.g. "GAMEHALL_GATEWAY_SECRET". */
    String environmentVariable()
    {
        return environmentVariable;
    }

    /** @return the public development value; null for a secret that is only ever optional. */
    String devValue()
    {
        return devValue;
    }

    /** @return what the secret protects, for help and messages. */
    String protects()
    {
        return protects;
    }
}
