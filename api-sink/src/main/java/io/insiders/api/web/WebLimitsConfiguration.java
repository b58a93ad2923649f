package io.insiders.api.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The checks of a request before anything reads it: its body's size ({@link RequestBodyLimitFilter})
 * and type ({@link ContentTypeFilter}).
 */
@Configuration(proxyBeanMethods = false)
public class WebLimitsConfiguration {

    /**
     * Before Spring's form filter (-9900), which reads the bodies of forms, and before Spring Security's chain
     * (-100): a body that is too large is refused before anything reads it or any password is checked.
     */
    public static final int FILTER_ORDER = -10_000;

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(RequestLimitsProperties limits) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(limits));
        registration.setName("requestBodyLimit");
        registration.addUrlPatterns("/*");
        registration.setOrder(FILTER_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ContentTypeFilter> contentTypeFilter() {
        FilterRegistrationBean<ContentTypeFilter> registration = new FilterRegistrationBean<>(new ContentTypeFilter());
        registration.setName("contentType");
        registration.addUrlPatterns("/*");
        registration.setOrder(FILTER_ORDER + 1);
        return registration;
    }
}
