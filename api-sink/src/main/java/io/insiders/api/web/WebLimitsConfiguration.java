package io.insiders.api.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The request body limits ({@link RequestBodyLimitFilter}), applied to every path. */
@Configuration(proxyBeanMethods = false)
public class WebLimitsConfiguration {

    /** Before Spring Security's chain (-100): a body that is too large is refused before any password is checked. */
    public static final int FILTER_ORDER = -110;

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(RequestLimitsProperties limits) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(limits));
        registration.setName("requestBodyLimit");
        registration.addUrlPatterns("/*");
        registration.setOrder(FILTER_ORDER);
        return registration;
    }
}
