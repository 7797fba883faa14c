package horizon.simulator.connectwise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A note added, changed or deleted moves its ticket's {@code _info.lastUpdated} (the last two inferred), so a client
 * polling tickets on {@code lastUpdated} sees every change to a ticket's thread.
 */
class NotesUpdateTheirTicketTest {
    private static final MovableClock CLOCK = new MovableClock(Instant.parse("2026-11-24T08:00:00Z"));
    private static ConnectWiseSimulator sim;
    private static CwClient api;

    @BeforeAll
    static void start() {
        sim = ConnectWiseSimulator.start(ConnectWiseOptions.defaults()
                .withSize(new ConnectWiseOptions.MspSize(1, 1, 2, 0, 1)), CLOCK);
        api = CwClient.of(sim);
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void addingChangingAndDeletingANoteEachUpdateTheTicket() {
        long company = api.get("company/companies?pageSize=2").json().get(1).get("id").asLong();
        long ticket = api.post("service/tickets", Map.of("summary", "VPN drops", "company", Map.of("id", company)))
                .json().get("id").asLong();

        CLOCK.advance(Duration.ofMinutes(1));
        long note = api.post("service/tickets/" + ticket + "/notes", Map.of("text", "Rebooted the router",
                "detailDescriptionFlag", true)).json().get("id").asLong();
        assertThat(ticketLastUpdated(ticket)).isEqualTo(CLOCK.instant());

        CLOCK.advance(Duration.ofMinutes(1));
        assertThat(api.patch("service/tickets/" + ticket + "/notes/" + note, List.of(
                Map.of("op", "replace", "path", "text", "value", "Rebooted the router twice"))).status())
                .isEqualTo(200);
        assertThat(ticketLastUpdated(ticket)).isEqualTo(CLOCK.instant());

        CLOCK.advance(Duration.ofMinutes(1));
        assertThat(api.delete("service/tickets/" + ticket + "/notes/" + note).status()).isEqualTo(204);
        assertThat(ticketLastUpdated(ticket)).isEqualTo(CLOCK.instant());
    }

    private static Instant ticketLastUpdated(long ticket) {
        return Instant.parse(api.get("service/tickets/" + ticket).json().get("_info").get("lastUpdated").asString());
    }

    /** A clock the test moves by whole minutes, so second-precision timestamps tell the writes apart. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
