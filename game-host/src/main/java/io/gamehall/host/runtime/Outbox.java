package io.gamehall.host.runtime;

import io.gamehall.sbe.host.GameErrorCode;
import io.gamehall.sbe.host.GameErrorEncoder;
import io.gamehall.sbe.host.GameEventEncoder;
import io.gamehall.sbe.host.InstanceCloseReason;
import io.gamehall.sbe.host.InstanceClosedEncoder;
import io.gamehall.sbe.host.MessageAcceptedEncoder;
import io.gamehall.sbe.host.MessageHeaderEncoder;
import io.gamehall.sbe.host.PlayerPresenceEncoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.LongArrayList;

/**
 * Messages to gateways, encoded into a batch of records {@code [gatewayId:8][length:4][message]}
 * that is either published at once or held until a backup is written. One per runner.
 */
final class Outbox
{
    static final int RECORD_HEADER = 12;

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final GameEventEncoder gameEvent = new GameEventEncoder();
    private final GameErrorEncoder gameError = new GameErrorEncoder();
    private final MessageAcceptedEncoder accepted = new MessageAcceptedEncoder();
    private final InstanceClosedEncoder closed = new InstanceClosedEncoder();
    private final PlayerPresenceEncoder presence = new PlayerPresenceEncoder();
    private final ExpandableArrayBuffer batch = new ExpandableArrayBuffer(4096);
    private final GatewaySink gateways;
    private final HostCounters counters;
    private int length;

    Outbox(final GatewaySink gateways, final HostCounters counters)
    {
        this.gateways = gateways;
        this.counters = counters;
    }

    int length()
    {
        return length;
    }

    void clear()
    {
        length = 0;
    }

    /**
     * A game event to the players of {@code players} whose gateway is {@code gatewayId}, or to
     * the one player {@code onlyUser} when it is not 0.
     */
    void gameEvent(
        final long instanceId,
        final long gatewayId,
        final LongArrayList players,
        final LongArrayList playerGateways,
        final long onlyUser,
        final int kind,
        final DirectBuffer payload,
        final int offset,
        final int payloadLength)
    {
        final int count = onlyUser != 0 ? 1 : countOn(gatewayId, playerGateways);
        final int start = begin(gatewayId, 64 + count * 8 + payloadLength);
        gameEvent.wrapAndApplyHeader(batch, start + RECORD_HEADER, header).instanceId(instanceId).kind(kind);
        final GameEventEncoder.RecipientsEncoder recipients = gameEvent.recipientsCount(count);
        if (onlyUser != 0)
        {
            recipients.next().userId(onlyUser);
        }
        else
        {
            for (int i = 0, n = players.size(); i < n; i++)
            {
                if (playerGateways.getLong(i) == gatewayId)
                {
                    recipients.next().userId(players.getLong(i));
                }
            }
        }
        gameEvent.putPayload(payload, offset, payloadLength);
        end(start, gameEvent.encodedLength());
        counters.eventsSent.incrementAndGet();
    }

    void accepted(final long gatewayId, final long instanceId, final long userId, final long sequence)
    {
        final int start = begin(gatewayId, 64);
        accepted.wrapAndApplyHeader(batch, start + RECORD_HEADER, header)
            .instanceId(instanceId).userId(userId).sequence(sequence);
        end(start, accepted.encodedLength());
    }

    void error(
        final long gatewayId,
        final long instanceId,
        final long userId,
        final long sequence,
        final GameErrorCode code,
        final String reason)
    {
        final String text = reason.length() > 1024 ? reason.substring(0, 1024) : reason;
        final int start = begin(gatewayId, 64 + text.length() * 3);
        gameError.wrapAndApplyHeader(batch, start + RECORD_HEADER, header)
            .instanceId(instanceId).userId(userId).sequence(sequence).code(code).reason(text);
        end(start, gameError.encodedLength());
        counters.errorsSent.incrementAndGet();
    }

    void closed(
        final long instanceId,
        final long gatewayId,
        final LongArrayList players,
        final LongArrayList playerGateways,
        final InstanceCloseReason reason,
        final String summary)
    {
        final int count = countOn(gatewayId, playerGateways);
        final int start = begin(gatewayId, 64 + count * 8 + summary.length() * 3);
        closed.wrapAndApplyHeader(batch, start + RECORD_HEADER, header).instanceId(instanceId).reason(reason);
        final InstanceClosedEncoder.RecipientsEncoder recipients = closed.recipientsCount(count);
        for (int i = 0, n = players.size(); i < n; i++)
        {
            if (playerGateways.getLong(i) == gatewayId)
            {
                recipients.next().userId(players.getLong(i));
            }
        }
        closed.summary(summary);
        end(start, closed.encodedLength());
    }

    /**
     * Tell the players on one gateway (all but the one who moved) that a player took or left a seat.
     */
    void presence(
        final long instanceId,
        final long gatewayId,
        final LongArrayList players,
        final LongArrayList playerGateways,
        final long userId,
        final boolean seated)
    {
        int count = 0;
        for (int i = 0, n = players.size(); i < n; i++)
        {
            if (playerGateways.getLong(i) == gatewayId && players.getLong(i) != userId)
            {
                count++;
            }
        }
        if (count == 0)
        {
            return;
        }
        final int start = begin(gatewayId, 64 + count * 8);
        presence.wrapAndApplyHeader(batch, start + RECORD_HEADER, header)
            .instanceId(instanceId).userId(userId).seated((short)(seated ? 1 : 0));
        final PlayerPresenceEncoder.RecipientsEncoder recipients = presence.recipientsCount(count);
        for (int i = 0, n = players.size(); i < n; i++)
        {
            if (playerGateways.getLong(i) == gatewayId && players.getLong(i) != userId)
            {
                recipients.next().userId(players.getLong(i));
            }
        }
        end(start, presence.encodedLength());
    }

    /**
     * Publish every record and clear the batch.
     */
    void flush()
    {
        publish(batch, 0, length);
        length = 0;
    }

    /**
     * Move the batch to the end of {@code held} and clear it.
     *
     * @return the new length of {@code held}.
     */
    int moveTo(final MutableDirectBuffer held, final int heldLength)
    {
        held.putBytes(heldLength, batch, 0, length);
        final int total = heldLength + length;
        length = 0;
        return total;
    }

    void publish(final DirectBuffer records, final int offset, final int recordsLength)
    {
        int at = offset;
        final int limit = offset + recordsLength;
        while (at < limit)
        {
            final long gatewayId = records.getLong(at);
            final int messageLength = records.getInt(at + 8);
            gateways.offer(gatewayId, records, at + RECORD_HEADER, messageLength);
            at += RECORD_HEADER + messageLength;
        }
    }

    private int begin(final long gatewayId, final int maxLength)
    {
        final int start = length;
        batch.checkLimit(start + RECORD_HEADER + MessageHeaderEncoder.ENCODED_LENGTH + maxLength);
        batch.putLong(start, gatewayId);
        return start;
    }

    private void end(final int start, final int encodedLength)
    {
        final int messageLength = MessageHeaderEncoder.ENCODED_LENGTH + encodedLength;
        batch.putInt(start + 8, messageLength);
        length = start + RECORD_HEADER + messageLength;
    }

    private static int countOn(final long gatewayId, final LongArrayList playerGateways)
    {
        int count = 0;
        for (int i = 0, n = playerGateways.size(); i < n; i++)
        {
            if (playerGateways.getLong(i) == gatewayId)
            {
                count++;
            }
        }
        return count;
    }
}
