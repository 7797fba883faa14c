package horizon.helpdesk.connectwise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text as ConnectWise stores it, from fixed vectors. */
class ConnectWiseStoredTextTest {

    @Test
    void eachLineBreakBecomesOneSpace() {
        assertThat(ConnectWiseStoredText.of("Rebooted.\r\nAll good\nnow\r")).isEqualTo("Rebooted.  All good now ");
    }

    @Test
    void backspaceAndFormFeedBecomeSpaces() {
        assertThat(ConnectWiseStoredText.of("a\bb\fc")).isEqualTo("a b c");
    }

    @Test
    void tabsAndOtherTextAreKept() {
        assertThat(ConnectWiseStoredText.of("Port\t8443 – ok, \"quoted\" \\ é")).isEqualTo("Port\t8443 – ok, \"quoted\" \\ é");
    }

    @Test
    void emptyStaysEmpty() {
        assertThat(ConnectWiseStoredText.of("")).isEmpty();
    }
}
