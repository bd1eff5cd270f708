package io.gamehall.gateway;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Serves the web app's files ({@link WebPages}) over HTTP on the WebSocket's port, ahead of the
 * WebSocket handshake: a request for the WebSocket path passes on untouched, any other is
 * answered here. GET and HEAD only (405 otherwise), 404 for what is not a file of the site,
 * ETag and {@code Cache-Control: no-cache} (a browser keeps the file and asks whether it
 * changed: 304), {@code nosniff}, no framing, no referrer, and on pages a Content-Security-Policy
 * that allows scripts, styles and images from the page's own origin only and connections to
 * the WebSocket of the host the page came from (nothing inline, nothing from elsewhere).
 */
@ChannelHandler.Sharable
final class WebPageHandler extends ChannelInboundHandlerAdapter
{
    /** A Host header that may go into the policy: a name or address and a port, nothing else. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}\\](:[0-9]{1,5})?");
    private static final String CACHE_CONTROL = "no-cache";

    private final WebPages pages;
    private final String webSocketPath;

    /**
     * @param pages         the site.
     * @param webSocketPath the WebSocket's path, which passes on to the handshake.
     */
    WebPageHandler(final WebPages pages, final String webSocketPath)
    {
        this.pages = pages;
        this.webSocketPath = webSocketPath;
    }

    @Override
    public void channelRead(final ChannelHandlerContext c, final Object msg)
    {
        if (!(msg instanceof FullHttpRequest request))
        {
            c.fireChannelRead(msg);
            return;
        }
        final String uri = request.uri();
        final int query = uri.indexOf('?');
        final String path = query < 0 ? uri : uri.substring(0, query);
        if (path.equals(webSocketPath))
        {
            c.fireChannelRead(msg);
            return;
        }
        try
        {
            respond(c, request, path);
        }
        finally
        {
            request.release();
        }
    }

    private void respond(final ChannelHandlerContext c, final FullHttpRequest request, final String path)
    {
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        final HttpMethod method = request.method();
        if (!request.decoderResult().isSuccess())
        {
            send(c, error(HttpResponseStatus.BAD_REQUEST), false, false);
            return;
        }
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method))
        {
            final FullHttpResponse response = error(HttpResponseStatus.METHOD_NOT_ALLOWED);
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            send(c, response, keepAlive, false);
            return;
        }
        final boolean head = HttpMethod.HEAD.equals(method);
        final WebPages.Page page = pages.find(path);
        if (page == null)
        {
            send(c, error(HttpResponseStatus.NOT_FOUND), keepAlive, head);
            return;
        }
        final String host = request.headers().get(HttpHeaderNames.HOST);
        if (page.html() && (host == null || !HOST.matcher(host).matches()))
        {
            send(c, error(HttpResponseStatus.BAD_REQUEST), false, head);
            return;
        }
        final boolean unchanged = page.etag().equals(request.headers().get(HttpHeaderNames.IF_NONE_MATCH));
        final FullHttpResponse response = unchanged ?
            new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_MODIFIED, Unpooled.EMPTY_BUFFER) :
            new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(page.bytes()));
        final HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, page.contentType());
        headers.set(HttpHeaderNames.ETAG, page.etag());
        headers.set(HttpHeaderNames.CACHE_CONTROL, CACHE_CONTROL);
        if (page.html())
        {
            headers.set("Content-Security-Policy", policy(host));
        }
        secure(headers);
        send(c, response, keepAlive, head);
    }

    /**
     * The Content-Security-Policy of a page served to a request for this host.
     *
     * @param host the request's Host header, checked against {@link #HOST}.
     * @return the policy.
     */
    static String policy(final String host)
    {
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " +
            "connect-src 'self' ws://" + host + " wss://" + host + "; " +
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    private static void secure(final HttpHeaders headers)
    {
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
    }

    private static FullHttpResponse error(final HttpResponseStatus status)
    {
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
            Unpooled.copiedBuffer(status.code() + " " + status.reasonPhrase() + "\n", StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        secure(response.headers());
        return response;
    }

    private static void send(final ChannelHandlerContext c, final FullHttpResponse response, final boolean keepAlive,
        final boolean head)
    {
        if (!HttpResponseStatus.NOT_MODIFIED.equals(response.status()))
        {
            HttpUtil.setContentLength(response, response.content().readableBytes());
        }
        if (head)
        {
            response.content().clear();
        }
        if (keepAlive)
        {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            c.writeAndFlush(response);
        }
        else
        {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            c.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
