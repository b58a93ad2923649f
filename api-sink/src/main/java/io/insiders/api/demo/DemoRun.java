package io.insiders.api.demo;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.insiders.api.accounts.AccountCommand;
import io.insiders.api.accounts.AccountService;
import io.insiders.api.accounts.JsonBody;
import io.insiders.api.accounts.Manager;
import io.insiders.api.accounts.ManagerDirectory;
import io.insiders.api.devices.DeviceRegistry;
import io.insiders.api.fields.Field;
import io.insiders.api.fields.Fields;
import io.insiders.ingest.simulator.BluetoothDeviceSide;
import io.insiders.ingest.simulator.Fleet;
import io.insiders.ingest.simulator.LivePublisher;
import io.insiders.ingest.simulator.LiveSettings;
import io.insiders.ingest.simulator.PitchModel;
import io.insiders.ingest.simulator.SimulatedDevice;
import io.insiders.schemas.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The demo mode: once the application runs, provisions the demo's devices, registers its manager (or finds him, on a
 * restart), gives him a new password through the accounts' own command, has him own the devices, gives him a field
 * (the simulator's pitch, through the fields' rules), prints his credentials and curl commands once to the console,
 * and plays the devices' players on that field live until the application stops. Every step finds what an earlier
 * run made and keeps it, so a restart on the same data is a demo again.
 */
