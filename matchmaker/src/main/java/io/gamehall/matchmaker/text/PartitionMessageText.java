package io.gamehall.matchmaker.text;

import io.gamehall.sbe.matchmaker.AddTicketDecoder;
import io.gamehall.sbe.matchmaker.CancelTicketDecoder;
import io.gamehall.sbe.matchmaker.CommandRefusedDecoder;
import io.gamehall.sbe.matchmaker.ExtendRangeDecoder;
import io.gamehall.sbe.matchmaker.MatchFoundDecoder;
import io.gamehall.sbe.matchmaker.MessageHeaderDecoder;
import io.gamehall.sbe.matchmaker.RangeChangedDecoder;
import io.gamehall.sbe.matchmaker.SplitRangeDecoder;
import io.gamehall.sbe.matchmaker.TickDecoder;
import io.gamehall.sbe.matchmaker.TicketCancelledDecoder;
import io.gamehall.sbe.matchmaker.TicketExpiredDecoder;
import io.gamehall.sbe.matchmaker.TicketHandedOverDecoder;
import org.agrona.DirectBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;

import java.util.function.Supplier;

/**
 * Renders any matchmaker partition message (command or output) as one line,
 * {@code Name field=value ...}, groups as {@code tickets=[(ticketId=1 ...),(...)]}, from the
 * generated decoders' own text form: for logs, tools and the scenario tests. Never throws: a
 * message that cannot be read is shown by what is known of it and its bytes in hex. Allocates;
 * not for a hot path.
 */
public final class PartitionMessageText
{
    private PartitionMessageText()
    {
    }

    /**
     * @return the message as one line.
     */
    public static String render(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return "Undecodable " + hex(buffer, offset, length);
        }
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, offset);
        final int templateId = header.templateId();
        final Supplier<MessageDecoderFlyweight> decoder = decoderOf(templateId);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID || decoder == null)
        {
            return "Unknown(schema=" + header.schemaId() + " template=" + templateId + " version=" + header.version() +
                ") " + hex(buffer, offset, length);
        }
        final MessageDecoderFlyweight flyweight = decoder.get();
        try
        {
            flyweight.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
            return compact(flyweight.appendTo(new StringBuilder()));
        }
        catch (final RuntimeException unreadable)
        {
            final String simple = flyweight.getClass().getSimpleName();
            return simple.substring(0, simple.length() - "Decoder".length()) + " (unreadable: " +
                unreadable.getMessage() + ") " + hex(buffer, offset, length);
        }
    }

    private static Supplier<MessageDecoderFlyweight> decoderOf(final int templateId)
    {
        switch (templateId)
        {
            case AddTicketDecoder.TEMPLATE_ID:
                return AddTicketDecoder::new;
            case CancelTicketDecoder.TEMPLATE_ID:
                return CancelTicketDecoder::new;
            case TickDecoder.TEMPLATE_ID:
                return TickDecoder::new;
            case SplitRangeDecoder.TEMPLATE_ID:
                return SplitRangeDecoder::new;
            case ExtendRangeDecoder.TEMPLATE_ID:
                return ExtendRangeDecoder::new;
            case CommandRefusedDecoder.TEMPLATE_ID:
                return CommandRefusedDecoder::new;
            case MatchFoundDecoder.TEMPLATE_ID:
                return MatchFoundDecoder::new;
            case TicketExpiredDecoder.TEMPLATE_ID:
                return TicketExpiredDecoder::new;
            case TicketCancelledDecoder.TEMPLATE_ID:
                return TicketCancelledDecoder::new;
            case TicketHandedOverDecoder.TEMPLATE_ID:
                return TicketHandedOverDecoder::new;
            case RangeChangedDecoder.TEMPLATE_ID:
                return RangeChangedDecoder::new;
            default:
                return null;
        }
    }

    private static String hex(final DirectBuffer buffer, final int offset, final int length)
    {
        final StringBuilder text = new StringBuilder("bytes=");
        for (int i = 0; i < length; i++)
        {
            text.append(String.format("%02x", buffer.getByte(offset + i) & 0xFF));
        }
        return text.toString();
    }

    private static String compact(final StringBuilder sbe)
    {
        final int nameEnd = sbe.indexOf("]");
        final String name = sbe.substring(1, nameEnd);
        final int fieldsStart = sbe.indexOf("):") + 2;
        final String fields = sbe.substring(fieldsStart).replace('|', ' ').trim();
        return fields.isEmpty() ? name : name + " " + fields;
    }
}
