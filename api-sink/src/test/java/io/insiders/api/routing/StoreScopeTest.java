package io.insiders.api.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.insiders.api.streams.StoreQueries;
import io.insiders.api.streams.StoreScope;
import io.insiders.api.streams.StoreUnavailableException;
import io.insiders.api.streams.StreamsRuntime;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/** How the store reads of a routed request follow the scope the router left on it, and how long they wait. */
class StoreScopeTest {

    private static final Duration STORE_WAIT = Duration.ofMillis(300);

    private final KafkaStreams streams = mock(KafkaStreams.class);
    private final List<StoreQueryParameters<?>> asked = new ArrayList<>();
    private StoreQueries queries;

    @BeforeEach
    void setUp() {
        StreamsRuntime runtime = mock(StreamsRuntime.class);
        when(runtime.streams()).thenReturn(streams);
        when(runtime.storeWait()).thenReturn(STORE_WAIT);
        when(streams.state()).thenReturn(KafkaStreams.State.RUNNING);
        queries = new StoreQueries(runtime);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
    }

    @AfterEach
    void tearDown() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void aScopedReadIsPinnedToItsPartitionAndMayUseAStandbyWhenAllowed() {
        ReadOnlyKeyValueStore<String, Long> store = store(42L);
        new StoreScope(4, true, System.nanoTime() + STORE_WAIT.toNanos()).bindToCurrentRequest();

        Long value = queries.read("latest-timestamps", QueryableStoreTypes.<String, Long>keyValueStore(), s -> s.get("dev"));

        assertThat(value).isEqualTo(42L);
        assertThat(asked).singleElement().satisfies(parameters -> {
            assertThat(parameters.partition()).isEqualTo(4);
            assertThat(parameters.staleStoresEnabled()).isTrue();
        });
        assertThat(store).isNotNull();
    }

    @Test
    void aReadOutsideARoutedRequestReadsTheActiveStoresOfAllLocalPartitions() {
        store(7L);
        RequestContextHolder.resetRequestAttributes();

        queries.read("latest-timestamps", QueryableStoreTypes.<String, Long>keyValueStore(), s -> s.get("dev"));

        assertThat(asked).singleElement().satisfies(parameters -> {
            assertThat(parameters.partition()).isNull();
            assertThat(parameters.staleStoresEnabled()).isFalse();
        });
    }

    @Test
    void aStoreThatStaysUnavailableIsGivenUpAfterTheStoreWaitWithARetryAfter() {
        when(streams.store(any())).thenThrow(new InvalidStateStoreException("restoring"));

        long started = System.nanoTime();
        assertThatThrownBy(() -> queries.read("latest-timestamps", QueryableStoreTypes.<String, Long>keyValueStore(), s -> s.get("dev")))
                .isInstanceOfSatisfying(StoreUnavailableException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(STORE_WAIT, STORE_WAIT.plusSeconds(2));
    }

    @Test
    void aScopedReadSharesTheRequestsDeadline() {
        when(streams.store(any())).thenThrow(new InvalidStateStoreException("moved"));
        // The router used the whole wait already.
        new StoreScope(1, false, System.nanoTime()).bindToCurrentRequest();

        long started = System.nanoTime();
        assertThatThrownBy(() -> queries.read("latest-timestamps", QueryableStoreTypes.<String, Long>keyValueStore(), s -> s.get("dev")))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(STORE_WAIT);
    }

    @Test
    void anInstanceShuttingDownAnswersUnavailableNotAnInternalError() {
        when(streams.state()).thenReturn(KafkaStreams.State.PENDING_SHUTDOWN);
        when(streams.store(any())).thenThrow(new IllegalStateException("KafkaStreams is not running. State is PENDING_SHUTDOWN."));

        assertThatThrownBy(() -> queries.read("latest-timestamps", QueryableStoreTypes.<String, Long>keyValueStore(), s -> s.get("dev")))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void onlyAnActiveCopyMayAnswerThatADeviceHasNoData() {
        new StoreScope(2, false, System.nanoTime() + STORE_WAIT.toNanos()).bindToCurrentRequest();
        queries.requireAuthoritativeAbsence("latest-timestamps");

        // A standby that has not read the device's frames from the changelog yet does not know there are none.
        new StoreScope(2, true, System.nanoTime() + STORE_WAIT.toNanos()).bindToCurrentRequest();
        assertThatThrownBy(() -> queries.requireAuthoritativeAbsence("latest-timestamps"))
                .isInstanceOfSatisfying(StoreUnavailableException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(1))
                .hasMessageContaining("standby copy");
    }

    @SuppressWarnings("unchecked")
    private ReadOnlyKeyValueStore<String, Long> store(Long value) {
        ReadOnlyKeyValueStore<String, Long> store = mock(ReadOnlyKeyValueStore.class);
        when(store.get("dev")).thenReturn(value);
        when(streams.store(any())).thenAnswer(invocation -> {
            asked.add(invocation.getArgument(0));
            return store;
        });
        return store;
    }
}
