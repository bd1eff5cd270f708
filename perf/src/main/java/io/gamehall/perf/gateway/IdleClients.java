package io.gamehall.perf.gateway;

import io.gamehall.client.GameClient;
import io.gamehall.client.GameClientListener;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens many logged-in, idle sessions on a gateway (run in a JVM of its own: one process may
 * hold only so many sockets). Prints {@code PROGRESS n}, then {@code READY n failed} and keeps
 * the sessions until its standard input closes.
 * Arguments: url count namePrefix.
 */
public final class IdleClients
{
    private IdleClients()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final String url = args[0];
        final int count = Integer.parseInt(args[1]);
        final String prefix = args[2];
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        final List<GameClient> clients = new ArrayList<>(count);
        final Semaphore inFlight = new Semaphore(64);
        final AtomicInteger done = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final List<CompletableFuture<?>> all = new ArrayList<>();
        final long deadline = System.currentTimeMillis() + TimeUnit.MINUTES.toMillis(10);
        for (int i = 0; i < count && System.currentTimeMillis() < deadline; i++)
        {
            inFlight.acquire();
            final String name = prefix + i;
            final String password = "idle-password-" + i;
            all.add(GameClient.connect(new GameClient.Context()
                .gateways(List.of(url))
                .eventLoopGroup(group)
                .listener(new GameClientListener()
                {
                })
                .pingIntervalMs(30_000)
                .requestTimeoutMs(60_000)
                .seed(i))
                .thenCompose(client ->
                {
                    synchronized (clients)
                    {
                        clients.add(client);
                    }
                    return client.register(name, password);
                })
                .whenComplete((login, ex) ->
                {
                    inFlight.release();
                    if (ex != null && failed.incrementAndGet() <= 5)
                    {
                        System.out.println("FAILED " + name + ": " + ex);
                    }
                    final int n = done.incrementAndGet();
                    if (n % 1_000 == 0)
                    {
                        System.out.println("PROGRESS " + n);
                    }
                }));
        }
        CompletableFuture.allOf(all.toArray(new CompletableFuture<?>[0])).handle((v, ex) -> null).join();
        System.out.println("READY " + (done.get() - failed.get()) + " " + failed.get());
        System.out.flush();
        while (System.in.read() >= 0)
        {
            // hold the sessions until the parent closes our input
        }
        for (final GameClient client : clients)
        {
            client.close();
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
