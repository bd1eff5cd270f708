package io.gamehall.client;

import io.gamehall.sbe.client.ClientCode;
import io.gamehall.sbe.client.HelloReplyDecoder;
import io.gamehall.sbe.client.HistoryResultDecoder;
import io.gamehall.sbe.client.InstanceResultDecoder;
import io.gamehall.sbe.client.LoginResultDecoder;
import io.gamehall.sbe.client.MessageHeaderDecoder;
import io.gamehall.sbe.client.ResultDecoder;
import io.gamehall.sbe.client.SearchResultDecoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the gateway's answers to requests into plain values, or throws the
 * {@link ClientException} with the gateway's code when it refused. Stateless.
 */
final class Answers
{
    /**
     * A gateway's answer to the hello.
     *
     * @param gateways the live gateways it knows of.
     * @param draining whether it is draining (take no session there).
     */
    record Hello(List<String> gateways, boolean draining)
    {
    }

    private Answers()
    {
    }

    static Hello hello(final byte[] bytes)
    {
        final UnsafeBuffer view = new UnsafeBuffer(bytes);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(view, 0);
        if (header.templateId() != HelloReplyDecoder.TEMPLATE_ID)
        {
            throw unexpected(view, header);
        }
        final HelloReplyDecoder d = new HelloReplyDecoder().wrapAndApplyHeader(view, 0, header);
        d.gatewayId();
        d.serverTimeMs();
        final boolean draining = d.draining() == 1;
        final List<String> urls = new ArrayList<>();
        for (final HelloReplyDecoder.GatewaysDecoder g : d.gateways())
        {
            g.serverId();
            urls.add(g.url());
        }
        return new Hello(urls, draining);
    }

    static GameClient.Login login(final byte[] bytes)
    {
        final UnsafeBuffer view = new UnsafeBuffer(bytes);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(view, 0);
        if (header.templateId() != LoginResultDecoder.TEMPLATE_ID)
        {
            throw unexpected(view, header);
        }
        final LoginResultDecoder d = new LoginResultDecoder().wrapAndApplyHeader(view, 0, header);
        final ClientCode code = d.code();
        final long user = d.userId();
        final long expires = d.expiresAtMs();
        final long seat = d.instanceId();
        final io.gamehall.sbe.client.ResumeKind resumed = d.resumed();
        final long retryAfter = d.retryAfterMs();
        final String newToken = d.token();
        final String message = d.message();
        if (code != ClientCode.OK)
        {
            throw new ClientException(code, message,
                retryAfter == LoginResultDecoder.retryAfterMsNullValue() ? 0 : Math.max(0, retryAfter));
        }
        return new GameClient.Login(user, newToken, expires, seat, resumed);
    }

    static GameClient.Instance instance(final byte[] bytes)
    {
        final UnsafeBuffer view = new UnsafeBuffer(bytes);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(view, 0);
        if (header.templateId() != InstanceResultDecoder.TEMPLATE_ID)
        {
            throw unexpected(view, header);
        }
        final InstanceResultDecoder d = new InstanceResultDecoder().wrapAndApplyHeader(view, 0, header);
        final ClientCode code = d.code();
        final long id = d.instanceId();
        final int gameType = d.gameType();
        final int maxPlayers = d.maxPlayers();
        final String message = d.message();
        if (code != ClientCode.OK)
        {
            throw new ClientException(code, message);
        }
        return new GameClient.Instance(id, gameType, maxPlayers);
    }

    static Void result(final byte[] bytes)
    {
        final UnsafeBuffer view = new UnsafeBuffer(bytes);
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(view, 0);
        if (header.templateId() != ResultDecoder.TEMPLATE_ID)
        {
            throw unexpected(view, header);
        }
        final ResultDecoder d = new ResultDecoder().wrapAndApplyHeader(view, 0, header);
        final ClientCode code = d.code();
        final String message = d.message();
        if (code != ClientCode.OK)
        {
            throw new ClientException(code, message);
        }
        return null;
    }

    static GameClient.SearchPage searchPage(final byte[] bytes)
    {
        final UnsafeBuffer view = new UnsafeBuffer(bytes);
        final SearchResultDecoder d = new SearchResultDecoder()
            .wrapAndApplyHeader(view, 0, new MessageHeaderDecoder().wrap(view, 0));
        final ClientCode code = d.code();
        final long next = d.nextCursor();
        final List<GameClient.InstanceSummary> hits = new ArrayList<>();
        for (final SearchResultDecoder.InstancesDecoder i : d.instances())
        {
            hits.add(new GameClient.InstanceSummary(i.instanceId(), i.gameType(), i.phase(), i.ownerId(), i.maxPlayers(),
                i.playerCount(), i.region(), i.mode(), i.ratingBand()));
        }
        if (code != ClientCode.OK)
        {
            throw new ClientException(code, "search refused");
        }
        return new GameClient.SearchPage(hits, next);
    }

    static List<GameClient.GameSummary> history(final byte[] bytes)
    {
        final UnsafeBuffer view = new UnsafeBuffer(bytes);
        final HistoryResultDecoder d = new HistoryResultDecoder()
            .wrapAndApplyHeader(view, 0, new MessageHeaderDecoder().wrap(view, 0));
        final ClientCode code = d.code();
        d.nextCursor();
        final List<GameClient.GameSummary> games = new ArrayList<>();
        for (final HistoryResultDecoder.GamesDecoder g : d.games())
        {
            games.add(new GameClient.GameSummary(g.gameId(), g.gameType(), g.endTimeMs(), g.outcome()));
        }
        if (code != ClientCode.OK)
        {
            throw new ClientException(code, "history refused");
        }
        return games;
    }

    private static ClientException unexpected(final UnsafeBuffer view, final MessageHeaderDecoder header)
    {
        if (header.templateId() == ResultDecoder.TEMPLATE_ID)
        {
            final ResultDecoder d = new ResultDecoder().wrapAndApplyHeader(view, 0, header);
            final ClientCode code = d.code();
            return new ClientException(code, d.message());
        }
        return new ClientException(ClientCode.INTERNAL, "unexpected answer, template " + header.templateId());
    }
}
