package io.gamehall.master.support;

import io.gamehall.master.EngineOutput;
import io.gamehall.master.text.MessageText;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps everything an engine said, as text lines in order, and the bytes of the last response.
 * Responses render as {@code Name fields}, events as {@code event(to=N) Name fields}, timer
 * requests as {@code timer(id=N) at=T}.
 */
public final class RecordingOutput implements EngineOutput
{
    private final List<String> lines = new ArrayList<>();
    private final ExpandableArrayBuffer lastResponse = new ExpandableArrayBuffer(256);
    private int lastResponseLength;
    private int responses;
    private int events;

    public void onResponse(final long clientId, final DirectBuffer buffer, final int offset, final int length)
    {
        lines.add(MessageText.render(buffer, offset, length));
        lastResponse.putBytes(0, buffer, offset, length);
        lastResponseLength = length;
        responses++;
    }

    public void onEvent(final long serverId, final DirectBuffer buffer, final int offset, final int length)
    {
        lines.add("event(to=" + serverId + ") " + MessageText.render(buffer, offset, length));
        events++;
    }

    public void onScheduleTimer(final long correlationId, final long deadline)
    {
        lines.add("timer(id=" + correlationId + ") at=" + deadline);
    }

    public List<String> lines()
    {
        return lines;
    }

    /**
     * @return the lines recorded since the given mark.
     */
    public List<String> since(final int mark)
    {
        return new ArrayList<>(lines.subList(mark, lines.size()));
    }

    public int mark()
    {
        return lines.size();
    }

    public DirectBuffer lastResponse()
    {
        return lastResponse;
    }

    public int lastResponseLength()
    {
        return lastResponseLength;
    }

    public int responses()
    {
        return responses;
    }

    public int events()
    {
        return events;
    }

    public void clear()
    {
        lines.clear();
    }
}
