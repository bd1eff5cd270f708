package io.gamehall.store;

import java.util.Locale;

/**
 * What an account name may be, and how uniqueness is decided: 3..32 characters from
 * {@code [A-Za-z0-9._-]} (the master's user-name alphabet), unique without regard to case, so
 * "Alice" and "alice" cannot both exist. The account keeps the name as typed.
 */
public final class AccountName
{
    /** Shortest name. */
    public static final int MIN_LENGTH = 3;
    /** Longest name. */
    public static final int MAX_LENGTH = 32;

    private AccountName()
    {
    }

    /**
     * @param name a candidate name, may be null.
     * @return true when it follows the rules.
     */
    public static boolean isValid(final String name)
    {
        if (name == null || name.length() < MIN_LENGTH || name.length() > MAX_LENGTH)
        {
            return false;
        }
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            final boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '_' || c == '-';
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param name a candidate name.
     * @return the name.
     * @throws StoreException INVALID_ARGUMENT saying which rule it breaks.
     */
    public static String requireValid(final String name)
    {
        if (!isValid(name))
        {
            throw new StoreException(StoreError.INVALID_ARGUMENT, "an account name must have " + MIN_LENGTH + ".." +
                MAX_LENGTH + " characters from [A-Za-z0-9._-]: " + quote(name));
        }
        return name;
    }

    /**
     * @param name a valid name.
     * @return the form that decides uniqueness (lower case), used in the {@code name::} key.
     */
    public static String uniquenessKey(final String name)
    {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String quote(final String name)
    {
        if (name == null)
        {
            return "null";
        }
        final String shown = name.length() > 40 ? name.substring(0, 40) + "..." : name;
        return '"' + shown + "\" (" + name.length() + " characters)";
    }
}
