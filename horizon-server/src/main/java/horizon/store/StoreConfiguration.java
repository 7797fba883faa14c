package horizon.store;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How Horizon uses its store's connection pool. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean
    static EmbeddedStoreConnections embeddedStoreConnections() {
        return new EmbeddedStoreConnections();
    }
}
