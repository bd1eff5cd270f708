package io.gamehall.master;

/**
 * What the engine accepts as a name, an endpoint or a version string. Checked on bytes so
 * that validation never creates a String.
 */
final class NameRules
{
    private NameRules()
    {
    }

    /**
     * A user or server name: 1..maxLength characters from {@code [A-Za-z0-9._-]}.
     */
    static boolean isValidName(final byte[] bytes, final int length, final int maxLength)
    {
        if (length < 1 || length > maxLength)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            final byte b = bytes[i];
            final boolean ok = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') ||
                b == '.' || b == '_' || b == '-';
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * An endpoint or version: 1..maxLength printable ASCII characters, no spaces.
     */
    static boolean isPrintable(final byte[] bytes, final int length, final int maxLength)
    {
        if (length < 1 || length > maxLength)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (bytes[i] < 0x21 || bytes[i] > 0x7E)
            {
                return false;
            }
        }
        return true;
    }
}
