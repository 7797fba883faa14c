package horizon.helpdesk.autotask;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Texts compared as Autotask stores them. */
class AutotaskReadBackTest {

    @Test
    void lineBreaksAndSurroundingBlanksDoNotMatter() {
        assertThat(AutotaskReadBack.sameText("Connected.\r\nCleared the queue. ", "Connected.\nCleared the queue."))
                .isTrue();
        assertThat(AutotaskReadBack.sameText("a\rb", "a\nb")).isTrue();
        assertThat(AutotaskReadBack.sameText(null, "  ")).isTrue();
    }

    @Test
    void otherDifferencesDo() {
        assertThat(AutotaskReadBack.sameText("Connected. Cleared the queue.", "Connected.\nCleared the queue."))
                .isFalse();
        assertThat(AutotaskReadBack.sameText("connected.", "Connected.")).isFalse();
    }
}
