package io.gamehall.perf;

import io.gamehall.master.EngineOutput;
import io.gamehall.sbe.master.CommandResultDecoder;
import io.gamehall.sbe.master.InstanceInfoDecoder;
import io.gamehall.sbe.master.InstanceSearchResultDecoder;
import io.gamehall.sbe.master.MessageHeaderDecoder;
import io.gamehall.sbe.master.ResultCode;
import io.gamehall.sbe.master.ServerListDecoder;
import io.gamehall.sbe.master.UserInfoDecoder;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteOrder;

/**
 * The engine's output during a benchmark: consumes every response and event without
 * allocating, by counting messages and bytes, so the engine's egress encoding cannot be
 * optimised away and costs what it costs in production.
 * <p>
 * It also reads three fixed-offset fields of each response: the result code, to count
 * rejections (a benchmark of rejected commands would measure the wrong thing), and the
 * subject and detail ids of a CommandResult, which is how the script learns the id and host
 * of an instance it has just created. Full decoding happens only in the {@link ResponseAudit}
 * during the set-up's dry run, on a copy of each response this output keeps while asked to:
 * the audit is never called from inside the engine, so the code the JIT compiles for the
 * engine's egress path is the code production would run.
 */
final class BenchmarkOutput implements EngineOutput
{
    private static final ByteOrder ORDER = MessageHeaderDecoder.BYTE_ORDER;
    private static final int HEADER = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final int TEMPLATE_ID = MessageHeaderDecoder.templateIdEncodingOffset();
    private static final int RESULT_CODE = HEADER + CommandResultDecoder.codeEncodingOffset();
    private static final int RESULT_SUBJECT_ID = HEADER + CommandResultDecoder.subjectIdEncodingOffset();
    private static final int RESULT_DETAIL_ID = HEADER + CommandResultDecoder.detailIdEncodingOffset();
    private static final int QUERY_CODE = HEADER + InstanceSearchResultDecoder.codeEncodingOffset();
    private static final int OK = ResultCode.OK.value();

    static
    {
        if (InstanceInfoDecoder.codeEncodingOffset() != InstanceSearchResultDecoder.codeEncodingOffset() ||
            ServerListDecoder.codeEncodingOffset() != InstanceSearchResultDecoder.codeEncodingOffset() ||
            UserInfoDecoder.codeEncodingOffset() != InstanceSearchResultDecoder.codeEncodingOffset())
        {
            throw new IllegalStateException("query responses no longer share the offset of their result code");
        }
    }

    private long responses;
    private long events;
    private long bytes;
    private long rejections;
    private long lastSubjectId;
    private int lastCode;
    private long lastDetailId;
    private boolean keepLastResponse;
    private final ExpandableArrayBuffer lastResponse = new ExpandableArrayBuffer(4096);
    private int lastResponseLength;

    public void onResponse(final long clientId, final DirectBuffer buffer, final int offset, final int length)
    {
        responses++;
        bytes += length;
        final int templateId = buffer.getShort(offset + TEMPLATE_ID, ORDER) & 0xFFFF;
        final int code;
        if (templateId == CommandResultDecoder.TEMPLATE_ID)
        {
            code = buffer.getShort(offset + RESULT_CODE, ORDER) & 0xFFFF;
            lastSubjectId = buffer.getLong(offset + RESULT_SUBJECT_ID, ORDER);
            lastDetailId = buffer.getLong(offset + RESULT_DETAIL_ID, ORDER);
        }
        else
        {
            code = buffer.getShort(offset + QUERY_CODE, ORDER) & 0xFFFF;
            lastSubjectId = 0;
            lastDetailId = 0;
        }
        lastCode = code;
        if (code != OK)
        {
            rejections++;
        }
        if (keepLastResponse)
        {
            lastResponse.putBytes(0, buffer, offset, length);
            lastResponseLength = length;
        }
    }

    public void onEvent(final long serverId, final DirectBuffer buffer, final int offset, final int length)
    {
        events++;
        bytes += length;
    }

    /**
     * Ignored: a benchmark never fires the liveness timer, whose sweep is not part of the
     * command path; every server heartbeats well within the timeout anyway.
     */
    public void onScheduleTimer(final long correlationId, final long deadline)
    {
    }

    /**
     * @param keep whether to keep a copy of each response, for the check path.
     */
    void keepLastResponse(final boolean keep)
    {
        keepLastResponse = keep;
        lastResponseLength = 0;
    }

    /**
     * @return copy of the last response while {@link #keepLastResponse(boolean)} is on.
     */
    DirectBuffer lastResponse()
    {
        return lastResponse;
    }

    /**
     * @return length of {@link #lastResponse()}, 0 when none was kept.
     */
    int lastResponseLength()
    {
        return lastResponseLength;
    }

    long responses()
    {
        return responses;
    }

    long events()
    {
        return events;
    }

    /**
     * @return bytes of responses and events encoded so far.
     */
    long bytes()
    {
        return bytes;
    }

    /**
     * @return responses whose result code was not OK, queries included.
     */
    long rejections()
    {
        return rejections;
    }

    /**
     * @return subjectId of the last CommandResult: the id a command created or changed.
     */
    /**
     * @return result code of the last response.
     */
    int lastCode()
    {
        return lastCode;
    }

    long lastSubjectId()
    {
        return lastSubjectId;
    }

    /**
     * @return detailId of the last CommandResult: the host chosen for a created instance.
     */
    long lastDetailId()
    {
        return lastDetailId;
    }
}
