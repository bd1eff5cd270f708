package io.gamehall.codegen.typescript;

import uk.co.real_logic.sbe.PrimitiveType;
import uk.co.real_logic.sbe.PrimitiveValue;

/**
 * How one SBE primitive type looks in TypeScript: the {@code DataView} accessor that reads and
 * writes it, the TypeScript type (64-bit integers are {@code bigint}, everything else
 * {@code number}) and how a value of it is written as a literal.
 */
final class PrimitiveMapping
{
    private final PrimitiveType type;

    PrimitiveMapping(final PrimitiveType type)
    {
        this.type = type;
    }

    /**
     * @return the TypeScript type of a value.
     */
    String tsType()
    {
        return isBigInt() ? "bigint" : "number";
    }

    /**
     * @return whether values are {@code bigint}.
     */
    boolean isBigInt()
    {
        return type == PrimitiveType.INT64 || type == PrimitiveType.UINT64;
    }

    /**
     * @return the size in bytes.
     */
    int size()
    {
        return type.size();
    }

    /**
     * @return the {@code DataView} accessor suffix ({@code Uint16} for {@code getUint16}).
     */
    String accessor()
    {
        return switch (type)
        {
            case CHAR, UINT8 -> "Uint8";
            case INT8 -> "Int8";
            case INT16 -> "Int16";
            case UINT16 -> "Uint16";
            case INT32 -> "Int32";
            case UINT32 -> "Uint32";
            case INT64 -> "BigInt64";
            case UINT64 -> "BigUint64";
            case FLOAT -> "Float32";
            case DOUBLE -> "Float64";
        };
    }

    /**
     * @param at          the offset expression.
     * @param littleEndian the byte order.
     * @return an expression reading a value from the class's {@code #view}.
     */
    String read(final String at, final boolean littleEndian)
    {
        return size() == 1 ? "this.#view.get" + accessor() + "(" + at + ")" :
            "this.#view.get" + accessor() + "(" + at + ", " + littleEndian + ")";
    }

    /**
     * @param at           the offset expression.
     * @param value        the value expression.
     * @param littleEndian the byte order.
     * @return a statement writing a value into the class's {@code #view}.
     */
    String write(final String at, final String value, final boolean littleEndian)
    {
        return size() == 1 ? "this.#view.set" + accessor() + "(" + at + ", " + value + ");" :
            "this.#view.set" + accessor() + "(" + at + ", " + value + ", " + littleEndian + ");";
    }

    /**
     * @param value a value of this type.
     * @return the value as a TypeScript literal of {@link #tsType()}.
     */
    String literal(final PrimitiveValue value)
    {
        return switch (type)
        {
            case INT64 -> value.longValue() + "n";
            case UINT64 -> Long.toUnsignedString(value.longValue()) + "n";
            case FLOAT, DOUBLE -> doubleLiteral(value.doubleValue());
            default -> Long.toString(value.longValue());
        };
    }

    private static String doubleLiteral(final double value)
    {
        if (Double.isNaN(value))
        {
            return "NaN";
        }
        if (Double.isInfinite(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        return Double.toString(value);
    }
}
