package io.insiders.api.routing;

import java.util.Optional;

import io.insiders.api.devices.DeviceRegistry;
import io.insiders.api.streams.StreamsRuntime;
import io.insiders.stream.devices.DeviceRecord;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Routes each device's queries to the instance that holds the device: see {@code docs/scaling.md}. */
@Configuration(proxyBeanMethods = false)
public class RoutingConfiguration implements WebMvcConfigurer {

    private final RoutingInterceptor interceptor;

    public RoutingConfiguration(StreamsRuntime runtime, DeviceRegistry devices, RoutingProperties properties) {
        RequestForwarder forwarder = new RequestForwarder(runtime.advertisedUrl().getScheme(), properties.connectTimeout(),
                properties.requestTimeout(), properties.awayFor());
        this.interceptor = new RoutingInterceptor(pathId -> deviceName(devices, pathId), new StreamsPlacementLookup(runtime),
                forwarder, runtime.self(), runtime.storeWait(), properties.maxHops());
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // Last: the interceptors of other concerns (throttling...) act at the instance the client reached.
        registry.addInterceptor(interceptor).addPathPatterns(RoutingInterceptor.ROUTED_PATHS).order(Ordered.LOWEST_PRECEDENCE);
    }

    /** The name of the device a path's {@code {device}} designates: empty unless it is the id of a provisioned device. */
    static Optional<String> deviceName(DeviceRegistry devices, String pathId) {
        if (pathId.isEmpty() || pathId.length() > 18 || !pathId.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        return devices.byId(Long.parseLong(pathId)).map(DeviceRecord::deviceName);
    }
}
