package io.gamehall.perf;

import io.gamehall.sbe.master.CheckInUserDecoder;
import io.gamehall.sbe.master.CheckOutUserDecoder;
import io.gamehall.sbe.master.CommandResultDecoder;
import io.gamehall.sbe.master.CreateInstanceDecoder;
import io.gamehall.sbe.master.GetInstanceDecoder;
import io.gamehall.sbe.master.InstanceEndedDecoder;
import io.gamehall.sbe.master.InstanceInfoDecoder;
import io.gamehall.sbe.master.InstanceReadyDecoder;
import io.gamehall.sbe.master.InstanceSearchResultDecoder;
import io.gamehall.sbe.master.JoinInstanceDecoder;
import io.gamehall.sbe.master.LeaveInstanceDecoder;
import io.gamehall.sbe.master.MessageHeaderDecoder;
import io.gamehall.sbe.master.RegisterServerDecoder;
import io.gamehall.sbe.master.ResultCode;
import io.gamehall.sbe.master.SearchInstancesDecoder;
import io.gamehall.sbe.master.ServerHeartbeatDecoder;
import org.agrona.DirectBuffer;

import java.util.Map;
import java.util.TreeMap;

/**
 * The check path: decodes every response of a dry run of the script and tallies the result
 * codes per command, so the set-up can refuse to benchmark a script whose commands are
 * rejected or whose searches come back empty. Allocates freely; never attached while measuring.
 */
final class ResponseAudit
{
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int MAX_PROBLEMS = 10;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final CommandResultDecoder result = new CommandResultDecoder();
    private final InstanceSearchResultDecoder search = new InstanceSearchResultDecoder();
    private final InstanceInfoDecoder info = new InstanceInfoDecoder();
    private final Map<String, Long> tally = new TreeMap<>();
    private final StringBuilder problems = new StringBuilder();
    private int problemCount;
    private long searches;
    private long searchHits;

    void onResponse(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        final int body = offset + HEADER;
        switch (header.templateId())
        {
            case CommandResultDecoder.TEMPLATE_ID:
                result.wrap(buffer, body, header.blockLength(), header.version());
                record(commandName(result.command()), result.code(), result.requestId());
                break;

            case InstanceSearchResultDecoder.TEMPLATE_ID:
            {
                search.wrap(buffer, body, header.blockLength(), header.version());
                final ResultCode code = search.code();
                final int found = search.instances().count();
                record(commandName(SearchInstancesDecoder.TEMPLATE_ID), code, search.requestId());
                searches++;
                searchHits += found;
                if (code == ResultCode.OK && found == 0)
                {
                    problem("SearchInstances requestId=" + search.requestId() + " found nothing");
                }
                break;
            }

            case InstanceInfoDecoder.TEMPLATE_ID:
                info.wrap(buffer, body, header.blockLength(), header.version());
                record(commandName(GetInstanceDecoder.TEMPLATE_ID), info.code(), info.requestId());
                break;

            default:
                problem("unexpected response, template id " + header.templateId());
        }
    }

    /**
     * @return null when every response was OK and every search found something, else what was wrong.
     */
    String problems()
    {
        return problemCount == 0 ? null : problemCount + " problem(s), first ones: " + problems;
    }

    /**
     * @return one line per command and result code with its count, and the mean search page size.
     */
    String report()
    {
        final StringBuilder out = new StringBuilder();
        for (final Map.Entry<String, Long> entry : tally.entrySet())
        {
            out.append(entry.getKey()).append('=').append(entry.getValue()).append(' ');
        }
        if (searches > 0)
        {
            out.append("meanSearchPage=").append(String.format("%.1f", (double)searchHits / searches));
        }
        return out.toString().trim();
    }

    private static String commandName(final int templateId)
    {
        switch (templateId)
        {
            case RegisterServerDecoder.TEMPLATE_ID:
                return "RegisterServer";
            case ServerHeartbeatDecoder.TEMPLATE_ID:
                return "ServerHeartbeat";
            case CheckInUserDecoder.TEMPLATE_ID:
                return "CheckInUser";
            case CheckOutUserDecoder.TEMPLATE_ID:
                return "CheckOutUser";
            case CreateInstanceDecoder.TEMPLATE_ID:
                return "CreateInstance";
            case InstanceReadyDecoder.TEMPLATE_ID:
                return "InstanceReady";
            case InstanceEndedDecoder.TEMPLATE_ID:
                return "InstanceEnded";
            case JoinInstanceDecoder.TEMPLATE_ID:
                return "JoinInstance";
            case LeaveInstanceDecoder.TEMPLATE_ID:
                return "LeaveInstance";
            case SearchInstancesDecoder.TEMPLATE_ID:
                return "SearchInstances";
            case GetInstanceDecoder.TEMPLATE_ID:
                return "GetInstance";
            default:
                return "template" + templateId;
        }
    }

    private void record(final String command, final ResultCode code, final long requestId)
    {
        tally.merge(command + ':' + code, 1L, Long::sum);
        if (code != ResultCode.OK)
        {
            problem(command + " requestId=" + requestId + " answered " + code);
        }
    }

    private void problem(final String what)
    {
        if (problemCount++ < MAX_PROBLEMS)
        {
            problems.append('[').append(what).append("] ");
        }
    }
}
