package horizon.secret;

import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerStarter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code --horizon.rotate-keys=true} ({@code ./horizon rotate-keys}): the node starts (Flyway migrates), re-seals every
 * stored secret with the newest master key, logs the counts and exits: 0 when everything opened, 1 when some value
 * opened with no held key (it is left as it was and named in the log). {@link KeyRotationMode} keeps such a node off
 * the network and out of the background work; its db-scheduler is never started.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = KeyRotationMode.PROPERTY, havingValue = "true")
class KeyRotationCommand {

    private static final Logger log = LoggerFactory.getLogger(KeyRotationCommand.class);

    /** Stands in for db-scheduler's starter, so no sync, registration or retention task runs on a node that rotates. */
    @Bean
    DbSchedulerStarter dbSchedulerStarter() {
        log.info("db-scheduler is not started: this node only rotates the master key");
        return () -> {
        };
    }

    @Bean
    RotatingKeys rotatingKeys(KeyRotation rotation, ApplicationContext context) {
        return new RotatingKeys(rotation, context);
    }

    /** Runs the rotation once the context is up, then closes it and ends the JVM with the rotation's exit code. */
    static final class RotatingKeys implements ApplicationRunner, ExitCodeGenerator {

        private final KeyRotation rotation;
        private final ApplicationContext context;
        private volatile int exitCode = 1;

        RotatingKeys(KeyRotation rotation, ApplicationContext context) {
            this.rotation = rotation;
            this.context = context;
        }

        @Override
        public void run(ApplicationArguments arguments) {
            try {
                exitCode = rotation.rotate().complete() ? 0 : 1;
            } catch (RuntimeException failure) {
                log.error("key rotation failed; values re-sealed so far stay re-sealed, run it again", failure);
            }
            System.exit(SpringApplication.exit(context));
        }

        @Override
        public int getExitCode() {
            return exitCode;
        }
    }
}
