package io.insiders.api.kafka;

import java.time.Duration;
import java.util.concurrent.Executor;

import org.springframework.boot.autoconfigure.context.LifecycleProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.context.support.DefaultLifecycleProcessor;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * How the application's Kafka loops start: those of the {@link WorkerLifecycle#BEFORE_WEB} phase (the command
 * processors, the upload jobs) start side by side rather than one after the other. Each of them waits for its
 * views to read their topics before the web server may start; done in turn, those waits added up to seconds of
 * every start (docs/benchmarks.md, restart).
 */
@Configuration(proxyBeanMethods = false)
class StartupConfiguration {

    /** Longer than any loop's own wait for its views, so that a loop gives up by itself first. */
    private static final Duration PHASE_START_TIMEOUT = Duration.ofMinutes(5);

    /** Spring Boot's processor (same shutdown timeout), with the concurrent start of the loops' phase. */
    @Bean(name = AbstractApplicationContext.LIFECYCLE_PROCESSOR_BEAN_NAME)
    DefaultLifecycleProcessor lifecycleProcessor(LifecycleProperties properties) {
        DefaultLifecycleProcessor processor = new DefaultLifecycleProcessor();
        processor.setTimeoutPerShutdownPhase(properties.getTimeoutPerShutdownPhase().toMillis());
        processor.setConcurrentStartupForPhase(WorkerLifecycle.BEFORE_WEB, PHASE_START_TIMEOUT.toMillis());
        return processor;
    }

    /** The threads a concurrent phase starts its beans on. */
    @Bean(name = ConfigurableApplicationContext.BOOTSTRAP_EXECUTOR_BEAN_NAME)
    Executor bootstrapExecutor() {
        return new SimpleAsyncTaskExecutor("insiders-start-");
    }
}
