package io.insiders.api.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.insiders.api.InsidersApplication;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded broker's start, begun as soon as the configuration is known rather than when the
 * {@link KafkaCluster} bean is made: the broker needs seconds to open its log, and so does Spring to
 * read the application's configuration classes, so the two run side by side. Nothing waits for the
 * broker until a bean needs Kafka ({@link #broker()}).
 *
 * <p>{@link Starter} is registered in {@code META-INF/spring.factories}; it acts for the application's own contexts
 * ({@link InsidersApplication} among their sources) and does nothing when a Kafka address is configured.
 */
public final class EmbeddedBrokerStartup implements DisposableBean {

    static final String BEAN_NAME = "insidersEmbeddedBrokerStartup";

    private final CompletableFuture<EmbeddedBroker> starting;

    private EmbeddedBrokerStartup(CompletableFuture<EmbeddedBroker> starting) {
        this.starting = starting;
    }

    /** Starts the broker that {@code properties} describe on a thread of its own. */
    static EmbeddedBrokerStartup begin(KafkaClusterProperties properties) {
        CompletableFuture<EmbeddedBroker> starting = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                starting.complete(EmbeddedBroker.start(properties.dataDir(), properties.embeddedPort(),
                        properties.controllerPort(), KafkaConfiguration.BROKER_SETTINGS));
            } catch (IOException | RuntimeException | Error e) {
                starting.completeExceptionally(e);
            }
        }, "insiders-embedded-broker-start");
        thread.start();
        return new EmbeddedBrokerStartup(starting);
    }

    /** The started broker, once it accepts clients; its start's failure otherwise. */
    EmbeddedBroker broker() {
        try {
            return starting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /**
     * Stops the broker when the context ends before a {@link KafkaCluster} took it over (a bean that
     * failed to start, say): its threads would otherwise keep the JVM alive.
     */
    @Override
    public void destroy() {
        starting.thenAccept(EmbeddedBroker::close).exceptionally(failed -> null).join();
    }

    /**
     * Begins the broker's start once the context is prepared, before it is refreshed, when the
     * configuration asks for it. Prepared, not earlier: by then every property source is in place,
     * a test's included, so the broker starts only when no address is configured anywhere.
     */
    public static final class Starter implements ApplicationListener<ApplicationPreparedEvent> {

        @Override
        public void onApplicationEvent(ApplicationPreparedEvent event) {
            if (!event.getSpringApplication().getAllSources().contains(InsidersApplication.class)) {
                // A context of a few configuration classes (a test's) that does not need Kafka must not start a broker
                // in the default data directory; one whose beans ask for Kafka still gets it from KafkaConfiguration.
                return;
            }
            ConfigurableApplicationContext context = event.getApplicationContext();
            KafkaClusterProperties properties = Binder.get(context.getEnvironment())
                    .bindOrCreate("insiders.kafka", KafkaClusterProperties.class);
            if (!properties.embedded() || !(context.getBeanFactory() instanceof DefaultListableBeanFactory beans)
                    || beans.containsSingleton(BEAN_NAME)) {
                return;
            }
            EmbeddedBrokerStartup startup = begin(properties);
            beans.registerSingleton(BEAN_NAME, startup);
            beans.registerDisposableBean(BEAN_NAME, startup);
        }
    }
}
