package io.insiders.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Insiders application: the stream processor, the stores it keeps, and the Insiders API 1.22
 * that answers from them. With no Kafka address configured it runs its own single-node broker.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class InsidersApplication {

    public static void main(String[] args) {
        SpringApplication.run(InsidersApplication.class, args);
    }
}
