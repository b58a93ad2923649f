package io.insiders.api.openapi;

import java.util.Map;

import io.insiders.api.web.ApiException;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import org.springdoc.webmvc.ui.SwaggerConfigResource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The browsable page's configuration (where the document is, how to show it), at
 * {@code springdoc.swagger-ui.config-url}. springdoc serves it at the document's path followed by
 * {@code /swagger-config}: below {@code /api/v1/schema/} that is {@code /api/v1/schema//swagger-config},
 * whose double slash Spring Security's firewall refuses (400) and proxies may merge, and the page would
 * not load. This answers springdoc's own configuration at a path of the page's folder instead.
 */
@Hidden
@RestController
class SwaggerConfigController {

    private final ObjectProvider<SwaggerConfigResource> springdoc;

    SwaggerConfigController(ObjectProvider<SwaggerConfigResource> springdoc) {
        this.springdoc = springdoc;
    }

    @GetMapping(value = "${springdoc.swagger-ui.config-url:/api/v1/docs/swagger-config/}", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> swaggerConfig(HttpServletRequest request) {
        SwaggerConfigResource resource = springdoc.getIfAvailable();
        if (resource == null) {
            // The page is turned off (springdoc.swagger-ui.enabled=false): so is its configuration.
            throw ApiException.notFound();
        }
        return resource.openapiJson(request);
    }
}
