package horizon.widget;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the widgets ({@code horizon.widgets.*}); docs/configuration.md lists them.
 *
 * @param accessTtl       how long a widget's bearer token (held in the page's memory) lasts
 * @param refreshTtl      how long the refresh cookie lasts without use; every use starts it again
 * @param codeTtl         how long the sign-in popup's one-time code may wait to be exchanged
 * @param refreshGrace    how long a refresh token that was just rotated is still accepted (two widgets of one browser
 *                        refreshing at once); shown again later, it revokes its whole sign-in
 * @param eventsPerMinute widget events one account may report per minute to one node; more are dropped
 * @param memberSignInsPerMinute PSA-member sign-ins one account may ask one node for per minute (each costs one PSA
 *                        request)
 * @param memberReconfirmAfter how long a member the PSA confirmed continues on this node by the widget's refresh cookie
 *                        (the PSA's page naming the same member) before the PSA is asked again
 * @param eventRetention  how long widget events are kept
 * @param hostCacheTtl    how long a node keeps an account's PSA web origins before reading the connection again
 */
@ConfigurationProperties("horizon.widgets")
public record WidgetProperties(Duration accessTtl, Duration refreshTtl, Duration codeTtl, Duration refreshGrace,
                               Integer eventsPerMinute, Integer memberSignInsPerMinute, Duration memberReconfirmAfter,
                               Duration eventRetention, Duration hostCacheTtl) {

    public WidgetProperties {
        accessTtl = accessTtl == null ? Duration.ofMinutes(10) : accessTtl;
        refreshTtl = refreshTtl == null ? Duration.ofDays(7) : refreshTtl;
        codeTtl = codeTtl == null ? Duration.ofSeconds(60) : codeTtl;
        refreshGrace = refreshGrace == null ? Duration.ofSeconds(30) : refreshGrace;
        eventsPerMinute = eventsPerMinute == null ? 120 : eventsPerMinute;
        memberSignInsPerMinute = memberSignInsPerMinute == null ? 60 : memberSignInsPerMinute;
        memberReconfirmAfter = memberReconfirmAfter == null ? Duration.ofMinutes(15) : memberReconfirmAfter;
        eventRetention = eventRetention == null ? Duration.ofDays(30) : eventRetention;
        hostCacheTtl = hostCacheTtl == null ? Duration.ofSeconds(30) : hostCacheTtl;
    }
}
