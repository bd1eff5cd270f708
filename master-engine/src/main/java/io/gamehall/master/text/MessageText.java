package io.gamehall.master.text;

import io.gamehall.sbe.master.CheckInUserDecoder;
import io.gamehall.sbe.master.CheckOutUserDecoder;
import io.gamehall.sbe.master.CommandResultDecoder;
import io.gamehall.sbe.master.CreateInstanceDecoder;
import io.gamehall.sbe.master.CreateMatchDecoder;
import io.gamehall.sbe.master.DeregisterServerDecoder;
import io.gamehall.sbe.master.DestroyInstanceDecoder;
import io.gamehall.sbe.master.DrainOrderDecoder;
import io.gamehall.sbe.master.DrainServerDecoder;
import io.gamehall.sbe.master.GatewayListChangedDecoder;
import io.gamehall.sbe.master.GetInstanceDecoder;
import io.gamehall.sbe.master.GetUserDecoder;
import io.gamehall.sbe.master.InstanceEndedDecoder;
import io.gamehall.sbe.master.InstanceInfoDecoder;
import io.gamehall.sbe.master.InstanceListDecoder;
import io.gamehall.sbe.master.InstanceMovedDecoder;
import io.gamehall.sbe.master.InstanceReadyDecoder;
import io.gamehall.sbe.master.InstanceSearchResultDecoder;
import io.gamehall.sbe.master.JoinInstanceDecoder;
import io.gamehall.sbe.master.KickUserDecoder;
import io.gamehall.sbe.master.LeaveInstanceDecoder;
import io.gamehall.sbe.master.ListInstancesDecoder;
import io.gamehall.sbe.master.ListServersDecoder;
import io.gamehall.sbe.master.ListUsersDecoder;
import io.gamehall.sbe.master.MatchFoundDecoder;
import io.gamehall.sbe.master.MessageHeaderDecoder;
import io.gamehall.sbe.master.PlayerJoinedDecoder;
import io.gamehall.sbe.master.PlayerLeftDecoder;
import io.gamehall.sbe.master.PlayerReattachedDecoder;
import io.gamehall.sbe.master.RegisterServerDecoder;
import io.gamehall.sbe.master.RestoreInstanceDecoder;
import io.gamehall.sbe.master.SearchInstancesDecoder;
import io.gamehall.sbe.master.ServerHeartbeatDecoder;
import io.gamehall.sbe.master.ServerListDecoder;
import io.gamehall.sbe.master.SpawnInstanceDecoder;
import io.gamehall.sbe.master.TerminateInstanceDecoder;
import io.gamehall.sbe.master.UserInfoDecoder;
import io.gamehall.sbe.master.UserListDecoder;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.sbe.MessageDecoderFlyweight;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Renders any master-protocol message as one line, {@code Name field=value ...}, from the
 * generated decoders' own text form. It renders every message any schema version can hold and
 * never throws: an enum value this version does not know is shown as its number
 * ({@code role=9}), a message whose fields run past its end or whose template is unknown is
 * shown by name with what could be read and its bytes in hex.
 */
public final class MessageText
{
    private static final Int2ObjectHashMap<Supplier<MessageDecoderFlyweight>> DECODERS = new Int2ObjectHashMap<>();

