package io.insiders.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.insiders.api.ApiClient;
import io.insiders.api.TestKafka;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Request bodies past their limit are refused before they are read whole: a declared length over the
 * limit is answered 413 while the client has sent none of the body, and a body without a length is cut
 * off soon after the limit, long before the client is done sending.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"insiders.web.max-body-size=64KB", "insiders.web.max-upload-body-size=1MB"})
class RequestBodyLimitApiTest {

    private static final long GIGABYTE = 1L << 30;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws Exception {
        TestKafka.register(registry);
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeAByteOfTheBodyIsSent() throws IOException {
        for (String path : new String[] {"/api/v1/managers/", "/api/v1/auth/token/", "/api/v1/devices/1/asi/", "/no/such/path/"}) {
            String answer = headersOnly(path, GIGABYTE);
            assertThat(answer).as(path).startsWith("HTTP/1.1 413")
                    .contains("{\"detail\":\"The request body is too large; the largest accepted here is ")
                    .containsIgnoringCase("connection: close");
        }
        assertThat(headersOnly("/api/v1/devices/1/asi/", 2L << 20)).contains("largest accepted here is 1048576 bytes.");
        assertThat(headersOnly("/api/v1/managers/", 65 * 1024)).contains("largest accepted here is 65536 bytes.");
    }

    @Test
    void aChunkedBodyIsCutOffSoonAfterTheLimit() throws Exception {
        long planned = 64L << 20;
        AtomicLong sent = new AtomicLong();
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            // A body of unknown length (chunked), as long as the client cares to send: 64 MiB of a JSON string.
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                byte[] chunk = new byte[16 * 1024];
                Arrays.fill(chunk, (byte) 'a');
                try {
                    out.write(("POST /api/v1/managers/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                    byte[] head = "{\"username\": \"".getBytes(StandardCharsets.UTF_8);
                    out.write((Integer.toHexString(head.length) + "\r\n").getBytes(StandardCharsets.UTF_8));
                    out.write(head);
                    out.write("\r\n".getBytes(StandardCharsets.UTF_8));
                    while (sent.get() < planned) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.UTF_8));
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.UTF_8));
                        sent.addAndGet(chunk.length);
                    }
                } catch (IOException e) {
                    // The server closed the connection: what the test expects, once it has answered.
                }
            });
            String answer = readAnswer(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 413")
                    .endsWith("{\"detail\":\"The request body is too large; the largest accepted here is 65536 bytes.\"}");
            sending.get(60, TimeUnit.SECONDS);
        }
        // The server read a little past 64 KiB, and the container discarded at most its swallow size (2 MiB) more
        // before it closed the connection: the client could not send the rest.
        assertThat(sent.get()).isLessThan(8L << 20);
    }

    @Test
    void bodiesWithinTheLimitAreRead() {
        ApiClient api = new ApiClient(port);
        // Read and checked: a 400 with the field's reason, not a 413.
        HttpResponse<String> small = api.postJson("/api/v1/managers/", "{\"username\": \"" + "a".repeat(60_000) + "\"}");
        assertThat(small.statusCode()).isEqualTo(400);
        assertThat(small.body()).doesNotContain("too large");
    }

    /** Sends a request's headers declaring {@code length} bytes of body, none of the body, and returns what comes back. */
    private String headersOnly(String path, long length) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: " + length
                    + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            // The answer comes while the body is still awaited: the read times out (and fails the test) otherwise.
            return readAnswer(socket.getInputStream());
        }
    }

    /** Reads an answer up to the end of its JSON body (a single object, no chunked encoding). */
    private static String readAnswer(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        StringBuilder text = new StringBuilder();
        while (!text.toString().contains("\r\n\r\n{") || !text.toString().endsWith("}")) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            text.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        }
        return text.toString();
    }
}