public final class DemoRun implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DemoRun.class);
    private static final Duration DEVICES_VISIBLE = Duration.ofMinutes(2);
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);
    private static final String PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final DemoProperties properties;
    private final String bootstrapServers;
    private final DeviceRegistry devices;
    private final ManagerDirectory directory;
    private final AccountService accounts;
    private final DemoOwnership ownership;
    private final Fields fields;
    private final Environment environment;
    private final CompletableFuture<DemoSession> ready = new CompletableFuture<>();
    private final SecureRandom random = new SecureRandom();

    /** The last set-up's session: a set-up run again (a test) changes the password. */
    private volatile DemoSession latest;
    private volatile boolean stopping;
    private volatile LivePublisher publisher;
    private Thread thread;

    DemoRun(DemoProperties properties, String bootstrapServers, DeviceRegistry devices, ManagerDirectory directory,
            AccountService accounts, DemoOwnership ownership, Fields fields, Environment environment) {
        this.properties = properties;
        this.bootstrapServers = bootstrapServers;
        this.devices = devices;
        this.directory = directory;
        this.accounts = accounts;
        this.ownership = ownership;
        this.fields = fields;
        this.environment = environment;
    }

    /** The pitch the demo's players run on, and its field. */
    static PitchModel pitch() {
        return PitchModel.paris();
    }

    /** The demo's simulated devices. */
    Fleet fleet() {
        return new Fleet(Fleet.DEFAULT_PREFIX, properties.firstDeviceId(), properties.devices(), Fleet.DEFAULT_SEED);
    }

    /**
     * What the demo set up, once it did (with the password of the latest set-up).
     *
     * @throws IllegalStateException when it failed, or did not finish in time
     */
    public DemoSession awaitReady(Duration timeout) throws InterruptedException {
        try {
            ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return latest;
        } catch (ExecutionException e) {
            throw new IllegalStateException("the demo failed to start", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the demo did not start within " + timeout, e);
        }
    }

    @Override
    public synchronized void start() {
        stopping = false;
        thread = new Thread(this::run, "insiders-demo");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        long began = System.nanoTime();
        Thread running;
        synchronized (this) {
            stopping = true;
            running = thread;
            thread = null;
        }
        LivePublisher current = publisher;
        if (current != null) {
            current.stop();
        } else if (running != null) {
            running.interrupt();
        }
        if (running != null) {
            try {
                running.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LOG.info("demo stopped in {} ms", Duration.ofNanos(System.nanoTime() - began).toMillis());
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }

    /** Last to start (after the web server, so that the commands name its port), first to stop. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    private void run() {
        DemoSession session;
        try {
            session = setUp();
        } catch (RuntimeException e) {
            LOG.error("the demo could not be set up", e);
            ready.completeExceptionally(e);
            return;
        } catch (InterruptedException e) {
            ready.completeExceptionally(e);
            return;
        }
        if (stopping) {
            ready.completeExceptionally(new IllegalStateException("stopped"));
            return;
        }
        LiveSettings settings = LiveSettings.defaults().withFleet(fleet()).withPitch(pitch());
        // The devices also play their side of the Bluetooth pairing: a PATCH of bluetooth-config/ reaches them.
        List<String> names = fleet().devices().stream().map(SimulatedDevice::name).toList();
        try (LivePublisher live = new LivePublisher(producerConfig(), settings);
             BluetoothDeviceSide bluetooth = BluetoothDeviceSide.start(bootstrapServers, names)) {
            publisher = live;
            // The banner comes once the first second of frames is out, so that the first command pasted finds data.
            live.onProgress(Duration.ofSeconds(1), summary -> announce(session));
            if (!stopping) {
                live.run();
            }
        } catch (RuntimeException e) {
            LOG.error("the demo's simulator stopped", e);
            ready.completeExceptionally(e);
        } finally {
            publisher = null;
            ready.completeExceptionally(new IllegalStateException("the demo stopped before it played"));
        }
    }

    private void announce(DemoSession session) {
        if (ready.isDone()) {
            return;
        }
        // The credentials go to the console once, on purpose, and never to the log.
        System.out.println(DemoBanner.text(session));
        System.out.flush();
        LOG.info("demo running: {} devices from {} on field {}, manager {}", session.deviceIds().size(), session.deviceIds().get(0),
                session.fieldId(), session.username());
        ready.complete(session);
    }

    /**
     * The simulator's producer: it gives up on the broker within seconds, so that a demo whose cluster went away
     * first still stops at once.
     */
    private Properties producerConfig() {
        Properties config = LivePublisher.producerProperties(bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "insiders-demo");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        return config;
    }

    /**
     * Sets the demo up, or finds what an earlier run set up: devices, manager, password, ownerships, field.
     * Idempotent: run twice, it answers the same devices, manager and field (with a new password).
     */
    DemoSession setUp() throws InterruptedException {
        List<SimulatedDevice> simulated = fleet().devices();
        provision(simulated);
        Manager manager = manager();
        String password = newPassword(manager);
        List<Long> ids = new ArrayList<>();
        for (SimulatedDevice device : simulated) {
            ownership.take(device.id(), manager.id());
            ids.add(device.id());
        }
        long field = field(manager.id());
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        DemoSession session = new DemoSession(manager.id(), manager.username(), password, ids, field, "http://localhost:" + port);
        latest = session;
        return session;
    }

    /** Provisions the devices the pipeline does not know yet, and waits until it knows every one. */
    private void provision(List<SimulatedDevice> simulated) throws InterruptedException {
        List<SimulatedDevice> missing = simulated.stream().filter(device -> !known(device.id())).toList();
        if (!missing.isEmpty()) {
            Properties config = new Properties();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
                for (SimulatedDevice device : missing) {
                    producer.send(new ProducerRecord<>(Topics.DEVICES_PROVISIONING, device.provisioningKey(), device.provisioningJson()));
                }
                producer.flush();
            }
        }
        long deadline = System.nanoTime() + DEVICES_VISIBLE.toNanos();
        for (SimulatedDevice device : simulated) {
            while (!known(device.id())) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("device " + device.id() + " was provisioned but the pipeline does not know it");
                }
                Thread.sleep(200);
            }
        }
    }

    private boolean known(long deviceId) {
        try {
            return devices.byId(deviceId).isPresent();
        } catch (RuntimeException e) {
            // The store is not queryable yet (the stream processor is starting).
            return false;
        }
    }

    /** The demo manager: registered as anyone registers (his email goes to the outbox), or found from an earlier run. */
    private Manager manager() {
        Optional<Manager> existing = directory.byUsername(properties.username());
        if (existing.isPresent()) {
            return existing.get();
        }
        Map<String, String> profile = new LinkedHashMap<>();
        profile.put(AccountCommand.USERNAME, properties.username());
        profile.put(AccountCommand.EMAIL, properties.email());
        profile.put(AccountCommand.EXTERNAL_ID, null);
        profile.put(AccountCommand.FIRST_NAME, "Demo");
        profile.put(AccountCommand.LAST_NAME, "Manager");
        return accounts.register(profile);
    }

    /** Sets a new random password, through the accounts' password change (its rules, its hashing): the demo prints it. */
    private String newPassword(Manager manager) {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) {
                password.append('-');
            }
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("password", password.toString());
        accounts.changePassword(manager, new JsonBody(body));
        return password.toString();
    }

    /** The demo manager's field of the demo's name, or a new one on the simulator's pitch. */
    private long field(long managerId) {
        Optional<Field> existing = fields.of(managerId).stream().filter(field -> field.name().equals(properties.fieldName())).findFirst();
        if (existing.isPresent()) {
            return existing.get().id();
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", properties.fieldName());
        ArrayNode corners = body.putArray("corners");
        for (PitchModel.LatLon corner : pitch().corners()) {
            corners.addObject().put("latitude", corner.latitude()).put("longitude", corner.longitude());
        }
        return fields.create(managerId, body).id();
    }
}
