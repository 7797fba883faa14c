package horizon.demo;

import horizon.simulator.autotask.AutotaskSimulator;
import horizon.simulator.autotask.SimulatorOptions;
import horizon.simulator.connectwise.ConnectWiseOptions;
import horizon.simulator.connectwise.ConnectWiseSimulator;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Demo mode's PSAs: when {@code horizon.demo.enabled=true}, starts the in-process Autotask and ConnectWise simulators
 * before any bean exists, points Horizon's Autotask zone discovery at the first, gives Horizon the clientId the second
 * knows (and lets its on-premise host be plain http on loopback), and keeps the demo's data in its own H2 file under
 * ./data/demo. Explicit properties (command line, HORIZON_* variables) still win over these demo defaults.
 */
public class DemoSimulator implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String BEAN_NAME = "demoAutotaskSimulator";
    static final String CONNECTWISE_BEAN_NAME = "demoConnectWiseSimulator";
    private static final Logger log = LoggerFactory.getLogger(DemoSimulator.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (!environment.getProperty("horizon.demo.enabled", Boolean.class, false)
                || context.getBeanFactory().containsSingleton(BEAN_NAME)) {
            return;
        }
        double activity = environment.getProperty("horizon.demo.activity-per-minute", Double.class, 6.0);
        int port = environment.getProperty("horizon.demo.simulator-port", Integer.class, 18400);
        AutotaskSimulator simulator = AutotaskSimulator.start(SimulatorOptions.defaults()
                .withBasePort(port)
                .withActivityPerMinute(activity));
        int connectWisePort = environment.getProperty("horizon.demo.connectwise-port", Integer.class,
                port == 0 ? 0 : port + 100);
        ConnectWiseSimulator connectWise;
        try {
            connectWise = ConnectWiseSimulator.start(ConnectWiseOptions.defaults()
                    .withPort(connectWisePort)
                    .withActivityPerMinute(activity));
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
        // Autotask's real discovery URL is lower-case; the simulator answers either way.
        String discovery = simulator.zones().get(0).apiUrl().toLowerCase(Locale.ROOT);
        var demoDefaults = new MapPropertySource("horizonDemo", Map.of(
                "horizon.data-dir", "./data/demo",
                "spring.datasource.url", "jdbc:h2:file:${horizon.data-dir}/horizon;MODE=PostgreSQL;"
                        + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH",
                "spring.datasource.username", "sa",
                "spring.datasource.password", "",
                "horizon.autotask.discovery-url", discovery,
                // The simulated zones answer plain http on loopback; real Autotask zones are https.
                "horizon.autotask.allowed-zone-hosts", "http://" + URI.create(discovery).getHost(),
                // Horizon's clientId is the one the simulated site knows; its on-premise host is plain http.
                "horizon.connectwise.client-id", connectWise.clientId(),
                "horizon.connectwise.allow-insecure-loopback", "true"));
        var sources = environment.getPropertySources();
        if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, demoDefaults);
        } else {
            sources.addFirst(demoDefaults);
        }
        context.getBeanFactory().registerSingleton(BEAN_NAME, simulator);
        context.getBeanFactory().registerSingleton(CONNECTWISE_BEAN_NAME, connectWise);
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                try {
                    simulator.close();
                } finally {
                    connectWise.close();
                }
            }
        });
        log.info("Demo mode: Autotask simulator serving zones {}, ConnectWise simulator at {} ({} technician actions "
                        + "per minute each)", simulator.zones().stream().map(z -> z.name() + " " + z.apiUrl()).toList(),
                connectWise.siteUrl(), activity);
    }
}
