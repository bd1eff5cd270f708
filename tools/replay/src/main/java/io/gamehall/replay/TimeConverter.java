package io.gamehall.replay;

import picocli.CommandLine;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads a cluster time: ISO-8601 ({@code 2026-11-21T14:02:00Z}) or milliseconds since the epoch.
 */
final class TimeConverter implements CommandLine.ITypeConverter<Long>
{
    public Long convert(final String value)
    {
        try
        {
            return Instant.parse(value).toEpochMilli();
        }
        catch (final DateTimeParseException ex)
        {
            try
            {
                return Long.parseLong(value);
            }
            catch (final NumberFormatException ignore)
            {
                throw new CommandLine.TypeConversionException(
                    "not a time: '" + value + "' (use 2026-11-21T14:02:00Z or epoch milliseconds)");
            }
        }
    }
}
