package io.gamehall.gateway;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's web pages: types, cache headers and the policy, 304, 404 for anything that is not
 * a file of the site (directory traversal in every spelling, directories, unknown types, files
 * outside the site's prefix), GET and HEAD only, and the WebSocket's path passed on untouched.
 */
class WebPageHandlerTest
{
    private static final String SITE = "io/gamehall/gateway/testsite/";

    private final EmbeddedChannel channel = new EmbeddedChannel(
        new WebPageHandler(new WebPages(SITE, WebPageHandlerTest.class.getClassLoader()), "/ws"));

    @AfterEach
    void close()
    {
        channel.finishAndReleaseAll();
    }

    private FullHttpResponse request(final HttpMethod method, final String uri)
    {
        final FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        request.headers().set(HttpHeaderNames.HOST, "127.0.0.1:8080");
        channel.writeInbound(request);
        final FullHttpResponse response = channel.readOutbound();
        assertThat(response).as("an answer to %s %s", method, uri).isNotNull();
        return response;
    }

    private static String body(final FullHttpResponse response)
    {
        try
        {
            return response.content().toString(StandardCharsets.UTF_8);
        }
        finally
        {
            response.release();
        }
    }

    @Test
    void shouldServeTheIndexWithItsTypeCacheHeadersAndAStrictPolicy()
    {
        final FullHttpResponse response = request(HttpMethod.GET, "/");

        assertThat(response.status().code()).isEqualTo(200);
        assertThat(response.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/html; charset=utf-8");
        assertThat(response.headers().get(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-cache");
        assertThat(response.headers().get(HttpHeaderNames.ETAG)).matches("\"[0-9a-f]{32}\"");
        assertThat(response.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
        final String policy = response.headers().get("Content-Security-Policy");
        assertThat(policy).contains("default-src 'none'", "script-src 'self';", "connect-src 'self' ws://127.0.0.1:8080 " +
            "wss://127.0.0.1:8080;", "frame-ancestors 'none'").doesNotContain("unsafe", "http:", "*");
        assertThat(body(response)).contains("<script type=\"module\" src=\"app.js\">");
    }

    @Test
    void shouldServeScriptsAsJavaScriptAndAnswerNotModifiedToTheirTag()
    {
        final FullHttpResponse first = request(HttpMethod.GET, "/app.js?v=1");
        assertThat(first.status().code()).isEqualTo(200);
        assertThat(first.headers().get(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/javascript; charset=utf-8");
        final String etag = first.headers().get(HttpHeaderNames.ETAG);
        assertThat(body(first)).isEqualTo("console.log(\"app\");\n");

        final FullHttpRequest again = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/app.js");
        again.headers().set(HttpHeaderNames.IF_NONE_MATCH, etag);
        channel.writeInbound(again);
        final FullHttpResponse second = channel.readOutbound();
        assertThat(second.status().code()).isEqualTo(304);
        assertThat(body(second)).isEmpty();
    }

    @Test
    void shouldAnswerHeadWithTheHeadersAndNoBody()
    {
        final FullHttpResponse response = request(HttpMethod.HEAD, "/index.html");

        assertThat(response.status().code()).isEqualTo(200);
        assertThat(response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH)).isPositive();
        assertThat(body(response)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH"})
    void shouldRefuseEveryMethodButGetAndHead(final String method)
    {
        final FullHttpResponse response = request(HttpMethod.valueOf(method), "/index.html");

        assertThat(response.status().code()).isEqualTo(405);
        assertThat(response.headers().get(HttpHeaderNames.ALLOW)).isEqualTo("GET, HEAD");
        assertThat(body(response)).doesNotContain("<html");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/../secret.txt", "/sub/../../secret.txt", "/..%2fsecret.txt", "/%2e%2e/secret.txt", "/%2e%2e%2fsecret.txt",
        "/..\\secret.txt", "/sub/..", "//secret.txt", "/./app.js", "/.%2e/secret.txt", "/sub/%2e%2e/%2e%2e/secret.txt",
        "/../../../../etc/passwd", "/io/gamehall/gateway/secret.txt", "http://127.0.0.1/../secret.txt",
        "/sub", "/sub/", "/notes.xyz", "/missing.js", "/index.html%00.js", "/.hidden.js", "", "*"})
    void shouldAnswerNotFoundToAnythingThatIsNotAFileOfTheSite(final String uri)
    {
        final FullHttpResponse response = request(HttpMethod.GET, uri);

        assertThat(response.status().code()).as(uri).isEqualTo(404);
        assertThat(body(response)).isEqualTo("404 Not Found\n");
    }

    @Test
    void shouldServeAFileInASubdirectory()
    {
        final FullHttpResponse response = request(HttpMethod.GET, "/sub/inner.txt");

        assertThat(response.status().code()).isEqualTo(200);
        assertThat(body(response)).isEqualTo("inner\n");
    }

    @Test
    void shouldRefuseAPageForAHostHeaderThatCannotGoIntoThePolicy()
    {
        final FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        request.headers().set(HttpHeaderNames.HOST, "evil; script-src *");
        channel.writeInbound(request);
        final FullHttpResponse response = channel.readOutbound();

        assertThat(response.status().code()).isEqualTo(400);
        assertThat(response.headers().get("Content-Security-Policy")).isNull();
        response.release();
    }

    @Test
    void shouldPassTheWebSocketPathOnUntouched()
    {
        final FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/ws?x=1");

        channel.writeInbound(request);

        final Object answer = channel.readOutbound();
        assertThat(answer).isNull();
        final FullHttpRequest passed = channel.readInbound();
        assertThat(passed).isSameAs(request);
        passed.release();
    }

    @Test
    void shouldServeNothingWhenSwitchedOff()
    {
        final EmbeddedChannel off = new EmbeddedChannel(new WebPageHandler(new WebPages(null, getClass().getClassLoader()), "/ws"));
        off.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/"));
        final FullHttpResponse response = off.readOutbound();

        assertThat(response.status().code()).isEqualTo(404);
        response.release();
        off.finishAndReleaseAll();
    }
}
