package io.gamehall.codegen.typescript;

import java.util.ArrayList;
import java.util.List;

/**
 * The class whose accessors are being written (a message, a repeating group or a composite):
 * what its accessors read their acting version and limit from, and the members (cached
 * flyweights of composite and set fields, group flyweights) it must declare.
 */
final class Block
{
    private final String versionExpression;
    private final String limitOwner;
    private final List<String> members = new ArrayList<>();
    private final List<String> constructorLines = new ArrayList<>();

    /**
     * @param versionExpression the acting version of the message, null for a composite (which has none).
     * @param limitOwner        the object that holds the message's limit ({@code this} or {@code this.parent}),
     *                          null for a composite.
     */
    Block(final String versionExpression, final String limitOwner)
    {
        this.versionExpression = versionExpression;
        this.limitOwner = limitOwner;
    }

    String versionExpression()
    {
        return versionExpression;
    }

    String limitOwner()
    {
        return limitOwner;
    }

    /**
     * Declare a member of the class (written before its methods).
     */
    void member(final String declaration)
    {
        members.add(declaration);
    }

    /**
     * A statement of the class's constructor (members that need {@code this} or the parent).
     */
    void constructorLine(final String statement)
    {
        constructorLines.add(statement);
    }

    List<String> members()
    {
        return members;
    }

    List<String> constructorLines()
    {
        return constructorLines;
    }
}
