package horizon.store;

import com.zaxxer.hikari.HikariDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Keeps the embedded H2 store's pooled connections for the life of the process.
 *
 * <p>H2 (2.4.240) evaluates a table's CHECK constraints through the session that created them. On a new store that is
 * the pooled connection Flyway migrated with, and once the pool retires it (HikariCP's {@code maxLifetime}, 30 minutes
 * by default) every insert or update checking such a constraint fails with "Check constraint invalid: The database has
 * been closed". A store opened again later is not affected (H2 then binds the constraints to its own session), so only
 * the first run on a fresh store broke, half an hour after start. PostgreSQL pools keep their lifetime.
 */
public class EmbeddedStoreConnections implements BeanPostProcessor {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedStoreConnections.class);

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource pool && embedded(pool.getJdbcUrl())) {
            pool.setMaxLifetime(0);
            log.debug("embedded store: pooled connections are kept for the life of the process");
        }
        return bean;
    }

    static boolean embedded(String url) {
        return url != null && url.startsWith("jdbc:h2:");
    }
}
