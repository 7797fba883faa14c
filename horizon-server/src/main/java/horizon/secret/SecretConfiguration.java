package horizon.secret;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Provides the node's master keys and the SecretBox built on them. The key that seals is HORIZON_MASTER_KEY, else the
 * key file's first line; HORIZON_PREVIOUS_MASTER_KEYS and the key file's other lines only open.
 */
@Configuration(proxyBeanMethods = false)
class SecretConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecretConfiguration.class);

    /** The data folder, owner-only, before any bean (the embedded database) writes to it. */
    @Bean
    static DataDirectory dataDirectory() {
        return new DataDirectory();
    }

    @Bean
    MasterKeyRing masterKeyRing(@Value("${horizon.master-key:}") String configured,
                                @Value("${horizon.previous-master-keys:}") String previous,
                                @Value("${horizon.key-file:./data/master.key}") Path keyFile,
                                @Value("${spring.datasource.url:}") String storeUrl) {
        return ring(configured, previous, keyFile, storeUrl);
    }

    @Bean
    SecretBox secretBox(MasterKeyRing masterKeyRing) {
        return new SecretBox(masterKeyRing);
    }

    /**
     * The ring from the settings. A key file is created only for the embedded H2 store: on a shared database every node
     * would create a key of its own and none could open what another sealed, so start-up stops and says what to set.
     */
    static MasterKeyRing ring(String configured, String previous, Path keyFile, String storeUrl) {
        List<MasterKey> opening = new ArrayList<>(previousKeys(previous));
        MasterKeyRing ring;
        if (configured != null && !configured.isBlank()) {
            ring = MasterKeyRing.of(MasterKey.fromBase64(configured, "HORIZON_MASTER_KEY (horizon.master-key)"),
                    opening);
            log.info("Sealing secrets with master key {} from HORIZON_MASTER_KEY{}", ring.sealing().id(),
                    alsoOpening(ring));
            return ring;
        }
        boolean embedded = embeddedStore(storeUrl);
        if (!embedded && !Files.exists(keyFile)) {
            throw new MasterKeyProblem(noKeyForSharedStore(keyFile, storeUrl));
        }
        List<MasterKey> fromFile = MasterKeyFile.loadOrCreate(keyFile);
        opening.addAll(0, fromFile.subList(1, fromFile.size()));
        ring = MasterKeyRing.of(fromFile.get(0), opening);
        log.info("Sealing secrets with master key {} from key file {}{}", ring.sealing().id(),
                keyFile.toAbsolutePath().normalize(), alsoOpening(ring));
        if (!embedded) {
            log.warn("The master key comes from the key file {} while the database is shared ({}): every node must "
                    + "hold the same keys. Prefer HORIZON_MASTER_KEY with the same value on every node.",
                    keyFile.toAbsolutePath().normalize(), scheme(storeUrl));
        }
        return ring;
    }

    /** Whether the data source is Horizon's embedded H2 store (or Spring Boot's embedded default, for no URL). */
    static boolean embeddedStore(String storeUrl) {
        return storeUrl == null || storeUrl.isBlank() || storeUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:");
    }

    static String noKeyForSharedStore(Path keyFile, String storeUrl) {
        return "No master key: HORIZON_MASTER_KEY is not set and there is no key file at "
                + keyFile.toAbsolutePath().normalize() + ". Horizon creates a key file only for its embedded H2 store; "
                + "on a shared database (" + scheme(storeUrl) + ") each node would create a key of its own and could "
                + "not open the credentials another node sealed. Generate one key with: openssl rand -base64 32 "
                + "and set it as HORIZON_MASTER_KEY on every node (the same value everywhere), or put the key file "
                + "of an existing installation at that path.";
    }

    private static List<MasterKey> previousKeys(String previous) {
        List<MasterKey> keys = new ArrayList<>();
        if (previous == null) {
            return keys;
        }
        String[] texts = previous.split(",");
        for (int i = 0; i < texts.length; i++) {
            if (!texts[i].isBlank()) {
                keys.add(MasterKey.fromBase64(texts[i], "HORIZON_PREVIOUS_MASTER_KEYS (horizon.previous-master-keys), "
                        + "key " + (i + 1)));
            }
        }
        return keys;
    }

    private static String alsoOpening(MasterKeyRing ring) {
        List<String> ids = ring.ids();
        return ids.size() == 1 ? "" : "; opening also with " + String.join(", ", ids.subList(1, ids.size()));
    }

    /** The URL's scheme only: the rest may name hosts, users or a password. */
    private static String scheme(String storeUrl) {
        int second = storeUrl.indexOf(':', storeUrl.indexOf(':') + 1);
        return second < 0 ? "jdbc" : storeUrl.substring(0, second);
    }
}
