package io.gamehall.replication;

import io.gamehall.master.EngineConfig;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The engine configuration a master node runs with, written into its data directory when it
 * starts ({@value #FILE_NAME}), so that a copy of the directory says what its cluster log must
 * be replayed with: the log holds the commands, not the limits and timeouts that decided their
 * outcomes. {@code gamehall replay import-archive} reads it.
 */
public final class EngineConfigFile
{
    /** File name in a node's data directory. */
    public static final String FILE_NAME = "engine.properties";

    /** The keys, in the order of the values {@link #write} takes and {@link #read} sets. */
    private static final String[] KEYS = {
        "maxServers", "maxUsers", "maxInstances", "maxPlayersPerInstance", "serverTimeoutMs", "dedupWindow",
        "maxClients", "maxSearchExamined"};

    private EngineConfigFile()
    {
    }

    /**
     * Write the configuration into the directory, replacing the file as a whole (a new file
     * renamed over the old).
     */
    public static void write(final File dataDir, final EngineConfig config)
    {
        final long[] values = {
            config.maxServers(), config.maxUsers(), config.maxInstances(), config.maxPlayersPerInstance(),
            config.serverTimeoutMs(), config.dedupWindow(), config.maxClients(), config.maxSearchExamined()};
        final Properties properties = new Properties();
        for (int i = 0; i < KEYS.length; i++)
        {
            properties.setProperty(KEYS[i], Long.toString(values[i]));
        }
        final File file = new File(dataDir, FILE_NAME);
        final File next = new File(dataDir, FILE_NAME + ".new");
        try
        {
            Files.createDirectories(dataDir.toPath());
            try (Writer out = Files.newBufferedWriter(next.toPath(), StandardCharsets.UTF_8))
            {
                properties.store(out, "gamehall master engine configuration, written by the node when it starts; " +
                    "gamehall replay import-archive replays the node's log with it");
            }
            Files.move(next.toPath(), file.toPath(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }

    /**
     * @return the configuration in the directory's file, or null when there is no such file.
     * @throws IllegalArgumentException when the file is there but incomplete or not valid.
     */
    public static EngineConfig read(final File dataDir)
    {
        final File file = new File(dataDir, FILE_NAME);
        if (!file.isFile())
        {
            return null;
        }
        final Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file.toPath(), StandardCharsets.UTF_8))
        {
            properties.load(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
        final long[] values = new long[KEYS.length];
        for (int i = 0; i < KEYS.length; i++)
        {
            final String value = properties.getProperty(KEYS[i]);
            if (value == null)
            {
                throw new IllegalArgumentException(file + " has no " + KEYS[i]);
            }
            try
            {
                values[i] = Long.parseLong(value.trim());
            }
            catch (final NumberFormatException ex)
            {
                throw new IllegalArgumentException(file + ": " + KEYS[i] + " is not a number: " + value);
            }
        }
        try
        {
            return new EngineConfig()
                .maxServers(Math.toIntExact(values[0]))
                .maxUsers(Math.toIntExact(values[1]))
                .maxInstances(Math.toIntExact(values[2]))
                .maxPlayersPerInstance(Math.toIntExact(values[3]))
                .serverTimeoutMs(values[4])
                .dedupWindow(Math.toIntExact(values[5]))
                .maxClients(Math.toIntExact(values[6]))
                .maxSearchExamined(Math.toIntExact(values[7]))
                .conclude();
        }
        catch (final ArithmeticException | IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(file + ": " + ex.getMessage(), ex);
        }
    }
}
