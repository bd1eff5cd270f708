package io.gamehall.launcher;

import io.gamehall.replication.RandomSecret;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;

/**
 * {@code gamehall secret}: a fresh random secret, the right way to make the gateway, host, admin,
 * token, link and archive secrets.
 */
@Command(
    name = "secret",
    header = "Print a fresh random secret for the options that take one.",
    mixinStandardHelpOptions = true,
    description = {
        "Print a fresh random secret: --bytes bytes from the system's secure random source, base64url without",
        "padding (43 characters for 32 bytes). With --out FILE it is written to a new file of mode 600 instead,",
        "ready for --gateway-secret-file, --host-secret-file, --admin-secret-file, --token-secret-file,",
        "--link-secret-file or --archive-secret-file."})
public final class SecretCommand implements Callable<Integer>
{
    @Option(names = "--bytes", defaultValue = "32",
        description = "Random bytes, " + SecretResolver.MIN_BYTES + "..1024 (default ${DEFAULT-VALUE}).")
    int bytes;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to this new file (mode 600) instead of printing.")
    File out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
    {
        if (bytes < SecretResolver.MIN_BYTES || bytes > 1024)
        {
            spec.commandLine().getErr().println("error: --bytes must be " + SecretResolver.MIN_BYTES + "..1024");
            return CommandLine.ExitCode.USAGE;
        }
        final String secret = RandomSecret.generate(bytes);
        if (out == null)
        {
            spec.commandLine().getOut().println(secret);
            spec.commandLine().getOut().flush();
            return CommandLine.ExitCode.OK;
        }
        try (OutputStream file = Files.newOutputStream(create(out), StandardOpenOption.WRITE))
        {
            file.write((secret + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        catch (final IOException | UnsupportedOperationException ex)
        {
            spec.commandLine().getErr().println("error: cannot write " + out + ": " + ex.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        }
        spec.commandLine().getOut().println("wrote a " + bytes + "-byte secret to " + out + " (mode 600)");
        spec.commandLine().getOut().flush();
        return CommandLine.ExitCode.OK;
    }

    private static java.nio.file.Path create(final File file) throws IOException
    {
        try
        {
            return Files.createFile(file.toPath(), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        }
        catch (final UnsupportedOperationException ex)
        {
            return Files.createFile(file.toPath());
        }
    }
}
