package horizon.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class PublicUrlTest {

    @Test
    void aConfiguredUrlIsUsedWithoutItsTrailingSlash() {
        PublicUrl url = new PublicUrl("https://horizon.example.com/", new MockEnvironment());
        assertThat(url.get()).isEqualTo("https://horizon.example.com");
        assertThat(url.configured()).isTrue();
    }

    @Test
    void withoutConfigurationItIsLocalhostOnTheActualPort() {
        MockEnvironment environment = new MockEnvironment().withProperty("local.server.port", "41234");
        PublicUrl url = new PublicUrl("", environment);
        assertThat(url.get()).isEqualTo("http://localhost:41234");
        assertThat(url.configured()).isFalse();
    }

    @Test
    void somethingThatIsNotAnHttpUrlStopsTheStart() {
        for (String wrong : new String[] {"horizon.example.com", "ftp://horizon.example.com", "https://a b"}) {
            assertThatThrownBy(() -> new PublicUrl(wrong, new MockEnvironment()))
                    .as(wrong)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("HORIZON_PUBLIC_URL");
        }
    }
}
