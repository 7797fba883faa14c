package horizon.writeback;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code horizon.writeback.*}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WritebackProperties.class)
class WritebackConfiguration {
}
