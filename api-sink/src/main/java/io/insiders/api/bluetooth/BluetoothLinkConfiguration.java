package io.insiders.api.bluetooth;

import io.insiders.api.devices.DeviceRegistry;
import io.insiders.api.kafka.KafkaCluster;
import io.insiders.api.kafka.WorkerLifecycle;
import io.insiders.api.registry.Registry;
import io.insiders.api.streams.StoreQueries;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The device link's follower of reports ({@link UplinkFollower}), run while the application runs. */
@Configuration(proxyBeanMethods = false)
public class BluetoothLinkConfiguration {

    @Bean
    SmartLifecycle uplinkFollower(KafkaCluster cluster, Registry registry, StoreQueries stores, DeviceRegistry devices,
                                  MeterRegistry meters) {
        DeviceNames names = new DeviceNames(stores, devices);
        // After the registry and the stream processor it uses have started; before they stop.
        return new WorkerLifecycle<>("insiders-uplink", SmartLifecycle.DEFAULT_PHASE - 2048,
                () -> new UplinkFollower(cluster.bootstrapServers(), registry, names, meters));
    }
}
