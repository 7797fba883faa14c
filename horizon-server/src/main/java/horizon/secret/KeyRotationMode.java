package horizon.secret;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A node started to rotate the master key ({@value #PROPERTY}) opens no port and does no background work: it may run
 * beside a serving node on the same machine and must not pick up syncs, callbacks or write-backs it would abandon
 * when it exits. These settings override any other, since such a node only rotates; {@link KeyRotationCommand} keeps
 * db-scheduler (syncs, webhook registration) from starting.
 */
public class KeyRotationMode implements EnvironmentPostProcessor {

    static final String PROPERTY = "horizon.rotate-keys";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty(PROPERTY, Boolean.class, false)) {
            return;
        }
        environment.getPropertySources().addFirst(new MapPropertySource("horizonKeyRotation", Map.of(
                // The web application context is still built (the admin pages' beans need it), with no port opened.
                "server.port", "-1",
                "horizon.callbacks.processing", "false",
                "horizon.writeback.sending", "false")));
    }
}
