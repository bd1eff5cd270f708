package io.gamehall.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

class SecretCommandTest
{
    @TempDir
    File dir;

    private StringWriter out;
    private StringWriter err;

    private int run(final String... args)
    {
        out = new StringWriter();
        err = new StringWriter();
        final CommandLine commandLine = Gamehall.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void printsAFreshSecretThatTheChecksTake()
    {
        assertThat(run("secret")).isZero();
        final String first = out.toString().trim();
        assertThat(first).matches("[A-Za-z0-9_-]{43}");
        SecretResolver.check(SecretKind.LINK, first, "test");
        assertThat(run("secret")).isZero();
        assertThat(out.toString().trim()).isNotEqualTo(first);
        assertThat(run("secret", "--bytes", "64")).isZero();
        assertThat(out.toString().trim()).hasSize(86);
    }

    @Test
    void writesANewOwnerOnlyFileAndRefusesTooFewBytes() throws Exception
    {
        final File file = new File(dir, "link.secret");
        assertThat(run("secret", "--out", file.getPath())).isZero();
        assertThat(out.toString()).contains("mode 600").doesNotContain(Files.readString(file.toPath()).trim());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.toPath()))).isEqualTo("rw-------");
        assertThat(Files.readString(file.toPath()).trim()).matches("[A-Za-z0-9_-]{43}");

        assertThat(run("secret", "--out", file.getPath())).isEqualTo(1);
        assertThat(err.toString()).contains("cannot write");
        assertThat(run("secret", "--bytes", "16")).isEqualTo(2);
        assertThat(err.toString()).contains("--bytes must be 32..1024");
    }
}
