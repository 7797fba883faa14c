package horizon.simulator.connectwise.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LikePatternTest {

    @ParameterizedTest(name = "{0} ~ {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``            | ``               | true
            ``            | a                | false
            *             | ``               | true
            %%*           | anything         | true
            abc           | ABC              | true
            abc           | abcd             | false
            a*c           | abbbc            | true
            a*c           | abbbcd           | false
            *ab*ab        | abab             | true
            *ab*ab        | aab              | false
            *ab*ab        | xxabyyabab       | true
            a%b%c         | aXbYbZc          | true
            a%b%c         | acb              | false
            _bc           | Xbc              | true
            _bc           | bc               | false
            *_            | ``               | false
            [a-c]x        | Bx               | true
            [a-c]x        | dx               | false
            [^a-c]x       | dx               | true
            [^a-c]x       | AX               | false
            [[]HQ]        | [HQ]             | true
            []]           | ]                | true
            [abc          | [abc             | true
            x@y.com       | X@Y.COM          | true
            john_doe@*    | john_doe@acme.io | true
            """)
    void matchesAsSqlServersLikeWithStarForPercent(String pattern, String text, boolean matches) {
        assertThat(LikePattern.compile(pattern).matches(text)).isEqualTo(matches);
    }
}
