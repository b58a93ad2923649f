package io.insiders.api;

import java.util.Arrays;

import ch.qos.logback.classic.Level;
import io.insiders.api.ownership.GrantOwnershipCommand;
import io.insiders.ingest.simulator.DeviceSimulator;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Insiders application: the stream processor, the stores it keeps, and the Insiders API 1.22
 * that answers from them. With no Kafka address configured it runs its own single-node broker.
 *
 * <p>{@code java -jar insiders.jar simulator ...} runs the device simulator instead (see
 * {@link DeviceSimulator}), so that one jar carries every tool. {@code --demo} is short for
 * {@code --insiders.demo.enabled=true}: the application then plays simulated devices for a demo manager
 * ({@code io.insiders.api.demo}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class InsidersApplication {

    public static void main(String[] args) {
        if (args.length > 0 && ("simulator".equals(args[0]) || "grant-ownership".equals(args[0]))) {
            // A tool's output is its own: the Kafka clients' settings and start-up lines are for the application's log.
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.apache.kafka")).setLevel(Level.WARN);
        }
        if (args.length > 0 && "simulator".equals(args[0])) {
            DeviceSimulator.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && "grant-ownership".equals(args[0])) {
            GrantOwnershipCommand.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        SpringApplication.run(InsidersApplication.class, Arrays.stream(args)
                .map(arg -> "--demo".equals(arg) ? "--insiders.demo.enabled=true" : arg).toArray(String[]::new));
    }
}
