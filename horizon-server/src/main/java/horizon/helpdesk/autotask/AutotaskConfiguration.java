package horizon.helpdesk.autotask;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code horizon.autotask.*} for the Autotask adapter. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AutotaskProperties.class)
class AutotaskConfiguration {
}
