package io.insiders.bench;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection on a plain socket, sending the same GET again and again: the open loop's
 * client. Java's {@code HttpClient} costs a few hundred microseconds of CPU per request (its selector thread,
 * futures, header maps), which on a 2-core machine shared with the server kept the load generator itself from
 * sending 5,000 requests a second on time; this sends prepared bytes and reads the answer's status line, headers
 * and body (by {@code Content-Length} or chunks) with no more than that.
 *
 * <p>The server may end a kept-alive connection (Tomcat after 100 requests, with {@code Connection: close}): the
 * next request opens a new one. Not thread-safe: one per thread.
 */
final class PlainHttpConnection implements Closeable {

    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 30_000;

    private final InetSocketAddress address;
    private final byte[] request;
    private final byte[] line = new byte[8192];
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private long bodyBytes;

    /** A connection that GETs {@code uri}, with the {@code Authorization} header's value when not null. */
    PlainHttpConnection(URI uri, String authorization) {
        if (!"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("only http:// URLs, not " + uri);
        }
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        this.address = new InetSocketAddress(uri.getHost(), port);
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        this.request = ("GET " + target + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + port + "\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Accept: */*\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Sends the GET and reads the whole answer; returns its status code. A connection the server closed while idle
     * is opened again once, for the same request.
     */
    int get() throws IOException {
        boolean fresh = socket == null;
        try {
            return exchange();
        } catch (IOException e) {
            close();
            if (fresh) {
                throw e;
            }
            return exchange();
        }
    }

    /** The body length of the last answer, in bytes. */
    long bodyBytes() {
        return bodyBytes;
    }

    private int exchange() throws IOException {
        if (socket == null) {
            open();
        }
        out.write(request);
        out.flush();
        int status = readStatus();
        long length = -1;
        boolean chunked = false;
        boolean closeAfterAnswer = false;
        for (int n = readLine(); n > 0; n = readLine()) {
            String header = new String(line, 0, n, StandardCharsets.ISO_8859_1);
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfterAnswer = "close".equalsIgnoreCase(value);
                default -> { }
            }
        }
        if (status == 204 || status == 304) {
            // No body, whatever the headers say.
            bodyBytes = 0;
        } else if (chunked) {
            bodyBytes = readChunks();
        } else if (length >= 0) {
            bodyBytes = skip(length);
        } else {
            // No length and no chunks: the body ends with the connection.
            bodyBytes = skipToEnd();
            closeAfterAnswer = true;
        }
        if (closeAfterAnswer) {
            close();
        }
        return status;
    }

    private void open() throws IOException {
        Socket opened = new Socket();
        opened.setTcpNoDelay(true);
        opened.setSoTimeout(READ_TIMEOUT_MS);
        opened.connect(address, CONNECT_TIMEOUT_MS);
        socket = opened;
        in = new BufferedInputStream(opened.getInputStream(), 16 * 1024);
        out = opened.getOutputStream();
    }

    private int readStatus() throws IOException {
        int n = readLine();
        // "HTTP/1.1 200 ..."
        if (n < 12 || line[8] != ' ') {
            throw new IOException("not an HTTP status line: " + new String(line, 0, Math.max(0, n), StandardCharsets.ISO_8859_1));
        }
        return (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    }

    /** Reads a line into {@link #line} without its CRLF; returns its length. */
    private int readLine() throws IOException {
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the server closed the connection");
            }
            if (b == '\n') {
                return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
            }
            if (n == line.length) {
                throw new IOException("a header line longer than " + line.length + " bytes");
            }
            line[n++] = (byte) b;
        }
    }

    private long readChunks() throws IOException {
        long total = 0;
        while (true) {
            int n = readLine();
            String size = new String(line, 0, n, StandardCharsets.ISO_8859_1);
            int extension = size.indexOf(';');
            long chunk = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
            if (chunk == 0) {
                // Trailers, then the empty line.
                while (readLine() > 0) {
                    continue;
                }
                return total;
            }
            total += skip(chunk);
            readLine();
        }
    }

    private long skip(long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("the answer ended " + left + " bytes early");
                }
                skipped = 1;
            }
            left -= skipped;
        }
        return bytes;
    }

    private long skipToEnd() throws IOException {
        long total = 0;
        while (in.read() >= 0) {
            total++;
        }
        return total;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing a socket the server already closed: nothing left to release.
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
