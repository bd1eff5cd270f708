package io.gamehall.master.text;

import io.gamehall.sbe.master.CheckInUserDecoder;
import io.gamehall.sbe.master.CheckOutUserDecoder;
import io.gamehall.sbe.master.CommandResultDecoder;
import io.gamehall.sbe.master.CreateInstanceDecoder;
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

/**
 * Renders any master-protocol message as one line, {@code Name field=value ...}, from the
 * generated decoders' own text form.
 */
public final class MessageText
{
    private MessageText()
    {
    }

    public static String render(final DirectBuffer buffer, final int offset, final int length)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int block = header.blockLength();
        final int version = header.version();
        final StringBuilder text = new StringBuilder();
        switch (header.templateId())
        {
            case RegisterServerDecoder.TEMPLATE_ID -> new RegisterServerDecoder().wrap(buffer, body, block, version).appendTo(text);
            case ServerHeartbeatDecoder.TEMPLATE_ID -> new ServerHeartbeatDecoder().wrap(buffer, body, block, version).appendTo(text);
            case DrainServerDecoder.TEMPLATE_ID -> new DrainServerDecoder().wrap(buffer, body, block, version).appendTo(text);
            case DeregisterServerDecoder.TEMPLATE_ID -> new DeregisterServerDecoder().wrap(buffer, body, block, version).appendTo(text);
            case CheckInUserDecoder.TEMPLATE_ID -> new CheckInUserDecoder().wrap(buffer, body, block, version).appendTo(text);
            case CheckOutUserDecoder.TEMPLATE_ID -> new CheckOutUserDecoder().wrap(buffer, body, block, version).appendTo(text);
            case CreateInstanceDecoder.TEMPLATE_ID -> new CreateInstanceDecoder().wrap(buffer, body, block, version).appendTo(text);
            case InstanceReadyDecoder.TEMPLATE_ID -> new InstanceReadyDecoder().wrap(buffer, body, block, version).appendTo(text);
            case InstanceEndedDecoder.TEMPLATE_ID -> new InstanceEndedDecoder().wrap(buffer, body, block, version).appendTo(text);
            case JoinInstanceDecoder.TEMPLATE_ID -> new JoinInstanceDecoder().wrap(buffer, body, block, version).appendTo(text);
            case LeaveInstanceDecoder.TEMPLATE_ID -> new LeaveInstanceDecoder().wrap(buffer, body, block, version).appendTo(text);
            case DestroyInstanceDecoder.TEMPLATE_ID -> new DestroyInstanceDecoder().wrap(buffer, body, block, version).appendTo(text);
            case SearchInstancesDecoder.TEMPLATE_ID -> new SearchInstancesDecoder().wrap(buffer, body, block, version).appendTo(text);
            case GetInstanceDecoder.TEMPLATE_ID -> new GetInstanceDecoder().wrap(buffer, body, block, version).appendTo(text);
            case ListServersDecoder.TEMPLATE_ID -> new ListServersDecoder().wrap(buffer, body, block, version).appendTo(text);
            case GetUserDecoder.TEMPLATE_ID -> new GetUserDecoder().wrap(buffer, body, block, version).appendTo(text);
            case ListUsersDecoder.TEMPLATE_ID -> new ListUsersDecoder().wrap(buffer, body, block, version).appendTo(text);
            case ListInstancesDecoder.TEMPLATE_ID -> new ListInstancesDecoder().wrap(buffer, body, block, version).appendTo(text);
            case CommandResultDecoder.TEMPLATE_ID -> new CommandResultDecoder().wrap(buffer, body, block, version).appendTo(text);
            case InstanceSearchResultDecoder.TEMPLATE_ID -> new InstanceSearchResultDecoder().wrap(buffer, body, block, version).appendTo(text);
            case InstanceInfoDecoder.TEMPLATE_ID -> new InstanceInfoDecoder().wrap(buffer, body, block, version).appendTo(text);
            case ServerListDecoder.TEMPLATE_ID -> new ServerListDecoder().wrap(buffer, body, block, version).appendTo(text);
            case UserInfoDecoder.TEMPLATE_ID -> new UserInfoDecoder().wrap(buffer, body, block, version).appendTo(text);
            case UserListDecoder.TEMPLATE_ID -> new UserListDecoder().wrap(buffer, body, block, version).appendTo(text);
            case InstanceListDecoder.TEMPLATE_ID -> new InstanceListDecoder().wrap(buffer, body, block, version).appendTo(text);
            case SpawnInstanceDecoder.TEMPLATE_ID -> new SpawnInstanceDecoder().wrap(buffer, body, block, version).appendTo(text);
            case RestoreInstanceDecoder.TEMPLATE_ID -> new RestoreInstanceDecoder().wrap(buffer, body, block, version).appendTo(text);
            case PlayerJoinedDecoder.TEMPLATE_ID -> new PlayerJoinedDecoder().wrap(buffer, body, block, version).appendTo(text);
            case PlayerLeftDecoder.TEMPLATE_ID -> new PlayerLeftDecoder().wrap(buffer, body, block, version).appendTo(text);
            case PlayerReattachedDecoder.TEMPLATE_ID -> new PlayerReattachedDecoder().wrap(buffer, body, block, version).appendTo(text);
            case TerminateInstanceDecoder.TEMPLATE_ID -> new TerminateInstanceDecoder().wrap(buffer, body, block, version).appendTo(text);
            case KickUserDecoder.TEMPLATE_ID -> new KickUserDecoder().wrap(buffer, body, block, version).appendTo(text);
            case InstanceMovedDecoder.TEMPLATE_ID -> new InstanceMovedDecoder().wrap(buffer, body, block, version).appendTo(text);
            case GatewayListChangedDecoder.TEMPLATE_ID -> new GatewayListChangedDecoder().wrap(buffer, body, block, version).appendTo(text);
            case DrainOrderDecoder.TEMPLATE_ID -> new DrainOrderDecoder().wrap(buffer, body, block, version).appendTo(text);
            default -> text.append("[Unknown").append(header.templateId()).append("]():");
        }
        return compact(text);
    }

    private static String compact(final StringBuilder sbe)
    {
        final int nameEnd = sbe.indexOf("]");
        final String name = sbe.substring(1, nameEnd);
        final int fieldsStart = sbe.indexOf("):") + 2;
        final String fields = sbe.substring(fieldsStart).replace('|', ' ').replace("'", "").trim();
        return fields.isEmpty() ? name : name + " " + fields;
    }
}
