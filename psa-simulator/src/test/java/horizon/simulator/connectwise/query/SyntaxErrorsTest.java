package horizon.simulator.connectwise.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyntaxErrorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            summary = "abc                  | 11 | unterminated string starting at position 11
            summary = 'abc"                 | 11 | unterminated string starting at position 11
            summary "abc"                   | 9  | expected an operator after 'summary' at position 9
            summary                         | 8  | expected an operator after 'summary' at the end
            summary == "a"                  | 10 | expected a value after '=' at position 10
            (summary = "a"                  | 15 | the '(' at position 1 has no matching ')'
            ((id = 1) or (id = 2)           | 22 | the '(' at position 1 has no matching ')'
            summary = "a")                  | 14 | the ')' at position 14 has no matching '('
            summary = "a" garbage           | 15 | expected AND, OR or the end but found 'garbage' at position 15
            id = 1 id = 2                   | 8  | expected AND, OR or the end but found 'id' at position 8
            lastUpdated > [2026-13-45]      | 15 | '[2026-13-45]' at position 15 is not a valid datetime
            lastUpdated > [yesterday]       | 15 | '[yesterday]' at position 15 is not a valid datetime
            lastUpdated > [2026-01-01       | 15 | unterminated datetime starting at position 15
            summary =                       | 10 | expected a value after '=' at the end
            summary = abc                   | 11 | expected a value after '=' at position 11
            summary not = "x"               | 13 | expected like, contains or in after 'not' at position 13
            id in 1                         | 7  | expected '(' after 'in' at position 7
            id in (1 2)                     | 10 | expected ',' or ')' in the list of 'in' at position 10
            id not in ()                    | 12 | expected a value after '(' at position 12
            summary like 5                  | 14 | 'like' needs a quoted string at position 14
            summary not contains null       | 22 | 'not contains' needs a quoted string at position 22
            summary = "a" & id = 1          | 15 | unexpected character '&' at position 15
            summary = "a" and               | 18 | expected a field name at the end
            and id = 1                      | 1  | expected a field name but found 'and' at position 1
            ()                              | 2  | expected a field name but found ')' at position 2
            board/ = 1                      | 7  | expected a field name after '/' at position 7
            """)
    void rejectsMalformedConditionsWithWhereAndWhat(String conditions, int position, String detail) {
        QuerySyntaxException e = catchThrowableOfType(QuerySyntaxException.class,
                () -> ConditionParser.parseConditions(conditions));
        assertThat(e).as(conditions).isNotNull();
        assertThat(e.getMessage()).isEqualTo("Invalid conditions: " + detail + ".");
        assertThat(e.position()).isEqualTo(position);
        assertThat(e.parameter()).isEqualTo("conditions");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            summary sideways       | 9  | expected asc or desc after 'summary' but found 'sideways' at position 9
            summary asc desc       | 13 | expected ',' or the end after 'summary asc' but found 'desc' at position 13
            id, ,summary           | 4  | expected a field name at position 4
            id desc,               | 9  | expected a field name at position 9
            id, summ@ry            | 5  | 'summ@ry' at position 5 is not a field name
            """)
    void rejectsMalformedOrderBy(String orderBy, int position, String detail) {
        QuerySyntaxException e = catchThrowableOfType(QuerySyntaxException.class, () -> OrderBy.parse(orderBy));
        assertThat(e).as(orderBy).isNotNull();
        assertThat(e.getMessage()).isEqualTo("Invalid orderBy: " + detail + ".");
        assertThat(e.position()).isEqualTo(position);
    }

    @Test
    void namesTheParameterAtFault() {
        assertThat(catchThrowableOfType(QuerySyntaxException.class,
                () -> ConditionParser.parseChildConditions("communicationItems/value ~ 1")).getMessage())
                .isEqualTo("Invalid childConditions: unexpected character '~' at position 26.");
        assertThat(catchThrowableOfType(QuerySyntaxException.class,
                () -> ConditionParser.parseCustomFieldConditions("caption = ")).parameter())
                .isEqualTo("customFieldConditions");
        assertThat(QuerySyntaxException.unknownField("conditions", "board/colour").getMessage())
                .isEqualTo("Invalid conditions: unknown field 'board/colour'.");
    }
}
