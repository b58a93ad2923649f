package io.insiders.api.uploads;

import java.net.URI;

import io.insiders.api.kafka.KafkaCluster;
import io.insiders.api.kafka.WorkerLifecycle;
import io.insiders.api.streams.StreamsProperties;
import io.insiders.ingest.uploads.JobBoard;
import io.insiders.ingest.uploads.UploadJobProcessor;
import io.insiders.ingest.uploads.UploadSubmitter;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * ASI uploads: the board of jobs every instance reads, the submitter the API writes with, and the
 * job processor that decodes files, each instance taking its share of the uploads.
 */
@Configuration(proxyBeanMethods = false)
public class UploadsConfiguration {

    @Bean(destroyMethod = "close")
    JobBoard jobBoard(KafkaCluster cluster, KafkaAdmin topicsCreated) {
        JobBoard board = new JobBoard(cluster.bootstrapServers());
        board.start();
        return board;
    }

    @Bean(destroyMethod = "close")
    UploadSubmitter uploadSubmitter(KafkaCluster cluster, JobBoard board, StreamsProperties streams) {
        return new UploadSubmitter(cluster.bootstrapServers(), transactionalId("submit", streams), board, System::currentTimeMillis);
    }

    @Bean
    SmartLifecycle uploadJobs(KafkaCluster cluster, JobBoard board, StreamsProperties streams) {
        return new WorkerLifecycle<>("insiders-upload-jobs", WorkerLifecycle.BEFORE_WEB, () -> new UploadJobProcessor(
                cluster.bootstrapServers(), streams.applicationId() + "-upload-jobs", transactionalId("jobs", streams),
                board, System::currentTimeMillis, streams.retention()));
    }

    /** Stable for one instance across restarts, so that its restarted producer fences the one that died. */
    private static String transactionalId(String role, StreamsProperties streams) {
        URI self = URI.create(streams.advertisedUrl());
        return streams.applicationId() + "-uploads-" + role + "-" + self.getHost() + "-" + self.getPort();
    }
}
