package io.gamehall.matchmaker.support;

import io.gamehall.sbe.matchmaker.AddTicketEncoder;
import io.gamehall.sbe.matchmaker.CancelTicketEncoder;
import io.gamehall.sbe.matchmaker.ExtendRangeEncoder;
import io.gamehall.sbe.matchmaker.MessageHeaderEncoder;
import io.gamehall.sbe.matchmaker.SplitMode;
import io.gamehall.sbe.matchmaker.SplitRangeEncoder;
import io.gamehall.sbe.matchmaker.TickEncoder;
import org.agrona.MutableDirectBuffer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encodes partition commands, from values or from text: {@code Name key=value ...} with the
 * schema's field names; members as {@code members=userId:rating,userId:rating}. A missing key
 * encodes 0 (mode: HAND_OVER), an unknown key is an error.
 */
public final class Commands
{
    private static final int HEADER = MessageHeaderEncoder.ENCODED_LENGTH;

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final AddTicketEncoder addTicket = new AddTicketEncoder();
    private final CancelTicketEncoder cancelTicket = new CancelTicketEncoder();
    private final TickEncoder tick = new TickEncoder();
    private final SplitRangeEncoder splitRange = new SplitRangeEncoder();
    private final ExtendRangeEncoder extendRange = new ExtendRangeEncoder();

    /**
     * @return the encoded length.
     */
    public int addTicket(
        final MutableDirectBuffer buffer,
        final int offset,
        final long ticketId,
        final int queueId,
        final int region,
        final long createdTime,
        final long[] users,
        final int[] ratings)
    {
        addTicket.wrapAndApplyHeader(buffer, offset, header)
            .ticketId(ticketId).queueId(queueId).region(region).createdTime(createdTime);
        final AddTicketEncoder.MembersEncoder members = addTicket.membersCount(users.length);
        for (int i = 0; i < users.length; i++)
        {
            members.next().userId(users[i]).rating(ratings[i]);
        }
        return HEADER + addTicket.encodedLength();
    }

    public int cancelTicket(final MutableDirectBuffer buffer, final int offset, final long ticketId)
    {
        return HEADER + cancelTicket.wrapAndApplyHeader(buffer, offset, header).ticketId(ticketId).encodedLength();
    }

    public int tick(final MutableDirectBuffer buffer, final int offset, final long time)
    {
        return HEADER + tick.wrapAndApplyHeader(buffer, offset, header).time(time).encodedLength();
    }

    public int splitRange(final MutableDirectBuffer buffer, final int offset, final int splitAt, final SplitMode mode)
    {
        return HEADER + splitRange.wrapAndApplyHeader(buffer, offset, header).splitAt(splitAt).mode(mode)
            .encodedLength();
    }

    public int extendRange(final MutableDirectBuffer buffer, final int offset, final int lower, final int upper)
    {
        return HEADER + extendRange.wrapAndApplyHeader(buffer, offset, header).lower(lower).upper(upper)
            .encodedLength();
    }

    /**
     * @return the encoded length.
     * @throws IllegalArgumentException for an unknown command or key, or a bad value.
     */
    public int encode(final String line, final MutableDirectBuffer buffer, final int offset)
    {
        final String[] parts = line.trim().split("\\s+");
        final Fields f = new Fields(parts);
        final int length;
        switch (parts[0])
        {
            case "AddTicket":
            {
                final String list = f.s("members", "");
                final String[] entries = list.isEmpty() ? new String[0] : list.split(",");
                final long[] users = new long[entries.length];
                final int[] ratings = new int[entries.length];
                for (int i = 0; i < entries.length; i++)
                {
                    final String[] pair = entries[i].split(":");
                    users[i] = Long.parseLong(pair[0]);
                    ratings[i] = Integer.parseInt(pair[1]);
                }
                length = addTicket(buffer, offset, f.l("ticketId"), (int)f.l("queueId"), (int)f.l("region"),
                    f.l("createdTime"), users, ratings);
                break;
            }
            case "CancelTicket":
                length = cancelTicket(buffer, offset, f.l("ticketId"));
                break;
            case "Tick":
                length = tick(buffer, offset, f.l("time"));
                break;
            case "SplitRange":
                length = splitRange(buffer, offset, (int)f.l("splitAt"), SplitMode.valueOf(f.s("mode", "HAND_OVER")));
                break;
            case "ExtendRange":
                length = extendRange(buffer, offset, (int)f.l("lower"), (int)f.l("upper"));
                break;
            default:
                throw new IllegalArgumentException("unknown command: " + parts[0]);
        }
        f.requireAllUsed(parts[0]);
        return length;
    }

    /**
     * key=value pairs of one line.
     */
    public static final class Fields
    {
        private final Map<String, String> values = new LinkedHashMap<>();

        public Fields(final String[] parts)
        {
            for (int i = 1; i < parts.length; i++)
            {
                final int eq = parts[i].indexOf('=');
                if (eq <= 0)
                {
                    throw new IllegalArgumentException("expected key=value: " + parts[i]);
                }
                values.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
            }
        }

        public long l(final String key)
        {
            final String v = values.remove(key);
            return v == null ? 0 : Long.parseLong(v);
        }

        public long l(final String key, final long otherwise)
        {
            final String v = values.remove(key);
            return v == null ? otherwise : Long.parseLong(v);
        }

        public String s(final String key, final String otherwise)
        {
            final String v = values.remove(key);
            return v == null ? otherwise : v;
        }

        public void requireAllUsed(final String what)
        {
            if (!values.isEmpty())
            {
                throw new IllegalArgumentException(what + " has no field(s) " + values.keySet());
            }
        }
    }
}
