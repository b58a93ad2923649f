package io.insiders.api;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The application on the shared test broker with the demo mode on (a few devices, ids from 9101), for the test
 * classes that extend it: they share one application context (one start), since their configuration is this one.
 * The demo's devices play live throughout; the tests of other features use managers and devices of their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "insiders.demo.enabled=true", "insiders.demo.devices=3", "insiders.demo.first-device-id=9101"})
public abstract class DemoApplicationTest {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) throws Exception {
        TestKafka.register(registry);
    }
}
