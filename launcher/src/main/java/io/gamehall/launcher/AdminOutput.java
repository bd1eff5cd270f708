package io.gamehall.launcher;

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
        final StringBuilder text = new StringBuilder(128).append('{');
        for (final Map.Entry<String, Object> entry : row.entrySet())
        {
            if (text.length() > 1)
            {
                text.append(',');
            }
            quote(text, entry.getKey()).append(':');
            final Object value = entry.getValue();
            if (value instanceof Number)
            {
                text.append(value);
            }
            else
            {
                quote(text, String.valueOf(value));
            }
        }
        return text.append('}').toString();
    }

    /**
     * @return cluster time (ms since the epoch) as an ISO-8601 instant, or "-" for 0.
     */
    static String timeText(final long epochMillis)
    {
        return epochMillis == 0 ? "-" : Instant.ofEpochMilli(epochMillis).toString();
    }

    private static StringBuilder quote(final StringBuilder text, final String value)
    {
        text.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        text.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        text.append(c);
                    }
                }
            }
        }
        return text.append('"');
    }
}
