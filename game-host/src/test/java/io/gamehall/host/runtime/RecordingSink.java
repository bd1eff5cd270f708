package io.gamehall.host.runtime;

import io.gamehall.sbe.host.GameErrorDecoder;
import io.gamehall.sbe.host.GameEventDecoder;
import io.gamehall.sbe.host.InstanceClosedDecoder;
import io.gamehall.sbe.host.MessageAcceptedDecoder;
import io.gamehall.sbe.host.MessageHeaderDecoder;
import io.gamehall.sbe.host.PlayerPresenceDecoder;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link GatewaySink} for tests: each message published, as one line of text.
 */
final class RecordingSink implements GatewaySink
{
    final List<String> sent = new ArrayList<>();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final GameEventDecoder event = new GameEventDecoder();
    private final GameErrorDecoder error = new GameErrorDecoder();
    private final MessageAcceptedDecoder accepted = new MessageAcceptedDecoder();
    private final InstanceClosedDecoder closed = new InstanceClosedDecoder();
    private final PlayerPresenceDecoder presence = new PlayerPresenceDecoder();

    public boolean offer(final long gatewayId, final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        final String text = switch (header.templateId())
        {
            case GameEventDecoder.TEMPLATE_ID ->
            {
                event.wrapAndApplyHeader(buffer, offset, header);
                final StringBuilder to = new StringBuilder();
                for (final GameEventDecoder.RecipientsDecoder r : event.recipients())
                {
                    to.append(to.length() == 0 ? "" : ",").append(r.userId());
                }
                yield "event " + event.instanceId() + " kind=" + event.kind() + " to=" + to;
            }
            case GameErrorDecoder.TEMPLATE_ID ->
            {
                error.wrapAndApplyHeader(buffer, offset, header);
                yield "error " + error.instanceId() + " user=" + error.userId() + " seq=" + error.sequence() + " " +
                    error.code() + " " + error.reason();
            }
            case MessageAcceptedDecoder.TEMPLATE_ID ->
            {
                accepted.wrapAndApplyHeader(buffer, offset, header);
                yield "accepted " + accepted.instanceId() + " user=" + accepted.userId() + " seq=" + accepted.sequence();
            }
            case InstanceClosedDecoder.TEMPLATE_ID ->
            {
                closed.wrapAndApplyHeader(buffer, offset, header);
                final StringBuilder to = new StringBuilder();
                for (final InstanceClosedDecoder.RecipientsDecoder r : closed.recipients())
                {
                    to.append(to.length() == 0 ? "" : ",").append(r.userId());
                }
                yield "closed " + closed.instanceId() + " " + closed.reason() + " to=" + to + " " + closed.summary();
            }
            case PlayerPresenceDecoder.TEMPLATE_ID ->
            {
                presence.wrapAndApplyHeader(buffer, offset, header);
                yield "presence " + presence.instanceId() + " user=" + presence.userId() + " seated=" + presence.seated();
            }
            default -> "template " + header.templateId();
        };
        sent.add("gw" + gatewayId + ": " + text);
        return true;
    }
}
