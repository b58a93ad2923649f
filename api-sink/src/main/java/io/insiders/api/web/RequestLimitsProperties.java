package io.insiders.api.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest request bodies accepted ({@code insiders.web.*}).
 *
 * @param maxBodySize any request's body but an upload's
 * @param maxUploadBodySize the body of {@code POST /api/v1/devices/{device}/asi/}: a 32 MiB file in base64 with its JSON around it
 */
@ConfigurationProperties("insiders.web")
public record RequestLimitsProperties(
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("48MB") DataSize maxUploadBodySize) {
}
