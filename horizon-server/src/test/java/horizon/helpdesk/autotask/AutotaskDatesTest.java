package horizon.helpdesk.autotask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Autotask's date-time text in every form seen on the wire, read as UTC. */
class AutotaskDatesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "2012-10-24T05:00:00.000Z,    2012-10-24T05:00:00Z",
            "2018-01-23T11:00:00.00Z,     2018-01-23T11:00:00Z",
            "2024-01-31T15:04:05.307,     2024-01-31T15:04:05.307Z",
            "2024-01-31T15:04:05,         2024-01-31T15:04:05Z",
            "2024-01-31T15:04:05Z,        2024-01-31T15:04:05Z",
            "2024-01-31T15:04:05.1234567, 2024-01-31T15:04:05.1234567Z",
            "2024-01-31T15:04:05.1234567Z,2024-01-31T15:04:05.1234567Z",
            "2024-01-31T15:04:05.1Z,      2024-01-31T15:04:05.100Z",
            "2024-01-31T15:04,            2024-01-31T15:04:00Z",
            "2024-01-31,                  2024-01-31T00:00:00Z",
            "2024-01-31T17:04:05+02:00,   2024-01-31T15:04:05Z"
    })
    void readsEveryFormAsUtc(String wire, String expected) {
        assertThat(AutotaskDates.parse(wire)).isEqualTo(Instant.parse(expected));
    }

    @Test
    void blankIsNoDate() {
        assertThat(AutotaskDates.parse(null)).isNull();
        assertThat(AutotaskDates.parse(" ")).isNull();
    }

    @Test
    void garbageIsRefusedWithTheText() {
        assertThatThrownBy(() -> AutotaskDates.parse("yesterday"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yesterday");
    }

    @Test
    void writesUtcWithMillisecondsAndZ() {
        assertThat(AutotaskDates.format(Instant.parse("2026-11-24T08:00:00Z"))).isEqualTo("2026-11-24T08:00:00.000Z");
        assertThat(AutotaskDates.format(Instant.parse("2026-11-24T08:00:00.123456Z")))
                .isEqualTo("2026-11-24T08:00:00.123Z");
    }
}
