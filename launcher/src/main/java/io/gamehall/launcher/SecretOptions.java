package io.gamehall.launcher;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.File;

/**
 * The options of each secret, as picocli mixins: {@code --X-secret VALUE} and
 * {@code --X-secret-file FILE}, resolved by {@link SecretResolver} (which also reads
 * {@code GAMEHALL_X_SECRET}). One mixin per secret, so that every command that needs it
 * spells it alike.
 */
final class SecretOptions
{
    private SecretOptions()
    {
    }

    /** The option pair of one secret. */
    abstract static class Pair
    {
        @Spec(Spec.Target.MIXEE)
        CommandSpec mixee;

        abstract SecretKind kind();

        abstract String value();

        abstract File file();

        /**
         * @return the secret, or null when not required and not given.
         * @throws IllegalArgumentException when it is missing or will not do.
         */
        String resolve(final SecretResolver resolver, final boolean required)
        {
            final boolean onCommandLine = value() != null && mixee != null &&
                mixee.commandLine().getParseResult() != null &&
                mixee.commandLine().getParseResult().hasMatchedOption(kind().option());
            return resolver.resolve(kind(), value(), onCommandLine, file(), required);
        }
    }

    /** {@code --gateway-secret}, {@code --gateway-secret-file}. */
    static final class Gateway extends Pair
    {
        @Option(names = "--gateway-secret", paramLabel = "SECRET", description = "The gateway secret: admits gateways " +
            "to the master. Prefer --gateway-secret-file or env GAMEHALL_GATEWAY_SECRET: a value here shows in ps.")
        String value;

        @Option(names = "--gateway-secret-file", paramLabel = "FILE",
            description = "File holding the gateway secret (mode 600).")
        File file;

        SecretKind kind()
        {
            return SecretKind.GATEWAY;
        }

        String value()
        {
            return value;
        }

        File file()
        {
            return file;
        }
    }

    /** {@code --host-secret}, {@code --host-secret-file}. */
    static final class Host extends Pair
    {
        @Option(names = "--host-secret", paramLabel = "SECRET", description = "The host secret: admits game hosts " +
            "to the master. Prefer --host-secret-file or env GAMEHALL_HOST_SECRET: a value here shows in ps.")
        String value;

        @Option(names = "--host-secret-file", paramLabel = "FILE",
            description = "File holding the host secret (mode 600).")
        File file;

        SecretKind kind()
        {
            return SecretKind.HOST;
        }

        String value()
        {
            return value;
        }

        File file()
        {
            return file;
        }
    }

    /** {@code --admin-secret}, {@code --admin-secret-file}. */
    static final class Admin extends Pair
    {
        @Option(names = "--admin-secret", paramLabel = "SECRET", description = "The admin secret: admits operators' " +
            "tools to the master. Prefer --admin-secret-file or env GAMEHALL_ADMIN_SECRET: a value here shows in ps.")
        String value;

        @Option(names = "--admin-secret-file", paramLabel = "FILE",
            description = "File holding the admin secret (mode 600).")
        File file;

        SecretKind kind()
        {
            return SecretKind.ADMIN;
        }

        String value()
        {
            return value;
        }

        File file()
        {
            return file;
        }
    }

    /** {@code --previous-token-secret}, {@code --previous-token-secret-file}. */
    static final class PreviousToken extends Pair
    {
        @Option(names = "--previous-token-secret", paramLabel = "SECRET", description = "The token secret before a " +
            "rotation: its tokens still resume, renewed under the token secret. Prefer --previous-token-secret-file " +
            "or env GAMEHALL_PREVIOUS_TOKEN_SECRET: a value here shows in ps.")
        String value;

        @Option(names = "--previous-token-secret-file", paramLabel = "FILE",
            description = "File holding the previous token secret (mode 600).")
        File file;

        SecretKind kind()
        {
            return SecretKind.PREVIOUS_TOKEN;
        }

        String value()
        {
            return value;
        }

        File file()
        {
            return file;
        }
    }

    /** {@code --token-secret}, {@code --token-secret-file}. */
    static final class Token extends Pair
    {
        @Option(names = "--token-secret", paramLabel = "SECRET", description = "The token secret: signs session " +
            "tokens, the same on every gateway. Prefer --token-secret-file or env GAMEHALL_TOKEN_SECRET: a value " +
            "here shows in ps.")
        String value;

        @Option(names = "--token-secret-file", paramLabel = "FILE",
            description = "File holding the token secret (mode 600).")
        File file;

        SecretKind kind()
        {
            return SecretKind.TOKEN;
        }

        String value()
        {
            return value;
        }

        File file()
        {
            return file;
        }
    }

    /** {@code --link-secret}, {@code --link-secret-file}. */
    static final class Link extends Pair
    {
        @Option(names = "--link-secret", paramLabel = "SECRET", description = "The link secret: gateways sign their " +
            "hellos to game hosts with it, the same on every gateway and host. Prefer --link-secret-file or env " +
            "GAMEHALL_LINK_SECRET: a value here shows in ps.")
        String value;

        @Option(names = "--link-secret-file", paramLabel = "FILE",
            description = "File holding the link secret (mode 600).")
        File file;

        SecretKind kind()
        {
            return SecretKind.LINK;
        }

        String value()
        {
            return value;
        }

        File file()
        {
            return file;
        }
    }

    /** {@code --archive-secret}, {@code --archive-secret-file}. */
    static final class Archive extends Pair
    {
        @Option(names = "--archive-secret", paramLabel = "SECRET", description = "The archive secret: admits clients " +
            "to this node's archive control port, the same on every member; required with more than one member (a " +
            "single node makes a random one). Prefer --archive-secret-file or env GAMEHALL_ARCHIVE_SECRET: a value " +
            "here shows in ps.")
        String value;

        @Option(names = "--archive-secret-file", paramLabel = "FILE",
            description = "File holding the archive secret (mode 600).")
        File file;

        SecretKind kind()
        {
            return SecretKind.ARCHIVE;
        }

        String value()
        {
            return value;
        }

        File file()
        {
            return file;
        }
    }
}
