package horizon.helpdesk.connectwise;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds {@code horizon.connectwise.*} for the ConnectWise adapter. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConnectWiseProperties.class)
class ConnectWiseConfiguration {
}
