package horizon.simulator.connectwise.query;

import static horizon.simulator.connectwise.query.Records.TICKETS;
import static horizon.simulator.connectwise.query.Records.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

class OrderByTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            id desc                          | 10,3,2,1
            ''                               | 1,2,3,10
            summary asc, id desc             | 10,1,3,2
            summary DESC                     | 2,3,1,10
            _info/lastUpdated asc            | 3,1,2,10
            lastUpdated desc                 | 10,2,1,3
            budgetHours desc                 | 2,1,3,10
            budgetHours                      | 10,3,1,2
            contact/name asc                 | 2,10,1,3
            contact/name desc                | 3,1,2,10
            Board/Name                       | 1,3,2,10
            board/name desc, closedFlag desc | 10,2,3,1
            closedFlag desc, id desc         | 3,10,2,1
            """)
    void ordersLikeSqlServerWithTiesById(String orderBy, String expected) {
        List<ObjectNode> records = new ArrayList<>(TICKETS);
        Collections.reverse(records); // input order must not decide ties
        List<Long> ids = records.stream().sorted(OrderBy.parse(orderBy)).map(r -> r.get("id").asLong()).toList();
        assertThat(ids).isEqualTo(List.of(expected.split(",")).stream().map(Long::valueOf).toList());
    }

    @Test
    void datetimesOfDifferentPrecisionOrderByInstant() {
        var a = json("{'id':1,'dueDate':'2026-06-09T21:59:49.5Z'}");
        var b = json("{'id':2,'dueDate':'2026-06-09T21:59:49Z'}");
        assertThat(OrderBy.parse("dueDate").compare(a, b)).isPositive();
    }

    @Test
    void exposesTheFieldPathsItNames() {
        assertThat(OrderBy.parse(" summary asc ,  Board/Name desc").fields()).containsExactly("summary", "Board/Name");
    }
}
