package horizon.helpdesk.autotask;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Hours worked as Horizon sends them to Autotask. */
class AutotaskTimeEntryCreateTest {

    @Test
    void wholeAndHalfHoursAreSentPlainly() {
        assertThat(AutotaskTimeEntryCreate.hoursWorked(Duration.ofMinutes(90)).toString()).isEqualTo("1.5");
        assertThat(AutotaskTimeEntryCreate.hoursWorked(Duration.ofHours(10)).toString()).isEqualTo("10");
    }

    @Test
    void oddMinutesKeepFourDecimals() {
        assertThat(AutotaskTimeEntryCreate.hoursWorked(Duration.ofMinutes(20)).toString()).isEqualTo("0.3333");
        assertThat(AutotaskTimeEntryCreate.hoursWorked(Duration.ofMinutes(40)).toString()).isEqualTo("0.6667");
        assertThat(AutotaskTimeEntryCreate.hoursWorked(Duration.ofSeconds(1)).toString()).isEqualTo("0.0003");
    }
}
