package io.gamehall.codegen.typescript;

import java.util.Set;

/**
 * Names in the generated TypeScript: classes after the schema's types and messages, accessors
 * after the fields, and the members every generated class has, which no field may be named after.
 */
final class Names
{
    /**
     * Public members of the generated classes; a field of the same name would hide one of them
     * (their state is in private {@code #} fields, which no accessor can clash with).
     */
    private static final Set<String> RESERVED = Set.of(
        "wrap", "wrapAndApplyHeader", "wrapEmpty", "limit", "setLimit", "encodedLength", "actingVersion",
        "count", "hasNext", "next", "clear", "raw", "constructor", "toString", "valueOf", "toJSON");

    private Names()
    {
    }

    /**
     * @return the name with its first character in upper case.
     */
    static String upperFirst(final String name)
    {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * @return the name with its first character in lower case.
     */
    static String lowerFirst(final String name)
    {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * @return the name of the function that names a value of an enum ({@code clientCodeName}).
     */
    static String enumNameFunction(final String enumName)
    {
        return lowerFirst(enumName) + "Name";
    }

    /**
     * @return the name of the constant holding an enum's null value ({@code CLIENT_CODE_NULL_VALUE}).
     */
    static String enumNullConstant(final String enumName)
    {
        return upperFirst(enumName).replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase() + "_NULL_VALUE";
    }

    /**
     * @param owner what the field belongs to, for the message.
     * @param name  a field, group or var-data name.
     * @return the name, when no generated member has it.
     * @throws IllegalArgumentException when it would hide a generated member.
     */
    static String accessor(final String owner, final String name)
    {
        if (RESERVED.contains(name))
        {
            throw new IllegalArgumentException(owner + "." + name + ": the TypeScript codecs use '" + name +
                "' themselves; rename the field in the schema");
        }
        return name;
    }
}
