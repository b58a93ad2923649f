package io.insiders.api;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real SMTP server (GreenMail) in the test JVM, shared by the application tests that send their
 * emails through SMTP; the others write theirs to the outbox of their data folder.
 */
public final class TestMail {

    private static GreenMail server;

    private TestMail() {
    }

    /** The shared server, started on a free port on first use. */
    public static synchronized GreenMail server() {
        if (server == null) {
            GreenMail started = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            started.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop));
            server = started;
        }
        return server;
    }

    /** Points an application under test at the shared SMTP server. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> Integer.toString(server().getSmtp().getPort()));
    }
}
