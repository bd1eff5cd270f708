package io.gamehall.master.support;

import io.gamehall.sbe.master.CheckInUserEncoder;
import io.gamehall.sbe.master.CheckOutUserEncoder;
import io.gamehall.sbe.master.CreateInstanceEncoder;
import io.gamehall.sbe.master.CreateMatchEncoder;
import io.gamehall.sbe.master.DeregisterServerEncoder;
import io.gamehall.sbe.master.DestroyInstanceEncoder;
import io.gamehall.sbe.master.DrainServerEncoder;
import io.gamehall.sbe.master.GetInstanceEncoder;
import io.gamehall.sbe.master.GetUserEncoder;
import io.gamehall.sbe.master.InstanceEndedEncoder;
import io.gamehall.sbe.master.InstanceReadyEncoder;
import io.gamehall.sbe.master.InstanceState;
import io.gamehall.sbe.master.JoinInstanceEncoder;
import io.gamehall.sbe.master.LeaveInstanceEncoder;
import io.gamehall.sbe.master.ListInstancesEncoder;
import io.gamehall.sbe.master.ListServersEncoder;
import io.gamehall.sbe.master.ListUsersEncoder;
import io.gamehall.sbe.master.MessageHeaderEncoder;
import io.gamehall.sbe.master.RegisterServerEncoder;
import io.gamehall.sbe.master.SearchInstancesEncoder;
import io.gamehall.sbe.master.ServerHeartbeatEncoder;
import io.gamehall.sbe.master.ServerRole;
import org.agrona.MutableDirectBuffer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Encodes a command written as text, {@code Name key=value ...}, into SBE. Keys are the schema's
 * field names; a missing key encodes 0 or an empty string, an unknown key is an error. Game types
 * and a match's players are comma separated: {@code gameTypes=1,2}, {@code players=4,9}.
 */
