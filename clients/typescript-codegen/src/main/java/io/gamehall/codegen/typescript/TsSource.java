package io.gamehall.codegen.typescript;

/**
 * TypeScript text being written: lines at the current indentation (four spaces a level, braces
 * on their own lines as in the rest of gamehall).
 */
final class TsSource
{
    private static final String INDENT = "    ";

    private final StringBuilder text = new StringBuilder(64 * 1024);
    private int depth;

    /**
     * Add a line at the current indentation; an empty line has no indentation.
     */
    TsSource line(final String line)
    {
        if (!line.isEmpty())
        {
            text.append(INDENT.repeat(depth)).append(line);
        }
        text.append('\n');
        return this;
    }

    /**
     * Add an empty line.
     */
    TsSource blank()
    {
        return line("");
    }

    /**
     * Add a line, then "{" on a line of its own, and indent what follows.
     */
    TsSource open(final String line)
    {
        line(line);
        line("{");
        depth++;
        return this;
    }

    /**
     * Close the innermost block with "}".
     */
    TsSource close()
    {
        depth--;
        return line("}");
    }

    /**
     * Close the innermost block with "}" followed by a suffix (";" after an object literal).
     */
    TsSource close(final String suffix)
    {
        depth--;
        return line("}" + suffix);
    }

    /**
     * A one-line JSDoc comment, or nothing when the text is empty.
     */
    TsSource doc(final String description)
    {
        if (description != null && !description.isBlank())
        {
            line("/** " + description.strip().replace("*/", "* /").replaceAll("\\s+", " ") + " */");
        }
        return this;
    }

    /**
     * Add the lines of another source at the current indentation.
     */
    TsSource raw(final TsSource other)
    {
        for (final String line : other.toString().split("\n", -1))
        {
            line(line);
        }
        text.setLength(text.length() - 1);
        return this;
    }

    @Override
    public String toString()
    {
        return text.toString();
    }
}
