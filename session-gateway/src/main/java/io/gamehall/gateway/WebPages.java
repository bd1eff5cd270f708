package io.gamehall.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The web app's files, read from the class path under one resource prefix (the web module's
 * jar puts them under {@link #DEFAULT_RESOURCES}). A request path names a file only when every
 * segment is made of letters, digits, '-', '_' and '.', starts with neither '.' nor '-', and
 * the name ends in a known extension: no '..', no '%', no '\', no directory ever reaches the
 * class loader. "/" is index.html. A file read once stays in memory (the site is small).
 */
final class WebPages
{
    /** Where the web module puts the site in its jar. */
    static final String DEFAULT_RESOURCES = "io/gamehall/web/site/";

    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}){1,8}");
    private static final int MAX_FILE_BYTES = 4 * 1024 * 1024;
    private static final Map<String, String> CONTENT_TYPES = Map.of(
        "html", "text/html; charset=utf-8",
        "js", "text/javascript; charset=utf-8",
        "css", "text/css; charset=utf-8",
        "json", "application/json",
        "svg", "image/svg+xml",
        "png", "image/png",
        "ico", "image/x-icon",
        "txt", "text/plain; charset=utf-8",
        "map", "application/json");

    private final String resources;
    private final ClassLoader loader;
    private final Map<String, Optional<Page>> pages = new ConcurrentHashMap<>();

    /**
     * One file of the site.
     *
     * @param bytes       its content.
     * @param contentType its media type, with the charset for text.
     * @param etag        a strong entity tag over its content (quoted).
     * @param html        whether it is a page (which gets the Content-Security-Policy).
     */
    record Page(byte[] bytes, String contentType, String etag, boolean html)
    {
    }

    /**
     * @param resources class path prefix of the site, ending in '/'; null for no site (every path unknown).
     * @param loader    the class loader to read it from.
     */
    WebPages(final String resources, final ClassLoader loader)
    {
        if (resources != null && (!resources.endsWith("/") || resources.startsWith("/")))
        {
            throw new IllegalArgumentException("web pages resource prefix must be relative and end in '/': " + resources);
        }
        this.resources = resources;
        this.loader = loader;
    }

    /**
     * @param path the path of a request, without its query.
     * @return the file it names, or null when it names none (unknown, unsafe or a directory).
     */
    Page find(final String path)
    {
        final String name = "/".equals(path) ? "/index.html" : path;
        if (resources == null || !SAFE_PATH.matcher(name).matches() || name.contains("..") || name.contains("/.") || name.contains("/-"))
        {
            return null;
        }
        final String type = contentType(name);
        if (type == null)
        {
            return null;
        }
        return pages.computeIfAbsent(name, n -> Optional.ofNullable(read(n, type))).orElse(null);
    }

    private static String contentType(final String name)
    {
        final int dot = name.lastIndexOf('.');
        return dot < 0 ? null : CONTENT_TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private Page read(final String name, final String type)
    {
        final URL url = loader.getResource(resources + name.substring(1));
        if (url == null)
        {
            return null;
        }
        try (InputStream in = url.openStream())
        {
            final byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES)
            {
                return null;
            }
            return new Page(bytes, type, etag(bytes), name.endsWith(".html"));
        }
        catch (final IOException ex)
        {
            // a directory of an exploded class path opens as a listing or not at all: neither is a page
            if (ex instanceof java.io.FileNotFoundException)
            {
                return null;
            }
            throw new UncheckedIOException("cannot read web page " + name, ex);
        }
    }

    private static String etag(final byte[] bytes)
    {
        try
        {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", ex);
        }
    }
}
