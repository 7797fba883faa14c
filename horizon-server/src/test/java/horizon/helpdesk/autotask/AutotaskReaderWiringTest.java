package horizon.helpdesk.autotask;

import static org.assertj.core.api.Assertions.assertThat;

import horizon.helpdesk.HelpdeskKind;
import horizon.helpdesk.HelpdeskReader;
import horizon.helpdesk.Helpdesks;
import horizon.helpdesk.RequestBudgets;
import horizon.testsupport.BudgetDatabase;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The reader and its gate as Spring builds them, with the gate's settings bound from {@code horizon.autotask.*}. */
class AutotaskReaderWiringTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(AutotaskConfiguration.class, AutotaskHttp.class, ZoneResolver.class,
                    AutotaskApi.class, AutotaskRateGate.class, AutotaskReader.class, AutotaskConnector.class,
                    AutotaskCallbacks.class, AutotaskWriter.class, AutotaskWidgets.class, AutotaskAdapter.class,
                    Helpdesks.class)
            .withBean(Clock.class, Clock::systemUTC)
            .withBean(RequestBudgets.class, BudgetDatabase::fresh);

    @Test
    void theReaderIsTheAutotaskHelpdeskReaderWithDefaultPacing() {
        context.run(spring -> {
            assertThat(spring).hasSingleBean(HelpdeskReader.class);
            assertThat(spring.getBean(Helpdesks.class).reader(HelpdeskKind.AUTOTASK))
                    .isSameAs(spring.getBean(HelpdeskReader.class));
            assertThat(spring.getBean(AutotaskGateProperties.class)).isEqualTo(AutotaskGateProperties.defaults());
        });
    }

    @Test
    void pacingIsConfigurable() {
        context.withPropertyValues("horizon.autotask.budget-share-percent=25",
                        "horizon.autotask.threshold-read-interval=2m", "horizon.autotask.backoff-base=50ms")
                .run(spring -> {
                    AutotaskGateProperties properties = spring.getBean(AutotaskGateProperties.class);
                    assertThat(properties.budgetSharePercent()).isEqualTo(25);
                    assertThat(properties.thresholdReadInterval()).isEqualTo(Duration.ofMinutes(2));
                    assertThat(properties.backoffBase()).isEqualTo(Duration.ofMillis(50));
                    assertThat(properties.threadsPerEndpoint()).isEqualTo(3);
                });
    }

    @Test
    void aShareOutsideOneToHundredStopsTheStart() {
        context.withPropertyValues("horizon.autotask.budget-share-percent=0")
                .run(spring -> assertThat(spring).hasFailed());
    }
}