public final class CommandText
{
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    /**
     * @return the encoded length.
     * @throws IllegalArgumentException for an unknown command or key, or a bad value.
     */
    public int encode(final String line, final MutableDirectBuffer buffer, final int offset)
    {
        final String[] parts = line.trim().split("\\s+");
        final Fields f = new Fields(parts);
        final int length;
        switch (parts[0])
        {
            case "RegisterServer":
            {
                final RegisterServerEncoder e = new RegisterServerEncoder().wrapAndApplyHeader(buffer, offset, header)
                    .clientId(f.l("clientId")).requestId(f.l("requestId"))
                    .role(ServerRole.valueOf(f.s("role", "GAME_HOST")))
                    .capacity(f.i("capacity"));
                final String types = f.s("gameTypes", "");
                final String[] list = types.isEmpty() ? new String[0] : types.split(",");
                final RegisterServerEncoder.GameTypesEncoder g = e.gameTypesCount(list.length);
                for (final String type : list)
                {
                    g.next().gameType(Integer.parseInt(type));
                }
                e.name(f.s("name", "")).endpoint(f.s("endpoint", "")).softwareVersion(f.s("softwareVersion", ""));
                length = e.encodedLength();
                break;
            }
            case "ServerHeartbeat":
                length = new ServerHeartbeatEncoder().wrapAndApplyHeader(buffer, offset, header)
                    .clientId(f.l("clientId")).requestId(f.l("requestId")).serverId(f.l("serverId")).load(f.i("load"))
                    .encodedLength();
                break;
            case "DrainServer":
                length = new DrainServerEncoder().wrapAndApplyHeader(buffer, offset, header)
                    .clientId(f.l("clientId")).requestId(f.l("requestId")).serverId(f.l("serverId")).encodedLength();
                break;
            case "DeregisterServer":
                length = new DeregisterServerEncoder().wrapAndApplyHeader(buffer, offset, header)
                    .clientId(f.l("clientId")).requestId(f.l("requestId")).serverId(f.l("serverId")).encodedLength();
                break;
            case "CheckInUser":
                length = new CheckInUserEncoder().wrapAndApplyHeader(buffer, offset, header)
                    .clientId(f.l("clientId")).requestId(f.l("requestId")).gatewayId(f.l("gatewayId"))
                    .userId(f.l("userId")).userName(f.s("userName", "")).encodedLength();
                break;
            case "CheckOutUser":
                length = new CheckOutUserEncoder().wrapAndApplyHeader(buffer, offset, header)
                    .clientId(f.l("clientId")).requestId(f.l("requestId")).gatewayId(f.l("gatewayId"))
                    .userId(f.l("userId")).encodedLength();
                break;
            case "CreateInstance":
                length = new CreateInstanceEncoder().wrapAndApplyHeader(buffer, offset, header)
                    .clientId(f.l("clientId")).requestId(f.l("requestId")).ownerId(f.l("ownerId"))
                    .gameType(f.i("gameType")).maxPlayers(f.i("maxPlayers")).region(f.i("region")).mode(f.i("mode"))
                    .ratingBand(f.i("ratingBand")).encodedLength();
                break;
            case "InstanceReady":
                length = new InstanceReadyEncoder().wrapAndApplyHeader(buffer, offset, header)
                    .clientId(f.l("clientId")).requestId(f.l("requestId")).hostId(f.l("hostId"))
                    .instanceId(f.l("instanceId")).encodedLength();
                break;
            case "InstanceEnded":
                length = new InstanceEndedEncoder().wrapAndApplyHeader(buffer, offset, header)
                    .clientId(f.l("clientId")).requestId(f.l("requestId")).hostId(f.l("hostId"))
                    .instanceId(f.l("instanceId")).encodedLength();
                break;
            case "JoinInstance":
                length = new JoinInstanceEncoder().wrapAndApplyHeader(buffer, offset, header)
                    .clientId(f.l("clientId")).requestId(f.l("requestId")).userId(f.l("userId"))
                    .instanceId(f.l("instanceId")).encodedLength();
                break;
            case "LeaveInstance":
                length = new LeaveInstanceEncoder().wrapAndApplyHeader(buffer, offset, header)
                    .clientId(f.l("clientId")).requestId(f.l("requestId")).userId(f.l("userId"))
                    .instanceId(f.l("instanceId")).encodedLength();
                break;
            case "DestroyInstance":
                length = new DestroyInstanceEncoder().wrapAndApplyHeader(buffer, offset, header)
                    .clientId(f.l("clientId")).requestId(f.l("requestId")).requesterId(f.l("requesterId"))
                    .instanceId(f.l("instanceId")).encodedLength();
                break;
            case "SearchInstances":
                length = new SearchInstancesEncoder().wrapAndApplyHeader(buffer, offset, header)
                    .clientId(f.l("clientId")).requestId(f.l("requestId")).gameType(f.i("gameType"))
                    .state(InstanceState.valueOf(f.s("state", "OPEN"))).region(f.i("region")).mode(f.i("mode"))
                    .ratingBand(f.i("ratingBand")).minOpenSeats(f.i("minOpenSeats")).maxResults(f.i("maxResults"))
                    .cursor(f.l("cursor")).encodedLength();
                break;
            case "GetInstance":
                length = new GetInstanceEncoder().wrapAndApplyHeader(buffer, offset, header)
                    .clientId(f.l("clientId")).requestId(f.l("requestId")).instanceId(f.l("instanceId")).encodedLength();
                break;
            case "ListServers":
                length = new ListServersEncoder().wrapAndApplyHeader(buffer, offset, header)
                    .clientId(f.l("clientId")).requestId(f.l("requestId")).cursor(f.l("cursor"))
                    .maxResults(f.i("maxResults")).encodedLength();
                break;
            case "GetUser":
                length = new GetUserEncoder().wrapAndApplyHeader(buffer, offset, header)
                    .clientId(f.l("clientId")).requestId(f.l("requestId")).userId(f.l("userId"))
                    .userName(f.s("userName", "")).encodedLength();
                break;
            case "ListUsers":
                length = new ListUsersEncoder().wrapAndApplyHeader(buffer, offset, header)
                    .clientId(f.l("clientId")).requestId(f.l("requestId")).cursor(f.l("cursor"))
                    .maxResults(f.i("maxResults")).encodedLength();
                break;
            case "ListInstances":
                length = new ListInstancesEncoder().wrapAndApplyHeader(buffer, offset, header)
                    .clientId(f.l("clientId")).requestId(f.l("requestId")).cursor(f.l("cursor"))
                    .maxResults(f.i("maxResults")).encodedLength();
                break;
            case "CreateMatch":
            {
                final CreateMatchEncoder e = new CreateMatchEncoder().wrapAndApplyHeader(buffer, offset, header)
                    .clientId(f.l("clientId")).requestId(f.l("requestId"))
                    .matchmakerId(f.l("matchmakerId")).matchId(f.l("matchId")).gameType(f.i("gameType"))
                    .region(f.i("region")).mode(f.i("mode")).ratingBand(f.i("ratingBand"));
                final String players = f.s("players", "");
                final String[] list = players.isEmpty() ? new String[0] : players.split(",");
                final CreateMatchEncoder.PlayersEncoder g = e.playersCount(list.length);
                for (final String player : list)
                {
                    g.next().userId(Long.parseLong(player));
                }
                length = e.encodedLength();
                break;
            }
            default:
                throw new IllegalArgumentException("unknown command: " + parts[0]);
        }
        f.requireAllUsed(parts[0]);
        return MessageHeaderEncoder.ENCODED_LENGTH + length;
    }

    private static final class Fields
    {
        private final Map<String, String> values = new LinkedHashMap<>();

        Fields(final String[] parts)
        {
            for (int i = 1; i < parts.length; i++)
            {
                final int eq = parts[i].indexOf('=');
                if (eq <= 0)
                {
                    throw new IllegalArgumentException("expected key=value: " + parts[i]);
                }
                values.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
            }
        }

        long l(final String key)
        {
            final String v = values.remove(key);
            return v == null ? 0 : Long.parseLong(v);
        }

        int i(final String key)
        {
            final String v = values.remove(key);
            return v == null ? 0 : Integer.parseInt(v);
        }

        String s(final String key, final String otherwise)
        {
            final String v = values.remove(key);
            return v == null ? otherwise : v;
        }

        void requireAllUsed(final String command)
        {
            if (!values.isEmpty())
            {
                throw new IllegalArgumentException(command + " has no field(s) " + values.keySet());
            }
        }
    }
}
