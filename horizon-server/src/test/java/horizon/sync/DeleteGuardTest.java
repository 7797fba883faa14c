package horizon.sync;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeleteGuardTest {

    private final DeleteGuard guard = new DeleteGuard(25);

    @Test
    void allowsUpToTheShare() {
        assertThat(guard.allows(25, 100)).isTrue();
        assertThat(guard.allows(1, 4)).isTrue();
        assertThat(guard.allows(0, 0)).isTrue();
    }

    @Test
    void refusesMoreThanTheShare() {
        assertThat(guard.allows(26, 100)).isFalse();
        assertThat(guard.allows(2, 4)).isFalse();
        assertThat(guard.allows(12, 12)).isFalse();
    }

    @Test
    void aZeroShareRefusesEveryDelete() {
        assertThat(new DeleteGuard(0).allows(1, 1_000_000)).isFalse();
    }
}
