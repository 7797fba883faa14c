package horizon.secret;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Provides the node's master key (HORIZON_MASTER_KEY, else the key file) and the SecretBox built on it. */
@Configuration(proxyBeanMethods = false)
class SecretConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecretConfiguration.class);

    /** The data folder, owner-only, before any bean (the embedded database) writes to it. */
    @Bean
    static DataDirectory dataDirectory() {
        return new DataDirectory();
    }

    @Bean
    MasterKey masterKey(@Value("${horizon.master-key:}") String configured,
                        @Value("${horizon.key-file:./data/master.key}") Path keyFile) {
        if (configured != null && !configured.isBlank()) {
            MasterKey key = MasterKey.fromBase64(configured, "HORIZON_MASTER_KEY (horizon.master-key)");
            log.info("Sealing secrets with master key {} from HORIZON_MASTER_KEY", key.id());
            return key;
        }
        MasterKey key = MasterKeyFile.loadOrCreate(keyFile);
        log.info("Sealing secrets with master key {} from key file {}", key.id(), keyFile.toAbsolutePath().normalize());
        return key;
    }

    @Bean
    SecretBox secretBox(MasterKey masterKey) {
        return new SecretBox(masterKey);
    }
}
