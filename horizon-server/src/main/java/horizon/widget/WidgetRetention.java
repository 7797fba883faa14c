package horizon.widget;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Hourly, on one node at a time: removes widget tokens a day past their expiry and events past their retention. */
@Configuration(proxyBeanMethods = false)
class WidgetRetention {

    static final String TASK = "horizon-widget-retention";
    private static final Logger log = LoggerFactory.getLogger(WidgetRetention.class);

    @Bean
    RecurringTask<Void> widgetRetentionTask(WidgetTokens tokens, WidgetEvents events) {
        return Tasks.recurring(TASK, FixedDelay.of(Duration.ofHours(1))).execute((instance, context) -> {
            int expired = tokens.removeExpired();
            int old = events.removeOld();
            if (expired + old > 0) {
                log.info("widget retention removed tokens={} events={}", expired, old);
            }
        });
    }
}
