package io.insiders.api.operability;

import io.insiders.api.streams.StreamsRuntime;
import io.insiders.ingest.uploads.JobBoard;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What an operator watches: the pipeline's and the upload jobs' metrics on {@code /actuator/prometheus}
 * (the API's latency per endpoint is Spring's {@code http_server_requests_seconds}). Health is the
 * stream processor's ({@code StreamsHealthIndicator}); the graceful shutdown is {@code server.shutdown}.
 */
@Configuration(proxyBeanMethods = false)
public class OperabilityConfiguration {

    @Bean(destroyMethod = "close")
    PipelineMetrics pipelineMetrics(StreamsRuntime runtime) {
        return new PipelineMetrics(runtime);
    }

    @Bean
    UploadJobMetrics uploadJobMetrics(JobBoard board) {
        return new UploadJobMetrics(board);
    }
}
