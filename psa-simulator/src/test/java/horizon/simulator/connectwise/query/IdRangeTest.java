package horizon.simulator.connectwise.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

class IdRangeTest {
    static final long MIN = Long.MIN_VALUE;
    static final long MAX = Long.MAX_VALUE;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            id > 5 and id <= 20                                     | 6    | 20
            id = 7                                                  | 7    | 7
            ID >= 3 and (summary = "x" and id < 10)                 | 3    | 9
            id > 2.5 and id < 7.5                                   | 3    | 7
            id >= 2.5 and id <= 7.5                                 | 3    | 7
            id in (3, 9, 4)                                         | 3    | 9
            id > 5 and id in (3, 9, 4)                              | 6    | 9
            id = 5 and id = 6                                       | 6    | 5
            id = 5.5                                                | 1    | 0
            id in (null)                                            | 1    | 0
            id > 99999999999999999999                               | 9223372036854775807 | 9223372036854775807
            id < -99999999999999999999                              | -9223372036854775808 | -9223372036854775808
            id > 5 or id < 2                                        | -9223372036854775808 | 9223372036854775807
            board/id = 5                                            | -9223372036854775808 | 9223372036854775807
            id = "5"                                                | -9223372036854775808 | 9223372036854775807
            id in (1, "2")                                          | -9223372036854775808 | 9223372036854775807
            id not in (1, 2)                                        | -9223372036854775808 | 9223372036854775807
            id != 4                                                 | -9223372036854775808 | 9223372036854775807
            ``                                                      | -9223372036854775808 | 9223372036854775807
            """)
    void boundsTopLevelAndedIdConditions(String conditions, long min, long max) {
        assertThat(ConditionParser.parseConditions(conditions).idRange()).isEqualTo(new IdRange(min, max));
    }

    @Test
    void arrayConditionsDoNotBoundTheRecordsIdButCombinedConditionsDo() {
        assertThat(ConditionParser.parseCustomFieldConditions("id = 5").idRange()).isEqualTo(IdRange.ALL);
        assertThat(ConditionParser.parseChildConditions("communicationItems/id = 5").idRange()).isEqualTo(IdRange.ALL);
        assertThat(ConditionParser.parseConditions("id > 10").and(ConditionParser.parseCustomFieldConditions("id = 5"))
                .and(ConditionParser.parseConditions("id < 20")).idRange()).isEqualTo(new IdRange(11, 19));
        assertThat(new IdRange(3, 2).isEmpty()).isTrue();
        assertThat(new IdRange(3, 3).contains(3)).isTrue();
    }

    @Test
    void scanningOnlyTheRangeFindsWhatAFullScanFinds() {
        NavigableMap<Long, ObjectNode> store = new TreeMap<>();
        for (long id = 1; id <= 300; id += 1 + id % 3) {
            store.put(id, Records.json("{'id':" + id + ",'priority':" + (id % 5) + "}"));
        }
        Random random = new Random(42);
        String[] ops = {"=", "!=", "<", "<=", ">", ">="};
        for (int i = 0; i < 2000; i++) {
            List<String> parts = new ArrayList<>();
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                String op = ops[random.nextInt(ops.length)];
                String value = random.nextInt(8) == 0 ? String.valueOf((random.nextInt(600) - 150) / 2.0)
                        : String.valueOf(random.nextInt(320) - 10);
                parts.add(switch (random.nextInt(8)) {
                    case 0, 1 -> "priority " + op + " " + random.nextInt(5);
                    case 2 -> "id in (" + value + ", " + random.nextInt(300) + ")";
                    default -> "id " + op + " " + value;
                });
            }
            String conditions = String.join(" and ", parts);
            if (parts.size() > 2 && random.nextBoolean()) {
                conditions = "(" + parts.get(0) + " or " + parts.get(1) + ") and "
                        + String.join(" and ", parts.subList(2, parts.size()));
            }
            Condition condition = ConditionParser.parseConditions(conditions);
            IdRange range = condition.idRange();
            List<ObjectNode> scanned = range.isEmpty() ? List.of()
                    : store.subMap(range.min(), true, range.max(), true).values().stream().filter(condition).toList();
            assertThat(scanned).as(conditions).isEqualTo(store.values().stream().filter(condition).toList());
        }
    }
}
