package io.insiders.api.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies past their limit before they are read: a {@code Content-Length} over the
 * limit is answered 413 at once, without reading a byte of the body, and the connection is closed
 * (the container discards at most {@code server.tomcat.max-swallow-size} of what the client keeps
 * sending). A body without a length (chunked) is read through a counter that fails with
 * {@link BodyTooLargeException} as soon as it passes the limit, which {@link ApiExceptionHandler}
 * answers 413. Every path has the general limit but the ASI upload, which has its own.
 */
public final class RequestBodyLimitFilter extends OncePerRequestFilter {

    private static final Pattern UPLOAD = Pattern.compile("^/api/v1/devices/[^/]+/asi/$");

    private final RequestLimitsProperties limits;

    public RequestBodyLimitFilter(RequestLimitsProperties limits) {
        this.limits = limits;
    }

    /** The largest body accepted on this path, in bytes. */
    long limitFor(String path) {
        return UPLOAD.matcher(path).matches() ? limits.maxUploadBodySize().toBytes() : limits.maxBodySize().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limitFor(request.getRequestURI().substring(request.getContextPath().length()));
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            refuse(response, limit);
            return;
        }
        chain.doFilter(declared < 0 ? new LimitedRequest(request, limit) : request, response);
    }

    /** The detail of a 413 for a body over {@code limit} bytes. */
    public static String message(long limit) {
        return "The request body is too large; the largest accepted here is " + limit + " bytes.";
    }

    private static void refuse(HttpServletResponse response, long limit) throws IOException {
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        // The body was not read: the connection cannot carry another request.
        response.setHeader(HttpHeaders.CONNECTION, "close");
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        byte[] body = ("{\"detail\":\"" + message(limit) + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** A request whose body stream counts what is read and fails past the limit. */
    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream limited;

        LimitedRequest(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedInputStream(super.getInputStream(), limit);
            }
            return limited;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding()));
        }
    }

    /** Counts the bytes read and throws {@link BodyTooLargeException} once there are more than the limit. */
    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long read;

        LimitedInputStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            // Never more than one byte past the limit: enough to know the body is too large.
            int wanted = (int) Math.min(length, Math.max(1, limit - read + 1));
            int n = in.read(buffer, offset, wanted);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws BodyTooLargeException {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
