package io.gamehall.launcher;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Where each secret of a command comes from and whether it will do: the one place every command
 * resolves its secrets. A secret comes from, in this order, its file option
 * ({@code --gateway-secret-file FILE}: the file's bytes, trailing line breaks removed), its
 * option ({@code --gateway-secret VALUE}, on the command line, where {@code ps} shows it to
 * every local user: it works, with a warning; or from a {@code --config} file), or its
 * environment variable ({@code GAMEHALL_GATEWAY_SECRET}); the file and the option together are
 * refused. A secret file that group or others may read gets a warning.
 * <p>
 * Outside development mode a secret must be at least {@link #MIN_BYTES} bytes (UTF-8) with at
 * least {@link #MIN_DISTINCT_BYTES} distinct byte values (a cheap guard against "aaaa…" and
 * "password12…", not a proof of randomness: {@code gamehall secret} makes a proper one), must
 * not be one of the public development values, and the secrets of one process must differ
 * from each other (a gateway secret that is also the host secret would let a gateway register
 * as a host). A missing required secret is refused with the names of the option, file option
 * and variable. In development mode ({@code gamehall local}, {@code --dev}) a missing secret is
 * the development value and nothing is checked. Messages never contain a secret.
 */
final class SecretResolver
{
    /** Shortest secret taken outside development mode. */
    static final int MIN_BYTES = 32;
    /** Fewest distinct byte values a secret must have outside development mode. */
    static final int MIN_DISTINCT_BYTES = 10;
    /** Largest secret file read. */
    static final int MAX_FILE_BYTES = 64 * 1024;

    private static final Set<PosixFilePermission> OTHERS = Set.of(
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final Function<String, String> environment;
    private final PrintWriter err;
    private final boolean dev;
    private final Map<SecretKind, String> resolved = new EnumMap<>(SecretKind.class);

    /**
     * @param environment reads an environment variable ({@code System::getenv}).
     * @param err         where warnings go.
     * @param dev         development mode: missing secrets are the development values, nothing is checked.
     */
    SecretResolver(final Function<String, String> environment, final PrintWriter err, final boolean dev)
    {
        this.environment = environment;
        this.err = err;
        this.dev = dev;
    }

    /**
     * @param kind          which secret.
     * @param option        the option's value (command line or {@code --config} file), or null.
     * @param onCommandLine whether that value was typed on the command line.
     * @param file          the file option's value, or null.
     * @param required      whether the command cannot run without it.
     * @return the secret, or null when it is not required and none was given.
     * @throws IllegalArgumentException saying what is wrong and how to put it right.
     */
    String resolve(
        final SecretKind kind, final String option, final boolean onCommandLine, final File file, final boolean required)
    {
        final boolean hasOption = option != null && !option.isEmpty();
        if (hasOption && file != null)
        {
            throw new IllegalArgumentException("give " + kind.option() + " or " + kind.fileOption() + ", not both");
        }
        final String value;
        final String source;
        if (file != null)
        {
            value = read(kind, file);
            source = kind.fileOption() + " " + file;
        }
        else if (hasOption)
        {
            value = option;
            source = kind.option();
            if (onCommandLine)
            {
                err.println("warning: the " + kind.what() + " was given on the command line, where every local user " +
                    "can read it (ps); use " + kind.fileOption() + " FILE or " + kind.environmentVariable());
            }
        }
        else
        {
            final String fromEnvironment = environment.apply(kind.environmentVariable());
            value = fromEnvironment == null || fromEnvironment.isEmpty() ? null : fromEnvironment;
            source = kind.environmentVariable();
        }
        if (value == null)
        {
            if (dev && kind.devValue() != null)
            {
                return remember(kind, kind.devValue());
            }
            if (required)
            {
                throw new IllegalArgumentException("no " + kind.what() + " configured (it " + kind.protects() + "): " +
                    "give " + kind.fileOption() + " FILE or set " + kind.environmentVariable() + " (" + kind.option() +
                    " works too, but shows in ps); make one with 'gamehall secret'. Development secrets are only " +
                    "for 'gamehall local' and --dev");
            }
            return null;
        }
        if (!dev)
        {
            check(kind, value, source);
        }
        return remember(kind, value);
    }

    /**
     * @return the secrets resolved so far.
     */
    Map<SecretKind, String> resolved()
    {
        return resolved;
    }

    private String remember(final SecretKind kind, final String value)
    {
        if (!dev)
        {
            for (final Map.Entry<SecretKind, String> other : resolved.entrySet())
            {
                if (other.getKey() != kind && other.getValue().equals(value))
                {
                    throw new IllegalArgumentException("the " + kind.what() + " is the same as the " +
                        other.getKey().what() + ": each secret must be different (they admit different roles)");
                }
            }
        }
        resolved.put(kind, value);
        return value;
    }

    /**
     * @throws IllegalArgumentException when the secret is a development value, too short or trivially non-random.
     */
    static void check(final SecretKind kind, final String value, final String source)
    {
        for (final SecretKind any : SecretKind.values())
        {
            if (value.equals(any.devValue()))
            {
                throw new IllegalArgumentException("the " + kind.what() + " from " + source + " is a public " +
                    "development value: only 'gamehall local' and --dev take those; make a secret with 'gamehall secret'");
            }
        }
        final byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES)
        {
            throw new IllegalArgumentException("the " + kind.what() + " from " + source + " has " + bytes.length +
                " bytes; at least " + MIN_BYTES + " are needed: make one with 'gamehall secret'");
        }
        final boolean[] seen = new boolean[256];
        int distinct = 0;
        for (final byte b : bytes)
        {
            if (!seen[b & 0xFF])
            {
                seen[b & 0xFF] = true;
                distinct++;
            }
        }
        if (distinct < MIN_DISTINCT_BYTES)
        {
            throw new IllegalArgumentException("the " + kind.what() + " from " + source + " has only " + distinct +
                " distinct characters (at least " + MIN_DISTINCT_BYTES + " are needed): it does not look random; " +
                "make one with 'gamehall secret'");
        }
    }

    private String read(final SecretKind kind, final File file)
    {
        final byte[] bytes;
        try
        {
            if (Files.size(file.toPath()) > MAX_FILE_BYTES)
            {
                throw new IllegalArgumentException(kind.fileOption() + " " + file + " is larger than " +
                    MAX_FILE_BYTES + " bytes: not a secret file");
            }
            bytes = Files.readAllBytes(file.toPath());
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read " + kind.fileOption() + " " + file + ": " +
                ex.getClass().getSimpleName());
        }
        warnIfOthersMayRead(kind, file);
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r'))
        {
            end--;
        }
        if (end == 0)
        {
            throw new IllegalArgumentException(kind.fileOption() + " " + file + " is empty");
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private void warnIfOthersMayRead(final SecretKind kind, final File file)
    {
        final PosixFileAttributeView view = Files.getFileAttributeView(file.toPath(), PosixFileAttributeView.class);
        if (view == null)
        {
            return;
        }
        try
        {
            final Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            if (permissions.stream().anyMatch(OTHERS::contains))
            {
                err.println("warning: " + kind.fileOption() + " " + file + " may be read by other users (mode " +
                    PosixFilePermissions.toString(permissions) + "); chmod 600 it");
            }
        }
        catch (final IOException ex)
        {
            // the file was read a moment ago; nothing to warn about
        }
    }
}
