package io.gamehall.replay;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which journaled commands an operator asked for. All given criteria must hold.
 */
final class RecordFilter
{
    private static final List<String> USER_FIELDS = List.of("userId", "ownerId", "requesterId");
    private static final List<String> SERVER_FIELDS = List.of("serverId", "gatewayId", "hostId");

    long fromTime = Long.MIN_VALUE;
    long toTime = Long.MAX_VALUE;
    long fromPosition = Long.MIN_VALUE;
    long toPosition = Long.MAX_VALUE;
    String user;
    Long instance;
    Long server;
    Set<String> commands;
    Set<String> results;
    private final Map<String, Long> userIdByName = new HashMap<>();

    boolean matches(final CommandRecord record)
    {
        if ("CheckInUser".equals(record.command()) && record.fields().containsKey("userName"))
        {
            final Long id = record.longField("userId");
            if (id != null)
            {
                userIdByName.put(record.fields().get("userName"), id);
            }
        }
        if (record.timestamp() < fromTime || record.timestamp() > toTime ||
            record.position() < fromPosition || record.position() > toPosition)
        {
            return false;
        }
        if (commands != null && !commands.contains(record.command()))
        {
            return false;
        }
        if (results != null && !results.contains(record.result()))
        {
            return false;
        }
        if (user != null && !matchesUser(record))
        {
            return false;
        }
        if (instance != null && !matchesInstance(record))
        {
            return false;
        }
        return server == null || matchesServer(record);
    }

    private boolean matchesUser(final CommandRecord record)
    {
        Long id = parse(user);
        if (id == null)
        {
            if (user.equals(record.fields().get("userName")))
            {
                return true;
            }
            id = userIdByName.get(user);
            if (id == null)
            {
                return false;
            }
        }
        for (final String field : USER_FIELDS)
        {
            if (id.equals(record.longField(field)))
            {
                return true;
            }
        }
        return false;
    }

    private boolean matchesInstance(final CommandRecord record)
    {
        return instance.equals(record.longField("instanceId")) ||
            ("CreateInstance".equals(record.command()) && record.subjectId() == instance);
    }

    private boolean matchesServer(final CommandRecord record)
    {
        for (final String field : SERVER_FIELDS)
        {
            if (server.equals(record.longField(field)))
            {
                return true;
            }
        }
        return ("RegisterServer".equals(record.command()) && record.subjectId() == server) ||
            ("CreateInstance".equals(record.command()) && record.detailId() == server);
    }

    private static Long parse(final String value)
    {
        try
        {
            return Long.parseLong(value);
        }
        catch (final NumberFormatException ex)
        {
            return null;
        }
    }
}
