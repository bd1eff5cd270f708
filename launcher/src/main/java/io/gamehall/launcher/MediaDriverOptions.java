package io.gamehall.launcher;

import picocli.CommandLine.Option;

/**
 * The media driver options of {@code gamehall host} and {@code gamehall gateway}.
 */
final class MediaDriverOptions
{
    @Option(names = "--aeron-dir",
        description = "Directory of a running Aeron media driver to use instead of starting one in this process; " +
            "game traffic between a host and a gateway on the same driver goes over IPC instead of UDP.")
    String aeronDir;

    @Option(names = "--no-same-driver-ipc",
        description = "Use UDP for game traffic even with hosts or gateways on the same media driver.")
    boolean noSameDriverIpc;
}