    static
    {
        DECODERS.put(RegisterServerDecoder.TEMPLATE_ID, RegisterServerDecoder::new);
        DECODERS.put(ServerHeartbeatDecoder.TEMPLATE_ID, ServerHeartbeatDecoder::new);
        DECODERS.put(DrainServerDecoder.TEMPLATE_ID, DrainServerDecoder::new);
        DECODERS.put(DeregisterServerDecoder.TEMPLATE_ID, DeregisterServerDecoder::new);
        DECODERS.put(CheckInUserDecoder.TEMPLATE_ID, CheckInUserDecoder::new);
        DECODERS.put(CheckOutUserDecoder.TEMPLATE_ID, CheckOutUserDecoder::new);
        DECODERS.put(CreateInstanceDecoder.TEMPLATE_ID, CreateInstanceDecoder::new);
        DECODERS.put(InstanceReadyDecoder.TEMPLATE_ID, InstanceReadyDecoder::new);
        DECODERS.put(InstanceEndedDecoder.TEMPLATE_ID, InstanceEndedDecoder::new);
        DECODERS.put(JoinInstanceDecoder.TEMPLATE_ID, JoinInstanceDecoder::new);
        DECODERS.put(LeaveInstanceDecoder.TEMPLATE_ID, LeaveInstanceDecoder::new);
        DECODERS.put(DestroyInstanceDecoder.TEMPLATE_ID, DestroyInstanceDecoder::new);
        DECODERS.put(SearchInstancesDecoder.TEMPLATE_ID, SearchInstancesDecoder::new);
        DECODERS.put(GetInstanceDecoder.TEMPLATE_ID, GetInstanceDecoder::new);
        DECODERS.put(ListServersDecoder.TEMPLATE_ID, ListServersDecoder::new);
        DECODERS.put(GetUserDecoder.TEMPLATE_ID, GetUserDecoder::new);
        DECODERS.put(ListUsersDecoder.TEMPLATE_ID, ListUsersDecoder::new);
        DECODERS.put(ListInstancesDecoder.TEMPLATE_ID, ListInstancesDecoder::new);
        DECODERS.put(CommandResultDecoder.TEMPLATE_ID, CommandResultDecoder::new);
        DECODERS.put(InstanceSearchResultDecoder.TEMPLATE_ID, InstanceSearchResultDecoder::new);
        DECODERS.put(InstanceInfoDecoder.TEMPLATE_ID, InstanceInfoDecoder::new);
        DECODERS.put(ServerListDecoder.TEMPLATE_ID, ServerListDecoder::new);
        DECODERS.put(UserInfoDecoder.TEMPLATE_ID, UserInfoDecoder::new);
        DECODERS.put(UserListDecoder.TEMPLATE_ID, UserListDecoder::new);
        DECODERS.put(InstanceListDecoder.TEMPLATE_ID, InstanceListDecoder::new);
        DECODERS.put(SpawnInstanceDecoder.TEMPLATE_ID, SpawnInstanceDecoder::new);
        DECODERS.put(RestoreInstanceDecoder.TEMPLATE_ID, RestoreInstanceDecoder::new);
        DECODERS.put(PlayerJoinedDecoder.TEMPLATE_ID, PlayerJoinedDecoder::new);
        DECODERS.put(PlayerLeftDecoder.TEMPLATE_ID, PlayerLeftDecoder::new);
        DECODERS.put(PlayerReattachedDecoder.TEMPLATE_ID, PlayerReattachedDecoder::new);
        DECODERS.put(TerminateInstanceDecoder.TEMPLATE_ID, TerminateInstanceDecoder::new);
        DECODERS.put(KickUserDecoder.TEMPLATE_ID, KickUserDecoder::new);
        DECODERS.put(InstanceMovedDecoder.TEMPLATE_ID, InstanceMovedDecoder::new);
        DECODERS.put(GatewayListChangedDecoder.TEMPLATE_ID, GatewayListChangedDecoder::new);
        DECODERS.put(DrainOrderDecoder.TEMPLATE_ID, DrainOrderDecoder::new);
        DECODERS.put(CreateMatchDecoder.TEMPLATE_ID, CreateMatchDecoder::new);
        DECODERS.put(MatchFoundDecoder.TEMPLATE_ID, MatchFoundDecoder::new);
    }

    private MessageText()
    {
    }

    public static String render(final DirectBuffer buffer, final int offset, final int length)
    {
        return render(buffer, offset, length, false);
    }

    /**
     * As {@link #render(DirectBuffer, int, int)}, with every string field's value in single
     * quotes ({@code userName='007'}), so that a reader can tell text from numbers.
     */
    public static String renderWithQuotedStrings(final DirectBuffer buffer, final int offset, final int length)
    {
        return render(buffer, offset, length, true);
    }

