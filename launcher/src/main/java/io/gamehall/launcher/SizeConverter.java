package io.gamehall.launcher;

import picocli.CommandLine;

/**
 * Reads sizes such as {@code 65536}, {@code 64k}, {@code 4m}, {@code 1g}.
 */
final class SizeConverter implements CommandLine.ITypeConverter<Long>
{
    public Long convert(final String value)
    {
        final String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.isEmpty())
        {
            throw new CommandLine.TypeConversionException("empty size");
        }
        final char unit = v.charAt(v.length() - 1);
        final long multiplier = switch (unit)
        {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        final String digits = multiplier == 1 ? v : v.substring(0, v.length() - 1);
        try
        {
            return Long.parseLong(digits) * multiplier;
        }
        catch (final NumberFormatException ex)
        {
            throw new CommandLine.TypeConversionException("not a size (e.g. 65536, 64k, 4m): '" + value + "'");
        }
    }
}
