package io.gamehall.replay;

import io.gamehall.master.text.MessageText;
import io.gamehall.sbe.journal.ResultCode;
import io.gamehall.sbe.journal.JournalCommandDecoder;
import org.agrona.DirectBuffer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One journaled command, decoded for people: when, where in the log, who sent it, the
 * command with its fields, and what the master answered.
 *
 * @param timestamp  cluster time, ms since the epoch.
 * @param position   log position after the command.
 * @param term       leadership term.
 * @param clientId   sending client.
 * @param requestId  the client's request id.
 * @param command    command name.
 * @param fields     the command's fields except the two ids, in schema order.
 * @param result     result code name.
 * @param subjectId  what the command created or changed (0 for queries).
 * @param detailId   related id, e.g. the host a new instance was placed on.
 * @param applied    false when refused before the engine.
 */
public record CommandRecord(
    long timestamp,
    long position,
    long term,
    long clientId,
    long requestId,
    String command,
    Map<String, String> fields,
    String result,
    long subjectId,
    long detailId,
    boolean applied)
{
    /**
     * Decode a journal command record.
     */
    public static CommandRecord of(final JournalCommandDecoder record, final DirectBuffer payload, final int offset,
        final int length)
    {
        final String text = length == 0 ? "Empty" : MessageText.render(payload, offset, length);
        final int space = text.indexOf(' ');
        final String name = space < 0 ? text : text.substring(0, space);
        final Map<String, String> fields = parseFields(space < 0 ? "" : text.substring(space + 1));
        fields.remove("clientId");
        fields.remove("requestId");
        return new CommandRecord(
            record.timestamp(),
            record.logPosition(),
            record.leadershipTermId(),
            record.clientId(),
            record.requestId(),
            name,
            fields,
            codeName(record.codeRaw()),
            record.subjectId(),
            record.detailId(),
            record.appliedToEngine() != 0);
    }

    /**
     * @param codeRaw a result code as recorded.
     * @return its name, or its number when this version does not know it.
     */
    static String codeName(final int codeRaw)
    {
        for (final ResultCode code : ResultCode.values())
        {
            if (code.value() == codeRaw && code != ResultCode.NULL_VAL)
            {
                return code.name();
            }
        }
        return Integer.toString(codeRaw);
    }

    /**
     * @return one readable line.
     */
    public String toText()
    {
        final StringBuilder sb = new StringBuilder(160)
            .append(Instant.ofEpochMilli(timestamp)).append(" pos=").append(position).append(" term=").append(term)
            .append(" client=").append(clientId).append('/').append(requestId).append(' ').append(command);
        fields.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        sb.append(" -> ").append(result);
        if (subjectId != 0 || detailId != 0)
        {
            sb.append(" subject=").append(subjectId).append(" detail=").append(detailId);
        }
        if (!applied)
        {
            sb.append(" (refused before the engine)");
        }
        return sb.toString();
    }

    /**
     * @return one JSON object on one line.
     */
    public String toJson()
    {
        final StringBuilder sb = new StringBuilder(200)
            .append("{\"time\":\"").append(Instant.ofEpochMilli(timestamp)).append("\",\"timestamp\":").append(timestamp)
            .append(",\"position\":").append(position).append(",\"term\":").append(term)
            .append(",\"clientId\":").append(clientId).append(",\"requestId\":").append(requestId)
            .append(",\"command\":\"").append(command).append("\",\"fields\":{");
        boolean first = true;
        for (final Map.Entry<String, String> field : fields.entrySet())
        {
            if (!first)
            {
                sb.append(',');
            }
            first = false;
            sb.append('"').append(field.getKey()).append("\":");
            appendJsonValue(sb, field.getValue());
        }
        return sb.append("},\"result\":\"").append(result).append("\",\"subjectId\":").append(subjectId)
            .append(",\"detailId\":").append(detailId).append(",\"applied\":").append(applied).append('}').toString();
    }

    /**
     * @return the value of a field as a number, or null when absent or not a number.
     */
    public Long longField(final String name)
    {
        final String value = fields.get(name);
        if (value == null)
        {
            return null;
        }
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }

    static Map<String, String> parseFields(final String text)
    {
        final Map<String, String> fields = new LinkedHashMap<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= text.length(); i++)
        {
            final char c = i < text.length() ? text.charAt(i) : ' ';
            if (c == '[' || c == '(')
            {
                depth++;
            }
            else if (c == ']' || c == ')')
            {
                depth--;
            }
            else if (c == ' ' && depth == 0)
            {
                if (i > start)
                {
                    final String token = text.substring(start, i);
                    final int eq = token.indexOf('=');
                    if (eq > 0)
                    {
                        fields.put(token.substring(0, eq), token.substring(eq + 1));
                    }
                }
                start = i + 1;
            }
        }
        return fields;
    }

    private static void appendJsonValue(final StringBuilder sb, final String value)
    {
        if (value.matches("-?\\d{1,18}"))
        {
            sb.append(value);
            return;
        }
        sb.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '"' || c == '\\')
            {
                sb.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                sb.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                sb.append(c);
            }
        }
        sb.append('"');
    }
}
