package io.gamehall.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * How {@code gamehall admin} prints a listing: an aligned table for people, or one JSON
 * object per line (the fields as the master protocol names them) for scripts.
 */
final class AdminOutput
{
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One column of a table: its heading and how to show a row's value. */
    record Column(String heading, Function<Map<String, Object>, String> value)
    {
        static Column of(final String heading, final String field)
        {
            return new Column(heading, row -> String.valueOf(row.get(field)));
        }

        static Column time(final String heading, final String field)
        {
            return new Column(heading, row -> timeText((Long)row.get(field)));
        }
    }

    private AdminOutput()
    {
    }

    /**
     * Print rows as a table with a count line at the end.
     *
     * @param out     where to.
     * @param columns what to show.
     * @param rows    the rows, in order.
     * @param noun    what one row is, for the count line ("3 servers", "1 server").
     */
    static void table(final PrintWriter out, final List<Column> columns, final List<Map<String, Object>> rows,
        final String noun)
    {
        final List<String[]> cells = new ArrayList<>(rows.size() + 1);
        final String[] headings = new String[columns.size()];
        for (int c = 0; c < headings.length; c++)
        {
            headings[c] = columns.get(c).heading();
        }
        cells.add(headings);
        for (final Map<String, Object> row : rows)
        {
            final String[] line = new String[columns.size()];
            for (int c = 0; c < line.length; c++)
            {
                line[c] = columns.get(c).value().apply(row);
            }
            cells.add(line);
        }
        final int[] widths = new int[headings.length];
        for (final String[] line : cells)
        {
            for (int c = 0; c < line.length; c++)
            {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        for (final String[] line : cells)
        {
            final StringBuilder text = new StringBuilder();
            for (int c = 0; c < line.length; c++)
            {
                text.append(line[c]);
                if (c < line.length - 1)
                {
                    text.append(" ".repeat(widths[c] - line[c].length() + 2));
                }
            }
            out.println(text);
        }
        out.println("(" + rows.size() + " " + noun + (rows.size() == 1 ? "" : "s") + ")");
        out.flush();
    }

    /**
     * Print each row as one JSON object.
     */
    static void jsonLines(final PrintWriter out, final List<Map<String, Object>> rows)
    {
        for (final Map<String, Object> row : rows)
        {
            out.println(json(row));
        }
        out.flush();
    }

    /**
     * @return the row as a JSON object: numbers as numbers, everything else as strings.
     */
    static String json(final Map<String, Object> row)
    {
        final ObjectNode json = JSON.createObjectNode();
        for (final Map.Entry<String, Object> entry : row.entrySet())
        {
            final Object value = entry.getValue();
            if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte)
            {
                json.put(entry.getKey(), ((Number)value).longValue());
            }
            else if (value instanceof Number)
            {
                json.put(entry.getKey(), ((Number)value).doubleValue());
            }
            else
            {
                json.put(entry.getKey(), String.valueOf(value));
            }
        }
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
     * @return cluster time (ms since the epoch) as an ISO-8601 instant, or "-" for 0.
     */
    static String timeText(final long epochMillis)
    {
        return epochMillis == 0 ? "-" : Instant.ofEpochMilli(epochMillis).toString();
    }
}