    private static String render(final DirectBuffer buffer, final int offset, final int length, final boolean quoted)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return "Undecodable " + hex(buffer, offset, length);
        }
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, offset);
        final int templateId = header.templateId();
        final Supplier<MessageDecoderFlyweight> decoder = DECODERS.get(templateId);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID || decoder == null)
        {
            return "Unknown(schema=" + header.schemaId() + " template=" + templateId + " version=" + header.version() +
                ") " + hex(buffer, offset, length);
        }
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int block = header.blockLength();
        final int version = header.version();
        try
        {
            return compact(decoder.get().wrap(buffer, body, block, version).appendTo(new StringBuilder()), quoted);
        }
        catch (final IllegalArgumentException unknownEnumValue)
        {
            return renderWithRawEnums(decoder.get(), buffer, offset, length, block, version, quoted);
        }
        catch (final RuntimeException truncated)
        {
            return name(decoder.get()) + " (truncated: " + truncated.getMessage() + ") " + hex(buffer, offset, length);
        }
    }

    /**
     * The message again over a copy in which every enum field of the root block holding a value
     * this version does not know is set to the enum's null value, then that value's text
     * replaced by the number the message holds.
     */
    private static String renderWithRawEnums(
        final MessageDecoderFlyweight decoder,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final int block,
        final int version,
        final boolean quoted)
    {
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
        buffer.getBytes(offset, copy, 0, length);
        final List<String[]> replaced = new ArrayList<>();
        try
        {
            decoder.wrap(copy, MessageHeaderDecoder.ENCODED_LENGTH, block, version);
            for (final Method getter : decoder.getClass().getMethods())
            {
                final Class<?> type = getter.getReturnType();
                if (getter.getParameterCount() != 0 || !type.isEnum())
                {
                    continue;
                }
                final String field = getter.getName();
                final Method raw = decoder.getClass().getMethod(field + "Raw");
                final Method at = decoder.getClass().getMethod(field + "EncodingOffset");
                final Object rawValue = raw.invoke(decoder);
                if (knows(type, rawValue))
                {
                    continue;
                }
                final Object nullValue = type.getField("NULL_VAL").get(null);
                final Object nullRaw = type.getMethod("value").invoke(nullValue);
                final int fieldOffset = MessageHeaderDecoder.ENCODED_LENGTH + (int)at.invoke(null);
                if (nullRaw instanceof Short)
                {
                    copy.putByte(fieldOffset, (byte)(short)(Short)nullRaw);
                }
                else
                {
                    copy.putShort(fieldOffset, (short)(int)(Integer)nullRaw, java.nio.ByteOrder.LITTLE_ENDIAN);
                }
                replaced.add(new String[]{field, String.valueOf(rawValue)});
            }
            String text = compact(decoder.wrap(copy, MessageHeaderDecoder.ENCODED_LENGTH, block, version)
                .appendTo(new StringBuilder()), quoted);
            for (final String[] field : replaced)
            {
                text = text.replace(field[0] + "=NULL_VAL", field[0] + "=" + field[1]);
            }
            return text;
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            return name(decoder) + " (a value this version does not know: " + ex.getMessage() + ") " +
                hex(buffer, offset, length);
        }
    }

    private static boolean knows(final Class<?> enumType, final Object rawValue) throws ReflectiveOperationException
    {
        final Method get = enumType.getMethod("get", rawValue instanceof Short ? short.class : int.class);
        try
        {
            get.invoke(null, rawValue);
            return true;
        }
        catch (final java.lang.reflect.InvocationTargetException ex)
        {
            return false;
        }
    }

    private static String name(final MessageDecoderFlyweight decoder)
    {
        final String simple = decoder.getClass().getSimpleName();
        return simple.endsWith("Decoder") ? simple.substring(0, simple.length() - "Decoder".length()) : simple;
    }

    private static String hex(final DirectBuffer buffer, final int offset, final int length)
    {
        final StringBuilder text = new StringBuilder("bytes=");
        for (int i = 0; i < length; i++)
        {
            text.append(String.format("%02x", buffer.getByte(offset + i) & 0xFF));
        }
        return text.toString();
    }

    private static String compact(final StringBuilder sbe, final boolean quoted)
    {
        final int nameEnd = sbe.indexOf("]");
        final String name = sbe.substring(1, nameEnd);
        final int fieldsStart = sbe.indexOf("):") + 2;
        final String spaced = sbe.substring(fieldsStart).replace('|', ' ');
        final String fields = (quoted ? spaced : spaced.replace("'", "")).trim();
        return fields.isEmpty() ? name : name + " " + fields;
    }
}
