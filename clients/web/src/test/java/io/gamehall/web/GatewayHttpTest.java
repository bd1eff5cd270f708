package io.gamehall.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web pages from a real gateway over a socket (no browser): this module's files from the class
 * path, gzipped when asked, with their types and policy; a traversal sent raw on the wire gets 404.
 */
class GatewayHttpTest
{
    private static WebHall hall;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startHall() throws Exception
    {
        hall = new WebHall();
    }

    @AfterAll
    static void stopHall()
    {
        if (hall != null)
        {
            hall.close();
        }
    }

    private static HttpResponse<byte[]> get(final String path, final boolean gzip) throws Exception
    {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hall.pageUrl()).resolve(path))
            .timeout(Duration.ofSeconds(10));
        if (gzip)
        {
            request.header("Accept-Encoding", "gzip");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void shouldServeThePageGzippedWithItsPolicy() throws Exception
    {
        final HttpResponse<byte[]> page = get("/", true);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
            .contains("script-src 'self';", "connect-src 'self' ws://127.0.0.1:");
        final String html;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(page.body())))
        {
            html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(html).contains("<script type=\"module\" src=\"app.js\"></script>").doesNotContain("<script>");
    }

    @Test
    void shouldServeTheBundleAndStyles() throws Exception
    {
        final HttpResponse<byte[]> script = get("/app.js", false);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(script.body().length).as("the bundle with the client").isGreaterThan(10_000);

        final HttpResponse<byte[]> styles = get("/app.css", false);
        assertThat(styles.statusCode()).isEqualTo(200);
        assertThat(styles.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    }

    @Test
    void shouldAnswerNotFoundToATraversalSentRaw() throws Exception
    {
        final URI page = URI.create(hall.pageUrl());
        for (final String path : new String[] {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
            "/..%2f..%2fio/gamehall/gateway/WebPages.class", "/io/gamehall/gateway/WebPages.class"})
        {
            try (Socket socket = new Socket())
            {
                socket.connect(new InetSocketAddress(page.getHost(), page.getPort()), 5_000);
                socket.setSoTimeout(10_000);
                final OutputStream out = socket.getOutputStream();
                out.write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                final String answer = new String(readAll(socket.getInputStream()), StandardCharsets.UTF_8);
                assertThat(answer).as(path).startsWith("HTTP/1.1 404 Not Found").doesNotContain("root:");
            }
        }
    }

    private static byte[] readAll(final InputStream in) throws IOException
    {
        return in.readNBytes(64 * 1024);
    }
}
