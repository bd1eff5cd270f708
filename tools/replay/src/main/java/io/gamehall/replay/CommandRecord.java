package io.gamehall.replay;

import io.gamehall.master.text.MessageText;
import io.gamehall.sbe.journal.ResultCode;
import io.gamehall.sbe.journal.JournalCommandDecoder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * @param textFields the names of the fields that are text (strings in the schema), whatever they hold.
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
    java.util.Set<String> textFields,
    String result,
    long subjectId,
    long detailId,
    boolean applied)
{    private static final ObjectMapper JSON = new ObjectMapper();


    /**
     * Decode a journal command record.
     */
    public static CommandRecord of(final JournalCommandDecoder record, final DirectBuffer payload, final int offset,
        final int length)
    {
        final String text = length == 0 ? "Empty" : MessageText.renderWithQuotedStrings(payload, offset, length);
        final int space = text.indexOf(' ');
        final String name = space < 0 ? text : text.substring(0, space);
        final java.util.Set<String> textFields = new java.util.HashSet<>();
        final Map<String, String> fields = parseFields(space < 0 ? "" : text.substring(space + 1), textFields);
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
            textFields,
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
     * @return one JSON object on one line: ids and counts as numbers, text fields (names,
     * endpoints) as strings whatever they hold, so a user named {@code 007} stays {@code "007"}.
     */
    public String toJson()
    {
        final ObjectNode json = JSON.createObjectNode()
            .put("time", Instant.ofEpochMilli(timestamp).toString())
            .put("timestamp", timestamp)
            .put("position", position)
            .put("term", term)
            .put("clientId", clientId)
            .put("requestId", requestId)
            .put("command", command);
        final ObjectNode fieldsJson = json.putObject("fields");
        for (final Map.Entry<String, String> field : fields.entrySet())
        {
            final String value = field.getValue();
            final Long number = textFields.contains(field.getKey()) ? null : canonicalLong(value);
            if (number != null)
            {
                fieldsJson.put(field.getKey(), number);
            }
            else
            {
                fieldsJson.put(field.getKey(), value);
            }
        }
        json.put("result", result).put("subjectId", subjectId).put("detailId", detailId).put("applied", applied);
        try
        {
            return JSON.writeValueAsString(json);
        }
        catch (final com.fasterxml.jackson.core.JsonProcessingException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * @return the number a text is written as, only when it is written the way the number
     * prints ({@code 7}, {@code -12}; not {@code 007}, {@code +7} or {@code 7.0}); else null.
     */
    static Long canonicalLong(final String value)
    {
        try
        {
            final long parsed = Long.parseLong(value);
            return Long.toString(parsed).equals(value) ? parsed : null;
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
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
        return parseFields(text, new java.util.HashSet<>());
    }

    /**
     * @param text       fields as {@code key=value} separated by spaces; a value in single quotes is text.
     * @param textFields receives the names of the fields whose value was quoted.
     */
    static Map<String, String> parseFields(final String text, final java.util.Set<String> textFields)
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
                        final String key = token.substring(0, eq);
                        String value = token.substring(eq + 1);
                        if (value.length() >= 2 && value.charAt(0) == '\'' && value.charAt(value.length() - 1) == '\'')
                        {
                            value = value.substring(1, value.length() - 1);
                            textFields.add(key);
                        }
                        fields.put(key, value.replace("'", ""));
                    }
                }
                start = i + 1;
            }
        }
        return fields;
    }
}
