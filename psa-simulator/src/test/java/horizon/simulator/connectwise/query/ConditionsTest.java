package horizon.simulator.connectwise.query;

import static horizon.simulator.connectwise.query.Records.TICKETS;
import static horizon.simulator.connectwise.query.Records.ids;
import static horizon.simulator.connectwise.query.Records.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionsTest {

    static List<Long> where(String conditions) {
        return ids(TICKETS, ConditionParser.parseConditions(conditions));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            summary = "printer toner"                    | 3
            summary = 'printer toner'                    | 3
            summary = "PRINTER TONER"                    | 3
            status/name != "New"                         | 2,3
            contact/name != "Ann Smith"                  | 3
            budgetHours > 1                              | 1,2
            budgetHours >= 1.5                           | 1,2
            budgetHours < 1.5                            | 3
            budgetHours <= 1.5                           | 1,3
            budgetHours = 4.0                            | 2
            budgetHours > -1                             | 1,2,3
            id > 9                                       | 10
            id <= 2                                      | 1,2
            summary < "printer toner"                    | 1,10
            summary >= "PRINTER TONER"                   | 3,2
            summary contains "PRINTER"                   | 1,3
            summary not contains "printer"               | 2,10
            summary like "printer*"                      | 1,3
            summary like "*FIRE"                         | 1
            summary like "*n*o*e*"                       | 1,2,3
            summary like "printer"                       | ''
            summary like "Printer on fire"               | 1
            summary like "%toner"                        | 3
            summary like "Printer_on_fire"               | 1
            summary like "*[[]HQ]*"                      | 2
            summary like "[p]rinter*"                    | 1,3
            summary like "[^p]*"                         | 2,10
            summary like "*[_]*"                         | 10
            summary like "*[v-w]n*"                      | 2
            summary not like "printer*"                  | 2,10
            board/id in (2,4)                            | 2,10
            board/id in (4, 2, 99)                       | 2,10
            status/name in ("new", "CLOSED")             | 1,3,10
            board/id not in (2,4)                        | 1,3
            contact/id not in (7)                        | 3
            contact/id in (7, null)                      | 1
            contact/id not in (7, null)                  | ''
            closedFlag = True                            | 3
            closedFlag = FALSE                           | 1,2,10
            closedFlag != true                           | 1,2,10
            closedFlag = 1                               | 3
            closedFlag = "true"                          | 3
            contact = null                               | 2,10
            contact != NULL                              | 1,3
            contact/name = null                          | 2,10
            budgetHours > null                           | ''
            budgetHours < 100                            | 1,2,3
            id = "2"                                     | 2
            lastUpdated > [2026-06-09T21:59:49Z]         | 2,10
            lastUpdated >= [2026-06-09T21:59:49Z]        | 1,2,10
            lastUpdated = [2026-06-09T21:59:49Z]         | 1
            lastUpdated > [2026-06-09T21:59:49]          | 2,10
            lastUpdated = [2026-06-09T21:59:49.000Z]     | 1
            lastUpdated < [2026-06-09T21:59:49.5Z]       | 1,3
            lastUpdated > [2026-06-09T23:59:49+02:00]    | 2,10
            lastUpdated < [2026-06-01]                   | 3
            _info/lastUpdated <= [2026-06-10T09:00:00Z]  | 1,2,3
            LastUpdated > [2026-06-09T21:59:49Z]         | 2,10
            updatedBy = "zadmin"                         | 2
            enteredBy = "jdoe"                           | 3
            dateEntered < [2026-01-01T00:00:00Z]         | 10
            _info/dateEntered < [2026-01-01T00:00:00Z]   | ''
            SUMMARY = "printer toner"                    | 3
            Board/Name = "integration"                   | 2
            board/_info/board_href = "x"                 | 1
            """)
    void comparesEachOperatorAndValueKindAsConnectWiseDoes(String conditions, String expected) {
        List<Long> ids = expected.isEmpty() ? List.of()
                : List.of(expected.split(",")).stream().map(Long::valueOf).sorted().toList();
        assertThat(where(conditions)).as(conditions).isEqualTo(ids);
    }

    @Test
    void andBindsTighterThanOrAndParenthesesGroup() {
        assertThat(where("board/name = \"Help Desk\" OR board/id = 2 AND closedFlag = true")).containsExactly(1L, 3L);
        assertThat(where("(board/name = \"Help Desk\" OR board/id = 2) AND closedFlag = true")).containsExactly(3L);
        assertThat(where("closedFlag = true and board/id = 1 or board/id = 4")).containsExactly(3L, 10L);
        assertThat(where("closedFlag = true and (board/id = 1 or board/id = 4)")).containsExactly(3L);
        assertThat(where("((id = 1) Or (id = 2 aNd (closedFlag = false)))")).containsExactly(1L, 2L);
    }

    @Test
    void aBlankOrAbsentParameterMatchesEveryRecord() {
        assertThat(where(null)).containsExactly(1L, 2L, 3L, 10L);
        assertThat(where("  ")).containsExactly(1L, 2L, 3L, 10L);
        assertThat(ids(TICKETS, Condition.all())).containsExactly(1L, 2L, 3L, 10L);
    }

    @Test
    void aBackslashEscapesTheEnclosingQuote() {
        var record = json("{'id':1,'summary':'x'}");
        record.put("summary", "say \"hi\" it's C:\\temp");
        assertThat(ConditionParser.parseConditions("summary = \"say \\\"hi\\\" it's C:\\temp\"").test(record)).isTrue();
        assertThat(ConditionParser.parseConditions("summary like 'say \"hi\" it\\'s *'").test(record)).isTrue();
    }

    @Test
    void numbersCompareByValueWhateverTheirJsonForm() {
        var record = json("{'id':12,'hours':2.50,'count':'10'}");
        assertThat(ConditionParser.parseConditions("hours = 2.5 and hours > 2 and id > 9 and id < 100").test(record))
                .isTrue();
        assertThat(ConditionParser.parseConditions("count > 9").test(record)).as("numeric text").isTrue();
        assertThat(ConditionParser.parseConditions("count > \"9\"").test(record)).as("text with text").isFalse();
    }

    @Test
    void exposesTheFieldPathsItNamesAsWritten() {
        Condition condition = ConditionParser.parseConditions(
                "Board/Name = \"x\" and (lastUpdated > [2026-01-01T00:00:00Z] or board/name != \"y\" or id in (1))");
        assertThat(condition.fields()).containsExactly("Board/Name", "lastUpdated", "board/name", "id");
        assertThat(Condition.all().fields()).isEmpty();
    }
}
