package io.gamehall.launcher;

import io.gamehall.replication.ClientRole;
import io.gamehall.replication.client.MasterClient;
import io.gamehall.replication.client.MasterClientListener;
import io.gamehall.sbe.master.CheckInUserEncoder;
import io.gamehall.sbe.master.CheckOutUserEncoder;
import io.gamehall.sbe.master.CommandResultDecoder;
import io.gamehall.sbe.master.ListUsersEncoder;
import io.gamehall.sbe.master.MessageHeaderDecoder;
import io.gamehall.sbe.master.MessageHeaderEncoder;
import io.gamehall.sbe.master.RegisterServerEncoder;
import io.gamehall.sbe.master.ResultCode;
import io.gamehall.sbe.master.ServerHeartbeatEncoder;
import io.gamehall.sbe.master.ServerRole;
import io.gamehall.sbe.master.UserListDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One load client of the failover kill loop ({@link FailoverKillLoop}): an admin
 * {@link MasterClient} that registers a gateway of its own, then keeps up to {@code inFlight}
 * commands unanswered, flat out: it checks users in and checks each one out again
 * {@value #LAG} users later. Every answer must be OK: a check-in that was acknowledged and then
 * lost makes its check-out fail with an error code, a check-in or check-out applied twice is
 * refused (or leaves a user behind at the end, which {@link #drainAndCountUsers} sees).
 * <p>
 * It also measures what a client sees of a failover: the longest gap between two answers
 * since {@link #resetGap()}.
 */
final class KillLoopLoad implements MasterClientListener, AutoCloseable
{
    /** Users between a check-in and its check-out. */
    static final int LAG = 300;
    private static final long TAG_CONTROL = -1;
    private static final long HEARTBEAT_INTERVAL_NS = 1_000_000_000L;
    private static final int MAX_SAMPLES = 20;

    private final int index;
    private final int inFlight;
    private final long userBase;
    private final MasterClient client;
    private final Thread thread;
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(256);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final CheckInUserEncoder checkIn = new CheckInUserEncoder();
    private final CheckOutUserEncoder checkOut = new CheckOutUserEncoder();
    private final ServerHeartbeatEncoder heartbeat = new ServerHeartbeatEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final CommandResultDecoder resultDecoder = new CommandResultDecoder();
    private final UserListDecoder userListDecoder = new UserListDecoder();
    private final byte[] name = new byte[24];

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong unknownOutcomes = new AtomicLong();
    private final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
    private final AtomicReference<DirectBuffer> lastControlAnswer = new AtomicReference<>();
    private volatile long lastAnswerNs = System.nanoTime();
    private volatile long longestGapNs;
    private volatile boolean running;
    private volatile boolean draining;
    private long gatewayId;
    private long nextCheckIn = 1;
    private long nextCheckOut = 1;
    private long lastHeartbeatNs;

    KillLoopLoad(final int index, final String ingressEndpoints, final String adminSecret,
        final String aeronDirectoryName, final int inFlight)
    {
        this.index = index;
        this.inFlight = inFlight;
        this.userBase = (index + 1L) * 1_000_000_000L;
        client = MasterClient.launch(new MasterClient.Context()
            .ingressEndpoints(ingressEndpoints)
            .role(ClientRole.ADMIN)
            .secret(adminSecret)
            .aeronDirectoryName(aeronDirectoryName)
            .maxInFlight(Integer.highestOneBit(Math.max(1, inFlight * 2 - 1)))
            .requestTimeoutMs(120_000)
            .listener(this));
        thread = new Thread(this::run, "kill-loop-load-" + index);
        thread.setDaemon(true);
    }

    /**
     * Register this client's gateway and start sending.
     *
     * @param timeoutMs how long to wait for the registration.
     */
    void start(final long timeoutMs)
    {
        final RegisterServerEncoder register = new RegisterServerEncoder();
        register.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .clientId(0).requestId(0)
            .role(ServerRole.GATEWAY)
            .capacity(1_000_000);
        register.gameTypesCount(0);
        register.name("kill-loop-gw-" + index).endpoint("ws://127.0.0.1:1/kill-loop").softwareVersion("0.1.0");
        final DirectBuffer answer = control(MessageHeaderEncoder.ENCODED_LENGTH + register.encodedLength(), timeoutMs);
        resultDecoder.wrapAndApplyHeader(answer, 0, headerDecoder);
        if (resultDecoder.code() != ResultCode.OK)
        {
            throw new IllegalStateException("gateway registration answered " + resultDecoder.code());
        }
        gatewayId = resultDecoder.subjectId();
        lastHeartbeatNs = System.nanoTime();
        running = true;
        thread.start();
    }

    private DirectBuffer control(final int length, final long timeoutMs)
    {
        lastControlAnswer.set(null);
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (!client.offer(TAG_CONTROL, buffer, 0, length))
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new IllegalStateException("client " + index + ": could not queue a command");
            }
            LockSupport.parkNanos(1_000_000);
        }
        sent.incrementAndGet();
        while (lastControlAnswer.get() == null)
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new IllegalStateException("client " + index + ": no answer within " + timeoutMs + " ms");
            }
            LockSupport.parkNanos(1_000_000);
        }
        return lastControlAnswer.get();
    }

    private void run()
    {
        while (running)
        {
            final long outstanding = sent.get() - acknowledged.get() - errors.get() - unknownOutcomes.get();
            if (outstanding >= inFlight)
            {
                LockSupport.parkNanos(50_000);
                continue;
            }
            final long now = System.nanoTime();
            final int length;
            final long tag;
            if (now - lastHeartbeatNs > HEARTBEAT_INTERVAL_NS)
            {
                heartbeat.wrapAndApplyHeader(buffer, 0, headerEncoder).clientId(0).requestId(0)
                    .serverId(gatewayId).load(0);
                length = MessageHeaderEncoder.ENCODED_LENGTH + heartbeat.encodedLength();
                tag = 0;
            }
            else if (!draining && nextCheckIn - nextCheckOut < LAG)
            {
                length = encodeCheckIn(userBase + nextCheckIn);
                tag = nextCheckIn;
            }
            else if (nextCheckOut < nextCheckIn)
            {
                checkOut.wrapAndApplyHeader(buffer, 0, headerEncoder).clientId(0).requestId(0)
                    .gatewayId(gatewayId).userId(userBase + nextCheckOut);
                length = MessageHeaderEncoder.ENCODED_LENGTH + checkOut.encodedLength();
                tag = -(nextCheckOut + 1);
            }
            else
            {
                LockSupport.parkNanos(1_000_000);
                continue;
            }
            if (client.offer(tag, buffer, 0, length))
            {
                sent.incrementAndGet();
                if (tag == 0)
                {
                    lastHeartbeatNs = now;
                }
                else if (tag > 0)
                {
                    nextCheckIn++;
                }
                else
                {
                    nextCheckOut++;
                }
            }
            else
            {
                LockSupport.parkNanos(100_000);
            }
        }
    }

    private int encodeCheckIn(final long userId)
    {
        checkIn.wrapAndApplyHeader(buffer, 0, headerEncoder).clientId(0).requestId(0)
            .gatewayId(gatewayId).userId(userId);
        int n = 0;
        name[n++] = 'u';
        final String digits = Long.toString(userId);
        for (int i = 0; i < digits.length(); i++)
        {
            name[n++] = (byte)digits.charAt(i);
        }
        checkIn.putUserName(name, 0, n);
        return MessageHeaderEncoder.ENCODED_LENGTH + checkIn.encodedLength();
    }

    public void onResponse(final long tag, final DirectBuffer buffer, final int offset, final int length)
    {
        final long now = System.nanoTime();
        final long gap = now - lastAnswerNs;
        if (gap > longestGapNs)
        {
            longestGapNs = gap;
        }
        lastAnswerNs = now;
        if (tag == TAG_CONTROL)
        {
            final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
            copy.putBytes(0, buffer, offset, length);
            lastControlAnswer.set(copy);
            acknowledged.incrementAndGet();
            return;
        }
        headerDecoder.wrap(buffer, offset);
        if (headerDecoder.templateId() != CommandResultDecoder.TEMPLATE_ID)
        {
            error("unexpected answer template " + headerDecoder.templateId() + " to tag " + tag);
            return;
        }
        resultDecoder.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(),
            headerDecoder.version());
        final ResultCode code = resultDecoder.code();
        if (code == ResultCode.OK)
        {
            acknowledged.incrementAndGet();
        }
        else
        {
            error((tag > 0 ? "check-in of user " + (userBase + tag) : tag < 0 ? "check-out of user " +
                (userBase - tag - 1) : "heartbeat") + " answered " + code);
        }
    }

    private void error(final String what)
    {
        errors.incrementAndGet();
        if (errorSamples.size() < MAX_SAMPLES)
        {
            errorSamples.add("client " + index + ": " + what);
        }
    }

    public void onTimeout(final long tag)
    {
        unknownOutcomes.incrementAndGet();
        if (errorSamples.size() < MAX_SAMPLES)
        {
            errorSamples.add("client " + index + ": outcome unknown (no answer in 120 s) for tag " + tag);
        }
    }

    public void onEvent(final DirectBuffer buffer, final int offset, final int length)
    {
    }

    /**
     * Forget the longest gap so far: call it just before a kill.
     */
    void resetGap()
    {
        lastAnswerNs = System.nanoTime();
        longestGapNs = 0;
    }

    /**
     * @return the longest time between two answers since {@link #resetGap()}, in nanoseconds,
     * counting a gap still open now.
     */
    long longestGapNs()
    {
        return Math.max(longestGapNs, System.nanoTime() - lastAnswerNs);
    }

    /**
     * @return nanoTime of the latest answer.
     */
    long lastAnswerNs()
    {
        return lastAnswerNs;
    }

    /**
     * Check out every user still checked in, wait for every answer, then list the users the
     * master still holds for this client's gateway.
     *
     * @param timeoutMs bound of the whole drain.
     * @return users still checked in on the master (0 when nothing was lost or applied twice).
     */
    int drainAndCountUsers(final long timeoutMs)
    {
        draining = true;
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (nextCheckOut < nextCheckIn ||
            sent.get() - acknowledged.get() - errors.get() - unknownOutcomes.get() > 0)
        {
            if (System.currentTimeMillis() > deadline)
            {
                throw new IllegalStateException("client " + index + ": commands still unanswered after " +
                    timeoutMs + " ms: " + (sent.get() - acknowledged.get() - errors.get() - unknownOutcomes.get()));
            }
            LockSupport.parkNanos(10_000_000);
        }
        running = false;
        try
        {
            thread.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        int users = 0;
        long cursor = 0;
        int pages = 0;
        do
        {
            final ListUsersEncoder list = new ListUsersEncoder();
            list.wrapAndApplyHeader(buffer, 0, headerEncoder).clientId(0).requestId(0).cursor(cursor).maxResults(64);
            final DirectBuffer answer = control(MessageHeaderEncoder.ENCODED_LENGTH + list.encodedLength(),
                Math.max(1_000, deadline - System.currentTimeMillis()));
            userListDecoder.wrapAndApplyHeader(answer, 0, headerDecoder);
            if (userListDecoder.code() != ResultCode.OK)
            {
                throw new IllegalStateException("ListUsers answered " + userListDecoder.code());
            }
            cursor = userListDecoder.nextCursor();
            for (final UserListDecoder.UsersDecoder user : userListDecoder.users())
            {
                if (user.gatewayId() == gatewayId)
                {
                    users++;
                }
                user.skipUserName();
            }
        }
        while (cursor != 0 && ++pages < 100_000);
        return users;
    }

    long sent()
    {
        return sent.get();
    }

    long acknowledged()
    {
        return acknowledged.get();
    }

    long errors()
    {
        return errors.get();
    }

    long unknownOutcomes()
    {
        return unknownOutcomes.get();
    }

    Iterable<String> errorSamples()
    {
        return errorSamples;
    }

    public void close()
    {
        running = false;
        client.close();
    }
}
